#include "report/registry.h"

#include <algorithm>

#include "report/reports.h"

namespace collab {

namespace {

constexpr std::string_view expiring_options[] = {"--within", "--exit-code"};
constexpr std::string_view register_options[] = {"--exit-code"};
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
    {"register", register_options, false,
     [](const Scope& s, const ReportArguments&) { return register_report(s); }},
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

Report report_shape(const ReportInfo& report) {
    // A placeholder partner with every field the partner report shows as a fact, so the
    // shape lists all of them.
    Record partner;
    partner.kind = Kind::Partner;
    partner.id = "partner";
    partner.root.type = Node::Type::Mapping;
    for (const char* field :
         {"name", "short", "native_name", "type", "country", "city", "website", "ror"}) {
        Node value;
        value.type = Node::Type::Scalar;
        value.text = "x";
        partner.root.entries.push_back({field, {}, value});
    }
    Node aliases;
    aliases.type = Node::Type::Sequence;
    aliases.items.push_back(partner.root.entries.front().value);
    partner.root.entries.push_back({"aliases", {}, aliases});
    const std::vector<Record> records = {partner};
    const Config config;
    const Index index(records);
    const Scope scope = make_scope(config, records, index, Date{}, {}, {});
    ReportArguments args;
    args.partner = &records.front();
    return report.build(scope, args);
}

bool report_takes(const ReportInfo& report, std::string_view option) {
    return std::find(report.options.begin(), report.options.end(), option) != report.options.end();
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
