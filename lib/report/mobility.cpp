// mobility: exchange head-counts from projects' mobility entries.
#include <fmt/format.h>

#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "report/common.h"
#include "report/reports.h"
#include "report/terms.h"

namespace collab {

Report mobility_report(const Scope& scope) {
    Report r{"mobility",
             "Mobility of " + scope.config.name,
             scope.config.name,
             scope.today,
             scope.filter,
             {},
             {}};
    using Key = std::tuple<std::string, std::string, std::string,
                           std::string>;  // year, partner, direction, category
    std::map<Key, long> per_partner;
    std::map<std::tuple<std::string, std::string, std::string>, long>
        totals;  // year, direction, category
    std::map<std::string, long> per_year;
    long grand = 0;
    for (const Record* p : scope.of(Kind::Project)) {
        const Node* list = p->root.get("mobility");
        if (!list || !list->is_sequence()) continue;
        std::set<std::string> tops;
        for (const auto& partner : list_values(*p, "partners")) {
            // Counterparties only: home never counts as its own partner (contract v2).
            if (!scope.index.is_home(partner)) tops.insert(top_level(scope.index, partner));
        }
        for (const Node& m : list->items) {
            if (!m.is_mapping()) continue;
            const auto year = parse_date(m.scalar("year"));
            const std::string_view count = m.scalar("count");
            if (!year || !is_whole_number(count)) continue;
            const long n = std::strtol(std::string(count).c_str(), nullptr, 10);
            const std::string y = std::to_string(year->year);
            const std::string direction(m.scalar("direction"));
            const std::string category(m.scalar("category"));
            for (const auto& t : tops) per_partner[{y, t, direction, category}] += n;
            totals[{y, direction, category}] += n;
            per_year[y] += n;
            grand += n;
        }
    }
    ReportSection section{"mobility", "Mobility", {}, {}, {}, {}, {}};
    section.note =
        "Head-counts from projects' mobility entries, per top-level partner of each project. A "
        "project with "
        "several partners shows its counts under each of them; the totals count every entry once.";
    ReportTable t{"per_partner",
                  "Head-counts per partner",
                  {"year", "partner", "direction", "category", "count"},
                  {}};
    for (const auto& [key, n] : per_partner) {
        const auto& [y, partner, direction, category] = key;
        t.rows.push_back({y, Cell::ref(ref_to(scope.index, Kind::Partner, partner)), direction,
                          category, Cell::count(n)});
    }
    t.types = {CellType::Text, CellType::Ref, CellType::Text, CellType::Text, CellType::Number};
    ReportTable tt{"totals", "Totals", {"year", "direction", "category", "count"}, {}};
    tt.types = {CellType::Text, CellType::Text, CellType::Text, CellType::Number};
    for (const auto& [key, n] : totals) {
        const auto& [y, direction, category] = key;
        tt.rows.push_back({y, direction, category, Cell::count(n)});
    }
    BarChart bars{"People exchanged per year", {}};
    for (const auto& [y, n] : per_year) bars.bars.push_back({y, static_cast<double>(n)});
    section.facts.push_back({"total", "people exchanged", Cell::count(grand)});
    r.flat = t;
    section.tables.push_back(std::move(t));
    section.tables.push_back(std::move(tt));
    section.bars.push_back(std::move(bars));
    r.sections.push_back(std::move(section));
    return r;
}

}  // namespace collab
