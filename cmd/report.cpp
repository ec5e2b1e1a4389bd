// collab report NAME [FILTER...]: the reports of lib/report/registry.cpp.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli.h"
#include "core/suggest.h"
#include "model/value_hints.h"
#include "output/formats.h"
#include "output/report_render.h"
#include "query/related.h"
#include "report/registry.h"
#include "store/validate.h"
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
    bool exit_code = false;
};

Date date_option(const std::string& text, const char* option) {
    std::string why;
    const auto d = parse_date(text, &why);
    if (!d) throw UsageError(fmt::format("{} '{}' is not a date: {}", option, text, why));
    return std::string_view(option) == "--to" ? d->last_day() : d->first_day();
}

// Options that belong to one report only (the registry's `options`) are refused elsewhere,
// rather than ignored.
void only_for(const ReportOptions& o, bool given, std::string_view option) {
    const ReportInfo* owner = report_owning(option);
    const ReportInfo* mine = find_report(o.name);
    if (given && owner && !(mine && report_takes(*mine, option))) {
        std::vector<std::string_view> owners;
        for (const ReportInfo& r : all_reports()) {
            if (report_takes(r, option)) owners.push_back(r.name);
        }
        throw UsageError(fmt::format("{} belongs to the {} report{}, not to {}", option,
                                     fmt::join(owners, " and "), owners.size() > 1 ? "s" : "",
                                     o.name));
    }
}

int run_report(const ReportOptions& o, const GlobalOptions& global) {
    const ReportInfo* info = find_report(o.name);
    if (!info) {
        std::vector<std::string_view> names;
        for (const ReportInfo& r : all_reports()) names.push_back(r.name);
        throw UsageError(fmt::format("unknown report '{}'{}", o.name, did_you_mean(o.name, names)),
                         "reports: " + report_list(""));
    }
    only_for(o, !o.within.empty(), "--within");
    only_for(o, !o.from.empty(), "--from");
    only_for(o, !o.to.empty(), "--to");
    only_for(o, o.level != "top", "--level");
    only_for(o, o.exit_code, "--exit-code");
    const std::string format = format_for(o.format, o.output, formats_of("report").formats,
                                          std::string(formats_of("report").fallback));

    refuse_binary_on_terminal(format, o.output);
    const OpenStore opened(global);
    const auto& [location, today, store, index] = opened;

    std::vector<std::string> filters = o.args;
    ReportArguments args;
    if (info->needs_partner) {
        if (filters.empty())
            throw UsageError("the partner report needs a partner id", "collab report partner ID");
        args.partner = &resolve_record(filters.front(), index);
        if (args.partner->kind != Kind::Partner) {
            throw UsageError(fmt::format("'{}' is a {}, not a partner", filters.front(),
                                         kind_name(args.partner->kind)));
        }
        filters.erase(filters.begin());
    }
    // `--within 6 months` leaves "months" as a filter, which would then be an unknown field.
    if (o.name == "expiring" && !o.within.empty() && !filters.empty() &&
        o.within.find_first_not_of("0123456789") == std::string::npos &&
        duration_unit_named(filters.front())) {
        throw UsageError(
            fmt::format("--within {} {}: a duration is one word", o.within, filters.front()),
            fmt::format("write --within {}{} (durations: 180d, 26w, 6m, 1y)", o.within,
                        *duration_unit_named(filters.front())));
    }
    const Tally validation = tally(validate(store, today));
    const Scope scope = make_scope(store.config, store.records, index, today, filters, validation);

    if (!o.within.empty()) {
        std::string why;
        args.within = parse_duration(o.within, &why);
        if (!args.within)
            throw UsageError(fmt::format("--within '{}' is not a duration: {}", o.within, why),
                             "e.g. --within 6m");
    }
    if (!o.from.empty()) args.from = date_option(o.from, "--from");
    if (!o.to.empty()) args.to = date_option(o.to, "--to");
    args.all_levels = o.level == "all";
    const Report report = info->build(scope, args);

    emit(render_report(format, report,
                       ReportStyle{o.output.empty() && use_color(global, 1), !o.no_formula_guard,
                                   print_warning}),
         o.output);
    if (!o.exit_code) return 0;
    // An error in the store (an unreadable date, a missing field) can hide a due agreement,
    // so "nothing is due" cannot be vouched for: 2 wins over 1 and 0, as grep's exit status
    // is 2 on an error even when lines matched (POSIX grep, EXIT STATUS). The report is
    // written either way. Warnings do not count.
    if (validation.errors > 0) {
        fmt::print(stderr,
                   "collab: error: the store has {} error{}, so --exit-code cannot tell whether "
                   "anything is due; exit 2 (run `collab validate`)\n",
                   validation.errors, validation.errors == 1 ? "" : "s");
        return 2;
    }
    // As `git diff --exit-code`: 1 when anything is due for a decision or lapsed.
    return report.due_or_lapsed.value_or(0) > 0 ? 1 : 0;
}

}  // namespace

Run setup_report(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<ReportOptions>();
    sub.description("Reports: " + report_list(""));
    sub.add_option("name", o->name, report_list("or"))->required();
    sub.add_option("args", o->args,
                   "For partner: the partner's id; then filter expressions as for `list`");
    sub.add_option("--format", o->format,
                   fmt::format("{} (default: from --output's extension, else {})",
                               format_list("report"), formats_of("report").fallback))
        ->check(CLI::IsMember(std::vector<std::string>(formats_of("report").formats.begin(),
                                                       formats_of("report").formats.end())));
    sub.add_option("-o,--output", o->output, "Write to FILE (atomically) instead of stdout");
    sub.add_option("--within", o->within,
                   "expiring: the window, e.g. 90d or 6m (default: collab.yaml's expiring)");
    sub.add_option("--from", o->from, "timeline: first date (YYYY[-MM[-DD]])");
    sub.add_option("--to", o->to, "timeline: last date (YYYY[-MM[-DD]])");
    sub.add_option("--level", o->level,
                   "areas: top-level partners only (top) or every partner (all)")
        ->check(CLI::IsMember({"top", "all"}));
    sub.add_flag("--exit-code", o->exit_code,
                 "expiring, register: exit 1 when an agreement is due for a decision or lapsed, "
                 "0 when none is, 2 when the store has errors (for cron and CI)");
    sub.add_flag(
        "--no-formula-guard", o->no_formula_guard,
        "csv: write cells that start like a spreadsheet formula (= + - @ ...) as they are, without "
        "the leading ' that stops a spreadsheet running them; for programs, not people");
    return [o, &global] { return run_report(*o, global); };
}

}  // namespace collab::cli
