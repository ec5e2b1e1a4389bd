// collab calendar [FILTER...] [-o FILE.ics]: notice dates, term ends, milestones and events as
// an RFC 5545 calendar for Outlook, Google Calendar and Apple Calendar.
#include <fmt/format.h>

#include "cli.h"
#include "output/formats.h"
#include "output/ics.h"
#include "report/calendar.h"
#include "report/scope.h"
#include "util/errors.h"

namespace collab::cli {

namespace {

struct CalendarOptions {
    std::vector<std::string> filters;
    std::string output;
    std::string format;
    std::string alarm;
    std::string name;
};

int run_calendar(const CalendarOptions& o, const GlobalOptions& global) {
    format_for(o.format, o.output, formats_of("calendar").formats,
               std::string(formats_of("calendar").fallback));
    std::optional<Duration> alarm;
    if (!o.alarm.empty()) {
        std::string why;
        alarm = parse_duration(o.alarm, &why);
        if (!alarm)
            throw UsageError(fmt::format("--alarm '{}' is not a duration: {}", o.alarm, why),
                             "e.g. --alarm 30d (durations: 180d, 26w, 6m, 1y)");
    }
    const OpenStore opened(global);
    const auto& [location, today, store, index] = opened;
    warn_if_invalid(store, today);
    const Scope scope = make_scope(store.config, store.records, index, today, o.filters, {});
    const std::vector<CalendarEntry> entries = calendar_entries(scope);
    IcsOptions options{o.name.empty() ? store.config.name : o.name, today, alarm};
    emit(render_ics(entries, options), o.output);
    return 0;
}

}  // namespace

Run setup_calendar(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<CalendarOptions>();
    sub.add_option("filters", o->filters,
                   "Filter expressions as for `list`; each applies to every kind it can speak "
                   "about (agreements, projects, events), the others are left out");
    sub.add_option("-o,--output", o->output,
                   "Write to FILE (atomically), e.g. collab.ics, instead of stdout");
    sub.add_option("--format", o->format,
                   fmt::format("{} (the only one; default: {})", format_list("calendar"),
                               formats_of("calendar").fallback))
        ->check(CLI::IsMember(std::vector<std::string>(formats_of("calendar").formats.begin(),
                                                       formats_of("calendar").formats.end())));
    sub.add_option("--alarm", o->alarm,
                   "Add a reminder this long before each entry, e.g. 30d, 2w or 1m");
    sub.add_option("--name", o->name,
                   "The calendar's name in the subscriber's list (default: collab.yaml's name)");
    return [o, &global] { return run_calendar(*o, global); };
}

}  // namespace collab::cli
