// areas: which partners we work with on which areas, counting agreements and projects.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "query/related.h"
#include "report/common.h"
#include "report/reports.h"
#include "report/terms.h"

namespace collab {

Report areas_report(const Scope& scope, bool all_levels) {
    Report r{"areas",
             "Collaboration areas of " + scope.config.name,
             scope.config.name,
             scope.today,
             scope.filter,
             {},
             {}};
    // counts[kind][partner][area]
    std::map<Kind, std::map<std::string, std::map<std::string, long>>> counts;
    std::set<std::string> used_areas, partners;
    for (Kind kind : {Kind::Agreement, Kind::Project}) {
        for (const Record* rec : scope.of(kind)) {
            std::set<std::string> who;
            for (const auto& p :
                 list_values(*rec, kind == Kind::Agreement ? "parties" : "partners")) {
                if (scope.index.is_home(p)) continue;  // counterparties only (contract v2)
                who.insert(all_levels ? p : top_level(scope.index, p));
            }
            const auto listed = list_values(*rec, "areas");
            for (const auto& area : std::set<std::string>(listed.begin(), listed.end())) {
                used_areas.insert(area);
                for (const auto& p : who) {
                    ++counts[kind][p][area];
                    partners.insert(p);
                }
            }
        }
    }
    // The declared vocabulary keeps its order; areas used but not declared follow.
    std::vector<std::string> areas = scope.config.areas;
    for (const auto& a : used_areas) {
        if (std::find(areas.begin(), areas.end(), a) == areas.end()) areas.push_back(a);
    }
    const auto matrix = [&](Kind kind, std::string key, std::string title) {
        ReportTable t{std::move(key), std::move(title), {"partner"}, {}};
        for (const auto& a : areas) t.columns.push_back(a);
        t.columns.emplace_back("total");
        t.types.assign(t.columns.size(), CellType::Number);
        t.types.front() = CellType::Ref;
        // Area names are values, not keys: JSON lists them per row (report JSON v2).
        t.spread = Spread{1, areas.size(), "by_area", "area", "count"};
        for (const auto& p : partners) {
            std::vector<Cell> row = {Cell::ref(ref_to(scope.index, Kind::Partner, p))};
            long total = 0;
            for (const auto& a : areas) {
                const long n = counts[kind][p][a];
                total += n;
                row.push_back(Cell::count(n));
            }
            row.push_back(Cell::count(total));
            t.rows.push_back(std::move(row));
        }
        return t;
    };
    ReportSection section{"areas", "Areas", {}, {}, {}, {}, {}};
    section.note = fmt::format(
        "Rows: {} partners involved in agreements or projects with areas. A record counts once per "
        "partner and "
        "area.",
        all_levels ? "all"
                   : "top-level (sub-organisations rolled up into their top-level organisation)");
    section.tables.push_back(
        matrix(Kind::Agreement, "agreements", "Agreements by partner and area"));
    section.tables.push_back(matrix(Kind::Project, "projects", "Projects by partner and area"));
    BarChart bars{"Agreements and projects per area", {}};
    ReportTable flat{"areas",
                     "Agreements and projects by partner and area",
                     {"partner", "area", "agreements", "projects"},
                     {}};
    for (const auto& a : areas) {
        std::set<const Record*> distinct;
        for (Kind kind : {Kind::Agreement, Kind::Project}) {
            for (const Record* rec : scope.of(kind)) {
                const auto list = list_values(*rec, "areas");
                if (std::find(list.begin(), list.end(), a) != list.end()) distinct.insert(rec);
            }
        }
        bars.bars.push_back({a, static_cast<double>(distinct.size())});
        for (const auto& p : partners) {
            const long agreements = counts[Kind::Agreement][p][a];
            const long projects = counts[Kind::Project][p][a];
            if (agreements || projects)
                flat.rows.push_back({p, a, Cell::count(agreements), Cell::count(projects)});
        }
    }
    section.bars.push_back(std::move(bars));
    r.flat = std::move(flat);
    r.sections.push_back(std::move(section));
    return r;
}

}  // namespace collab
