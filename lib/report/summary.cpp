// summary: how many of everything, per partner, area and year; what needs attention.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "model/renewal.h"
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
        chart.bars.push_back(
            {value, static_cast<double>(n), names.count(value) ? names.at(value) : std::string()});
    }
    s.tables.push_back(std::move(t));
    s.bars.push_back(std::move(chart));
}

// "120 days", "6 months", "1 year": a window as a reader says it.
std::string duration_words(const Duration& d) {
    const char* unit = d.unit == 'd'   ? "day"
                       : d.unit == 'w' ? "week"
                       : d.unit == 'm' ? "month"
                                       : "year";
    return fmt::format("{} {}{}", d.count, unit, d.count == 1 ? "" : "s");
}

// The numbers a reader wants first (HTML only: ReportSection::Audience::reader). Partners
// are institutions other than home and its units (contract v2, "The home institution"),
// counted once per top-level organisation.
ReportSection headline(const Scope& scope) {
    ReportSection s{"headline", "At a glance", {}, {}, {}, {}, {}};
    s.audience = ReportSection::Audience::reader;
    std::set<std::string> partners;
    for (const Record* p : scope.of(Kind::Partner)) {
        if (!scope.index.is_home(p->id)) partners.insert(top_level(scope.index, p->id));
    }
    long in_force_count = 0, due = 0, lapsed_count = 0;
    for (const Record* a : scope.of(Kind::Agreement)) {
        in_force_count += in_force(*a, scope.today) ? 1 : 0;
        due += needs_attention(*a, scope.today, scope.config.expiring) ? 1 : 0;
        lapsed_count += lapsed(*a, scope.today) ? 1 : 0;
    }
    long projects = 0;
    for (const Record* p : scope.of(Kind::Project))
        projects += p->root.scalar("status") == "active" ? 1 : 0;
    s.facts.push_back(
        {"partners", "partner institutions", Cell::count(static_cast<long>(partners.size()))});
    s.facts.push_back({"in_force", "agreements in force", Cell::count(in_force_count)});
    s.facts.push_back({"due", "due for a decision", Cell::count(due)});
    s.facts.push_back({"lapsed", "lapsed, to renew or close", Cell::count(lapsed_count)});
    s.facts.push_back({"projects", "active projects", Cell::count(projects)});
    return s;
}

// The agreements due for a decision, by name (HTML only), with the expiring report's rule
// (report/terms.h's needs_attention, collab.yaml's expiring window), soonest notice first.
ReportSection decisions(const Scope& scope) {
    ReportSection s{"decisions", "Due for a decision", {}, {}, {}, {}, {}};
    s.audience = ReportSection::Audience::reader;
    s.note = fmt::format(
        "Agreements whose notice date (the last day to renew or give notice) has passed or "
        "falls within the next {}, soonest first.",
        duration_words(scope.config.expiring));
    std::vector<std::pair<Date, const Record*>> due;
    for (const Record* a : scope.of(Kind::Agreement)) {
        if (needs_attention(*a, scope.today, scope.config.expiring))
            due.emplace_back(*notice_date(*a, scope.today), a);
    }
    std::stable_sort(due.begin(), due.end(), [](const auto& a, const auto& b) {
        return std::make_pair(a.first, a.second->id) < std::make_pair(b.first, b.second->id);
    });
    ReportTable t{"decisions",
                  "Due for a decision",
                  {"notice date", "agreement", "with", "term ends", "id"},
                  {}};
    for (const auto& [notice, a] : due) {
        std::string with;
        for (const auto& p : scope.index.counterparties(*a)) {
            const Record* pr = scope.index.find(Kind::Partner, p);
            with += (with.empty() ? "" : "; ") + (pr ? label_of(*pr) : p);
        }
        const auto end = term_end(*a, scope.today);
        t.rows.push_back({notice.str(), label_of(*a), with, end ? end->str() : "", a->id});
    }
    s.tables.push_back(std::move(t));
    return s;
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

    r.sections.push_back(headline(scope));
    r.sections.push_back(decisions(scope));

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
    attn.audience = ReportSection::Audience::terminal;  // the page has headline and decisions
    r.sections.push_back(std::move(attn));

    ReportSection validation{"validation", "Validation", {}, {}, {}, {}, {}};
    validation.facts.push_back({"errors", "errors", Cell::count(scope.validation.errors)});
    validation.facts.push_back({"warnings", "warnings", Cell::count(scope.validation.warnings)});
    validation.note = "Of the whole store, whatever the filter (see `collab validate`).";
    // About the files, not the partnerships: for the terminal, not the page's reader.
    validation.audience = ReportSection::Audience::terminal;
    r.sections.push_back(std::move(validation));
    return r;
}

}  // namespace collab
