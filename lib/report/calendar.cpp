#include "report/calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "model/kind.h"
#include "model/renewal.h"
#include "query/related.h"
#include "report/common.h"
#include "report/terms.h"

namespace collab {

namespace {

// A partner's or person's name for a description; the id itself when it names nothing.
std::string name_of(const Index& index, Kind kind, const std::string& id) {
    const Record* r = index.find(kind, id);
    const std::string label = r ? label_of(*r) : "";
    return label.empty() ? id : label;
}

// "Counterparties: A, B\nOwner: C\nTerm ends: D\nFile: E": what the reader needs to act.
std::string agreement_description(const Scope& scope, const Record& a, Date end) {
    std::vector<std::string> names;
    for (const auto& p : scope.index.counterparties(a))
        names.push_back(name_of(scope.index, Kind::Partner, p));
    std::string out = "Agreement: " + a.id;
    // "; " between names: partner names hold commas ("Hospital, School of Medicine").
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "\nCounterparties: " : "; ") + names[i];
    const std::string owner(a.root.scalar("owner"));
    if (!owner.empty()) out += "\nOwner: " + name_of(scope.index, Kind::Person, owner);
    out += "\nTerm ends: " + end.str();
    return out + "\nFile: " + a.file;
}

void agreement_entries(const Scope& scope, const Record& a, std::vector<CalendarEntry>& out) {
    if (status_meaning(a.kind, a.root.scalar("status")) != StatusMeaning::InForce) return;
    if (const auto t = terminated_on(a); t && *t <= scope.today) return;
    const auto end = term_end(a, scope.today);
    const auto notice = notice_date(a, scope.today);
    if (!end || !notice) return;
    const std::string title = label_of(a);
    const std::string description = agreement_description(scope, a, *end);
    out.push_back({"notice", a.kind, a.id, "Notice due: " + title, description, *notice, *notice,
                   fmt::format("agreement/{}/notice/{}", a.id, notice->str())});
    out.push_back({"term-end", a.kind, a.id, "Term ends: " + title, description, *end, *end,
                   fmt::format("agreement/{}/term-end/{}", a.id, end->str())});
}

void milestone_entries(const Record& p, std::vector<CalendarEntry>& out) {
    if (status_meaning(p.kind, p.root.scalar("status")) == StatusMeaning::Ended) return;
    const Node* list = p.root.get("milestones");
    if (!list || !list->is_sequence()) return;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        const Node& m = list->items[i];
        if (!m.is_mapping() || m.scalar("done") == "true") continue;
        const auto due = parse_date(m.scalar("due"));
        if (!due) continue;
        const Date day = day_of(*due, "due");
        const std::string title(m.scalar("title"));
        std::string description = fmt::format("Project: {} ({})\nMilestone: {}\nDue: {}\nFile: {}",
                                              label_of(p), p.id, title, due->str(), p.file);
        out.push_back({"milestone", p.kind, p.id, fmt::format("Milestone due: {}", title),
                       std::move(description), day, day,
                       fmt::format("project/{}/milestone/{}/{}/{}", p.id, i, title, day.str())});
    }
}

void event_entry(const Record& e, std::vector<CalendarEntry>& out) {
    const auto date = parse_date(e.root.scalar("date"));
    if (!date) return;
    const Date first = date->first_day();
    // Without `end` the event takes its date's period: a day, or all of a partial date's
    // month or year (the record says no more than that).
    Date last = date->last_day();
    if (const auto end = record_day(e, "end"); end && *end >= first) last = *end;
    std::string description = fmt::format("Event: {}", e.id);
    const std::string_view type = e.root.scalar("type");
    if (!type.empty()) description += fmt::format("\nType: {}", type);
    const std::string_view location = e.root.scalar("location");
    if (!location.empty()) description += fmt::format("\nLocation: {}", location);
    description += "\nFile: " + e.file;
    out.push_back({"event", e.kind, e.id, label_of(e), std::move(description), first, last,
                   fmt::format("event/{}/event/{}", e.id, first.str())});
}

}  // namespace

std::vector<CalendarEntry> calendar_entries(const Scope& scope) {
    std::vector<CalendarEntry> out;
    for (const Record* r : scope.selected) {
        if (r->kind == Kind::Agreement) agreement_entries(scope, *r, out);
        if (r->kind == Kind::Project) milestone_entries(*r, out);
        if (r->kind == Kind::Event) event_entry(*r, out);
    }
    std::stable_sort(out.begin(), out.end(), [](const CalendarEntry& a, const CalendarEntry& b) {
        return std::tie(a.first, a.key) < std::tie(b.first, b.key);
    });
    return out;
}

}  // namespace collab
