// collab report NAME [FILTER...]: summary, expiring, partner, timeline, areas, mobility.
#include <fmt/format.h>

#include "check/suggest.h"
#include "check/validate.h"
#include "cli.h"
#include "output/report_render.h"
#include "query/related.h"
#include "report/reports.h"
#include "util/errors.h"

namespace collab::cli {

namespace {

struct ReportOptions {
    std::string name;
    std::vector<std::string> args;  // [ID] FILTER...
    std::string format;
    std::string output;
    std::string within;
    std::string from;
    std::string to;
    std::string level = "top";
    bool no_formula_guard = false;
};

Date date_option(const std::string& text, const char* option) {
    std::string why;
    const auto d = parse_date(text, &why);
    if (!d) throw UsageError(fmt::format("{} '{}' is not a date: {}", option, text, why));
    return std::string_view(option) == "--to" ? d->last_day() : d->first_day();
}

// Options that belong to one report only are refused elsewhere, rather than ignored.
void only_for(const ReportOptions& o, bool given, const char* option, std::string_view report) {
    if (given && o.name != report) {
        throw UsageError(
            fmt::format("{} belongs to the {} report, not to {}", option, report, o.name));
    }
}

int run_report(const ReportOptions& o, const GlobalOptions& global) {
    if (std::find(std::begin(report_names), std::end(report_names), o.name) ==
        std::end(report_names)) {
        throw UsageError(
            fmt::format("unknown report '{}'{}", o.name, did_you_mean(o.name, report_names)),
            "reports: summary, expiring, partner, timeline, areas, mobility");
    }
    only_for(o, !o.within.empty(), "--within", "expiring");
    only_for(o, !o.from.empty(), "--from", "timeline");
    only_for(o, !o.to.empty(), "--to", "timeline");
    only_for(o, o.level != "top", "--level", "areas");
    const std::string format = format_for(o.format, o.output, report_formats, "text");

    const OpenStore opened(global);
    const auto& [location, today, store, index] = opened;

    std::vector<std::string> filters = o.args;
    const Record* partner = nullptr;
    if (o.name == "partner") {
        if (filters.empty())
            throw UsageError("the partner report needs a partner id", "collab report partner ID");
        partner = &resolve_record(filters.front(), index);
        if (partner->kind != Kind::Partner) {
            throw UsageError(fmt::format("'{}' is a {}, not a partner", filters.front(),
                                         kind_name(partner->kind)));
        }
        filters.erase(filters.begin());
    }
    const Tally validation = tally(validate(store, today));
    const Scope scope = make_scope(store.config, store.records, index, today, filters, validation);

    Report report;
    if (o.name == "summary") report = summary_report(scope);
    if (o.name == "expiring") {
        Duration window = store.config.expiring;
        if (!o.within.empty()) {
            std::string why;
            const auto d = parse_duration(o.within, &why);
            if (!d)
                throw UsageError(fmt::format("--within '{}' is not a duration: {}", o.within, why));
            window = *d;
        }
        report = expiring_report(scope, window);
    }
    if (o.name == "partner") report = partner_report(scope, *partner);
    if (o.name == "timeline") {
        std::optional<Date> from, to;
        if (!o.from.empty()) from = date_option(o.from, "--from");
        if (!o.to.empty()) to = date_option(o.to, "--to");
        report = timeline_report(scope, from, to);
    }
    if (o.name == "areas") report = areas_report(scope, o.level == "all");
    if (o.name == "mobility") report = mobility_report(scope);

    emit(render_report(format, report,
                       ReportStyle{o.output.empty() && use_color(global, 1), !o.no_formula_guard}),
         o.output);
    return 0;
}

}  // namespace

Run setup_report(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<ReportOptions>();
    sub.add_option("name", o->name, "summary, expiring, partner, timeline, areas or mobility")
        ->required();
    sub.add_option("args", o->args,
                   "For partner: the partner's id; then filter expressions as for `list`");
    sub.add_option("--format", o->format,
                   "text, md, csv, json or html (default: from --output's extension, else text)")
        ->check(CLI::IsMember(
            std::vector<std::string>(std::begin(report_formats), std::end(report_formats))));
    sub.add_option("-o,--output", o->output, "Write to FILE (atomically) instead of stdout");
    sub.add_option("--within", o->within,
                   "expiring: the window, e.g. 90d or 6m (default: collab.yaml's expiring)");
    sub.add_option("--from", o->from, "timeline: first date (YYYY[-MM[-DD]])");
    sub.add_option("--to", o->to, "timeline: last date (YYYY[-MM[-DD]])");
    sub.add_option("--level", o->level,
                   "areas: top-level partners only (top) or every partner (all)")
        ->check(CLI::IsMember({"top", "all"}));
    sub.add_flag(
        "--no-formula-guard", o->no_formula_guard,
        "csv: write cells that start like a spreadsheet formula (= + - @ ...) as they are, without "
        "the leading ' that stops a spreadsheet running them; for programs, not people");
    return [o, &global] { return run_report(*o, global); };
}

}  // namespace collab::cli
