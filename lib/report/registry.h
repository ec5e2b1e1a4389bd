// The report registry: one row per report of `collab report` (its name, its own options, what
// it needs and its builder), read by cmd/report.cpp, the command's help, the completions and
// the tests. A new report is a builder file and one row in registry.cpp.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "report/report.h"
#include "report/scope.h"

namespace collab {

// What a report may be asked beyond its scope: its own options, already parsed by cmd/.
struct ReportArguments {
    std::optional<Duration> within;   // expiring: the window (default: collab.yaml's expiring)
    std::optional<Date> from;         // timeline: first day shown
    std::optional<Date> to;           // timeline: last day shown
    bool all_levels = false;          // areas: every partner, not only top-level ones
    const Record* partner = nullptr;  // partner: the partner (needs_partner)
};

struct ReportInfo {
    std::string_view name;
    // The options that belong to it alone (cmd/report.cpp refuses them for other reports).
    std::span<const std::string_view> options;
    bool needs_partner = false;  // takes a partner id before its filter
    Report (*build)(const Scope& scope, const ReportArguments& args) = nullptr;
};

// Every report, in the order help and completions list them.
std::span<const ReportInfo> all_reports();
// The row of `name`; nullptr when there is no such report.
const ReportInfo* find_report(std::string_view name);
// The first report that owns `option` ("--within"); nullptr when none does.
const ReportInfo* report_owning(std::string_view option);
// What `report` builds for a store that holds one partner with every field and nothing
// else: its sections, facts and tables (with their column types) without data rows, for
// its JSON Schema (output/report_schema.h).
Report report_shape(const ReportInfo& report);
// Whether `option` is one of `report`'s own options.
bool report_takes(const ReportInfo& report, std::string_view option);
// "summary, expiring, ... and mobility" (`last_joiner` "and"/"or"; empty: all commas).
std::string report_list(std::string_view last_joiner);

}  // namespace collab
