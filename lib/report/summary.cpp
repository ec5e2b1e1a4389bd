// summary: how many of everything, per partner, area and year; what needs attention.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "query/related.h"
#include "report/reports.h"
#include "report/terms.h"

namespace collab {

namespace {

// Counts as a table and a bar chart, most frequent first, then by name.
void counted(ReportSection& s, std::string key, std::string title, std::string column,
             const std::map<std::string, long>& counts,
             const std::map<std::string, std::string>& names = {}, bool with_names = false) {
    std::vector<std::pair<std::string, long>> rows(counts.begin(), counts.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    ReportTable t{std::move(key), title, {std::move(column)}, {}};
    // The name column follows the names being asked for, not found: the same columns for
    // every store (the report's JSON Schema).
    if (with_names) t.columns.emplace_back("name");
    t.columns.emplace_back("agreements");
    t.types.assign(t.columns.size(), CellType::Text);
    t.types.back() = CellType::Number;
    BarChart chart{std::move(title), {}};
    for (const auto& [value, n] : rows) {
        std::vector<Cell> row = {value};
        if (with_names) row.emplace_back(names.count(value) ? names.at(value) : std::string());
        row.push_back(Cell::count(n));
        t.rows.push_back(std::move(row));
        chart.bars.push_back({value, static_cast<double>(n)});
    }
    s.tables.push_back(std::move(t));
    s.bars.push_back(std::move(chart));
}

}  // namespace

Report summary_report(const Scope& scope) {
    Report r{"summary",
             "Summary of " + scope.config.name,
             scope.config.name,
             scope.today,
             scope.filter,
             {},
             {}};

    ReportSection records{"records", "Records", {}, {}, {}, {}, {}};
    ReportTable by_kind{
        "by_kind_and_status", "Records by kind and status", {"kind", "status", "records"}, {}};
    by_kind.types = {CellType::Text, CellType::Text, CellType::Number};
    BarChart kinds{"Records by kind", {}};
    for (Kind k : all_kinds) {
        std::map<std::string, long> statuses;
        const auto list = scope.of(k);
        for (const Record* rec : list) ++statuses[std::string(rec->root.scalar("status"))];
        std::vector<std::pair<std::string, long>> rows(statuses.begin(), statuses.end());
        std::stable_sort(rows.begin(), rows.end(), [k](const auto& a, const auto& b) {
            return status_rank(k, a.first) < status_rank(k, b.first);
        });
        for (const auto& [status, n] : rows) {
            by_kind.rows.push_back(
                {std::string(kind_folder(k)),
                 status.empty() ? Cell::typed(CellType::Text, "-") : Cell(status), Cell::count(n)});
        }
        records.facts.push_back({std::string(kind_folder(k)), std::string(kind_folder(k)),
                                 Cell::count(static_cast<long>(list.size()))});
        kinds.bars.push_back({std::string(kind_folder(k)), static_cast<double>(list.size())});
    }
    records.tables.push_back(std::move(by_kind));
    records.bars.push_back(std::move(kinds));
    r.sections.push_back(std::move(records));

    ReportSection agreements{"agreements", "Agreements", {}, {}, {}, {}, {}};
    std::map<std::string, long> per_partner, per_area, per_year;
    std::map<std::string, std::string> partner_names;
    for (const Record* a : scope.of(Kind::Agreement)) {
        std::set<std::string> tops;
        if (const Node* parties = a->root.get("parties"); parties && parties->is_sequence()) {
            for (const Node& p : parties->items) {
                // Counterparties only: home never counts as its own partner (contract v2).
                if (p.is_scalar() && !p.is_absent() && !scope.index.is_home(p.text))
                    tops.insert(top_level(scope.index, p.text));
            }
        }
        for (const auto& t : tops) {
            ++per_partner[t];
            if (const Record* pr = scope.index.find(Kind::Partner, t))
                partner_names[t] = label_of(*pr);
        }
        std::set<std::string> areas;
        if (const Node* list = a->root.get("areas"); list && list->is_sequence()) {
            for (const Node& area : list->items) {
                if (area.is_scalar() && !area.is_absent()) areas.insert(area.text);
            }
        }
        for (const auto& area : areas) ++per_area[area];
        if (const auto d = parse_date(a->root.scalar("signed")))
            ++per_year[std::to_string(d->year)];
    }
    counted(agreements, "per_partner", "Agreements per top-level partner", "partner", per_partner,
            partner_names, true);
    counted(agreements, "per_area", "Agreements per area", "area", per_area);
    // Years read best in order, not by frequency.
    ReportTable years{"signed_per_year", "Agreements signed per year", {"year", "agreements"}, {}};
    years.types = {CellType::Text, CellType::Number};
    BarChart year_bars{"Agreements signed per year", {}};
    for (const auto& [year, n] : per_year) {
        years.rows.push_back({year, Cell::count(n)});
        year_bars.bars.push_back({year, static_cast<double>(n)});
    }
    agreements.tables.push_back(std::move(years));
    agreements.bars.push_back(std::move(year_bars));
    r.sections.push_back(std::move(agreements));

    ReportSection projects{"projects", "Projects", {}, {}, {}, {}, {}};
    std::map<std::string, long> project_status, project_type;
    for (const Record* p : scope.of(Kind::Project)) {
        ++project_status[std::string(p->root.scalar("status"))];
        ++project_type[std::string(p->root.scalar("type"))];
    }
    ReportTable ps{"by_status", "Projects by status", {"status", "projects"}, {}};
    for (const auto& [s, n] : project_status) ps.rows.push_back({s, Cell::count(n)});
    ReportTable pt{"by_type", "Projects by type", {"type", "projects"}, {}};
    ps.types = pt.types = {CellType::Text, CellType::Number};
    for (const auto& [t, n] : project_type) pt.rows.push_back({t, Cell::count(n)});
    projects.tables.push_back(std::move(ps));
    projects.tables.push_back(std::move(pt));
    r.sections.push_back(std::move(projects));

    long attention = 0, lapsed_count = 0;
    for (const Record* a : scope.of(Kind::Agreement)) {
        attention += needs_attention(*a, scope.today, scope.config.expiring) ? 1 : 0;
        lapsed_count += lapsed(*a, scope.today) ? 1 : 0;
    }
    ReportSection attn{"attention", "Needs attention", {}, {}, {}, {}, {}};
    attn.note =
        fmt::format("Agreements whose notice date falls within {} (see `collab report expiring`).",
                    scope.config.expiring.str());
    attn.facts.push_back({"expiring", "expiring or due for notice", Cell::count(attention)});
    attn.facts.push_back(
        {"lapsed", "lapsed (still marked active or signed)", Cell::count(lapsed_count)});
    r.sections.push_back(std::move(attn));

    ReportSection validation{"validation", "Validation", {}, {}, {}, {}, {}};
    validation.facts.push_back({"errors", "errors", Cell::count(scope.validation.errors)});
    validation.facts.push_back({"warnings", "warnings", Cell::count(scope.validation.warnings)});
    validation.note = "Of the whole store, whatever the filter (see `collab validate`).";
    r.sections.push_back(std::move(validation));
    return r;
}

}  // namespace collab
