// timeline: every dated fact in order.
#include <fmt/format.h>

#include <algorithm>

#include "query/related.h"
#include "report/common.h"
#include "report/reports.h"
#include "report/terms.h"

namespace collab {

namespace {

struct Happening {
    Date day;
    std::string written;  // the date as written in the record
    std::string what;
    const Record* record;
};

}  // namespace

Report timeline_report(const Scope& scope, std::optional<Date> from, std::optional<Date> to) {
    Report r{"timeline",
             "Timeline of " + scope.config.name,
             scope.config.name,
             scope.today,
             scope.filter,
             {},
             {}};
    std::vector<Happening> facts;
    const auto add_fact = [&](const Record& rec, std::string_view field, std::string what) {
        const std::string_view text = rec.root.scalar(field);
        if (const auto day = record_day(rec, field))
            facts.push_back({*day, std::string(text), std::move(what), &rec});
    };
    for (const Record* rec : scope.selected) {
        switch (rec->kind) {
            case Kind::Agreement:
                add_fact(*rec, "signed", "signed");
                add_fact(*rec, "effective", "takes effect");
                add_fact(*rec, "expires", "expires");
                break;
            case Kind::Project: {
                add_fact(*rec, "start", "starts");
                add_fact(*rec, "end", "ends");
                const Node* ms = rec->root.get("milestones");
                if (!ms || !ms->is_sequence()) break;
                for (const Node& m : ms->items) {
                    if (!m.is_mapping()) continue;
                    const auto due = parse_date(m.scalar("due"));
                    if (!due) continue;
                    const bool done = m.scalar("done") == "true";
                    facts.push_back(
                        {due->last_day(), std::string(m.scalar("due")),
                         fmt::format("milestone{}: {}", done ? " (done)" : "", m.scalar("title")),
                         rec});
                }
                break;
            }
            case Kind::Event:
                add_fact(*rec, "date", std::string(rec->root.scalar("type")));
                break;
            default:
                break;
        }
    }
    std::erase_if(
        facts, [&](const Happening& h) { return (from && h.day < *from) || (to && h.day > *to); });
    std::stable_sort(facts.begin(), facts.end(), [](const Happening& a, const Happening& b) {
        return std::tie(a.day, a.record->kind, a.record->id) <
               std::tie(b.day, b.record->kind, b.record->id);
    });

    ReportSection section{"timeline", "Timeline", {}, {}, {}, {}, {}};
    section.note =
        fmt::format("From {} to {}; partial dates sort by the day they stand for.",
                    from ? from->str() : "the first record", to ? to->str() : "the last");
    ReportTable t{"timeline", "Timeline", {"date", "what", "kind", "id", "title"}, {}};
    t.types = {CellType::Date, CellType::Text, CellType::Text, CellType::Text, CellType::Text};
    for (const auto& h : facts) {
        t.rows.push_back({Cell::date(h.written), h.what, std::string(kind_name(h.record->kind)),
                          h.record->id, label_of(*h.record)});
    }
    section.facts.push_back({"count", "dated facts", Cell::count(static_cast<long>(facts.size()))});
    GanttChart gantt{"Terms of agreements and projects", {}};
    for (const Record* rec : scope.selected) {
        if (rec->kind != Kind::Agreement && rec->kind != Kind::Project) continue;
        auto s = span_of(*rec, scope.today);
        if (!s) continue;
        // Only terms that overlap the chosen period.
        if ((to && s->start > *to) || (from && s->end && *s->end < *from)) continue;
        gantt.spans.push_back(*s);
    }
    std::stable_sort(gantt.spans.begin(), gantt.spans.end(),
                     [](const Span& a, const Span& b) { return a.start < b.start; });
    if (!gantt.spans.empty()) section.gantt = std::move(gantt);
    r.flat = t;
    section.tables.push_back(std::move(t));
    r.sections.push_back(std::move(section));
    return r;
}

}  // namespace collab
