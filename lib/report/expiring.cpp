// expiring: agreements that need a decision soon (by their notice date), and lapsed ones.
#include <fmt/format.h>

#include <algorithm>

#include "model/renewal.h"
#include "query/related.h"
#include "report/common.h"
#include "report/reports.h"
#include "report/terms.h"

namespace collab {

Report expiring_report(const Scope& scope, const Duration& window) {
    Report r{"expiring",
             "Expiring agreements of " + scope.config.name,
             scope.config.name,
             scope.today,
             scope.filter,
             {},
             {}};
    const Date horizon = add(scope.today, window);

    std::vector<const Record*> due, gone;
    for (const Record* a : scope.of(Kind::Agreement)) {
        if (needs_attention(*a, scope.today, window)) due.push_back(a);
        if (lapsed(*a, scope.today)) gone.push_back(a);
    }
    const Date today = scope.today;
    std::stable_sort(due.begin(), due.end(), [today](const Record* a, const Record* b) {
        return std::make_pair(*notice_date(*a, today), a->id) <
               std::make_pair(*notice_date(*b, today), b->id);
    });
    std::stable_sort(gone.begin(), gone.end(), [today](const Record* a, const Record* b) {
        return std::make_pair(*lapsed_on(*a, today), a->id) <
               std::make_pair(*lapsed_on(*b, today), b->id);
    });

    const std::vector<std::string> due_columns = {"notice date",    "days to notice",    "expires",
                                                  "days to expiry", "automatic renewal", "id",
                                                  "title",          "parties",           "owner"};
    ReportSection attention{"expiring", "Due for a decision", {}, {}, {}, {}, {}};
    attention.note = fmt::format(
        "Active or signed agreements whose term ends on or after {} and whose notice date (term "
        "end minus renewal.notice) falls on or before {} (today + {}), by notice date. The term "
        "end is expires, rolled forward through automatic renewals.",
        scope.today.str(), horizon.str(), window.str());
    ReportTable t{"expiring", "Due for a decision", due_columns, {}};
    t.types = {CellType::Date,   CellType::Number,  CellType::Date,
               CellType::Number, CellType::Boolean, CellType::Text,
               CellType::Text,   CellType::Refs,    CellType::Ref};
    GanttChart gantt{"Terms of the agreements due for a decision", {}};
    for (const Record* a : due) {
        const Date notice = *notice_date(*a, today);
        // The term end: expires rolled forward through automatic renewals.
        const Date expires = *term_end(*a, today);
        const Node* renewal = a->root.get("renewal");
        const bool automatic =
            renewal && renewal->is_mapping() && renewal->scalar("automatic") == "true";
        t.rows.push_back({Cell::date(notice.str()), Cell::count(days_between(scope.today, notice)),
                          Cell::date(expires.str()),
                          Cell::count(days_between(scope.today, expires)), Cell::boolean(automatic),
                          a->id, label_of(*a),
                          partners_cell(scope.index, list_values(*a, "parties")),
                          person_cell(scope.index, a->root.scalar("owner"))});
        if (auto s = span_of(*a, scope.today)) gantt.spans.push_back(*s);
    }
    attention.facts.push_back({"count", "agreements", Cell::count(static_cast<long>(due.size()))});
    attention.facts.push_back({"window", "window", window.str()});
    attention.facts.push_back({"horizon", "notice dates up to", horizon.str()});
    attention.tables.push_back(t);
    if (!gantt.spans.empty()) attention.gantt = std::move(gantt);
    r.sections.push_back(std::move(attention));

    ReportSection lapsed_section{"lapsed", "Lapsed", {}, {}, {}, {}, {}};
    lapsed_section.note =
        "Still marked active or signed, but past their term end or terminated: renew them or "
        "mark them expired or terminated.";
    ReportTable l{"lapsed",
                  "Lapsed",
                  {"expires", "days since", "id", "title", "status", "parties", "owner"},
                  {}};
    l.types = {CellType::Date, CellType::Number, CellType::Text, CellType::Text,
               CellType::Text, CellType::Refs,   CellType::Ref};
    for (const Record* a : gone) {
        const Date expires = *lapsed_on(*a, today);
        l.rows.push_back({Cell::date(expires.str()),
                          Cell::count(days_between(expires, scope.today)), a->id, label_of(*a),
                          std::string(a->root.scalar("status")),
                          partners_cell(scope.index, list_values(*a, "parties")),
                          person_cell(scope.index, a->root.scalar("owner"))});
    }
    lapsed_section.facts.push_back(
        {"count", "agreements", Cell::count(static_cast<long>(gone.size()))});
    lapsed_section.tables.push_back(l);
    r.sections.push_back(std::move(lapsed_section));

    // CSV: both lists in one table, told apart by the first column.
    ReportTable flat{"expiring", "Expiring and lapsed agreements", {"section"}, {}};
    for (const auto& c : due_columns) flat.columns.push_back(c);
    for (const auto& row : t.rows) {
        std::vector<Cell> cells = {"expiring"};
        cells.insert(cells.end(), row.begin(), row.end());
        flat.rows.push_back(std::move(cells));
    }
    for (const Record* a : gone) {
        const Date expires = *record_day(*a, "expires");
        flat.rows.push_back({"lapsed", "", "", expires.str(),
                             Cell::count(days_between(scope.today, expires)), "", a->id,
                             label_of(*a), joined(list_values(*a, "parties")),
                             std::string(a->root.scalar("owner"))});
    }
    r.flat = std::move(flat);
    // --exit-code: anything due for a decision or lapsed (report/terms.h).
    r.due_or_lapsed = static_cast<long>(due.size() + gone.size());
    return r;
}

}  // namespace collab
