#include "report/registry.h"

#include "report/reports.h"

namespace collab {

namespace {

constexpr std::string_view expiring_options[] = {"--within"};
constexpr std::string_view timeline_options[] = {"--from", "--to"};
constexpr std::string_view areas_options[] = {"--level"};

const ReportInfo reports[] = {
    {"summary",
     {},
     false,
     [](const Scope& s, const ReportArguments&) { return summary_report(s); }},
    {"expiring", expiring_options, false,
     [](const Scope& s, const ReportArguments& a) {
         return expiring_report(s, a.within.value_or(s.config.expiring));
     }},
    {"partner",
     {},
     true,
     [](const Scope& s, const ReportArguments& a) { return partner_report(s, *a.partner); }},
    {"timeline", timeline_options, false,
     [](const Scope& s, const ReportArguments& a) { return timeline_report(s, a.from, a.to); }},
    {"areas", areas_options, false,
     [](const Scope& s, const ReportArguments& a) { return areas_report(s, a.all_levels); }},
    {"mobility",
     {},
     false,
     [](const Scope& s, const ReportArguments&) { return mobility_report(s); }},
};

}  // namespace

std::span<const ReportInfo> all_reports() {
    return reports;
}

const ReportInfo* find_report(std::string_view name) {
    for (const ReportInfo& r : reports) {
        if (r.name == name) return &r;
    }
    return nullptr;
}

const ReportInfo* report_owning(std::string_view option) {
    for (const ReportInfo& r : reports) {
        for (std::string_view o : r.options) {
            if (o == option) return &r;
        }
    }
    return nullptr;
}

std::string report_list(std::string_view last_joiner) {
    std::string out;
    const std::size_t n = std::size(reports);
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) {
            out += i + 1 == n && !last_joiner.empty() ? " " + std::string(last_joiner) + " " : ", ";
        }
        out += reports[i].name;
    }
    return out;
}

}  // namespace collab
