// status-stale and milestone-overdue: the checks whose answer changes with the date.
#include <fmt/format.h>

#include <algorithm>

#include "check/checks.h"
#include "model/renewal.h"
#include "util/utf8.h"

namespace collab {

namespace {

void stale_status(const Record& agreement, Date today, std::vector<Diagnostic>& out) {
    const Node* status = agreement.root.get("status");
    if (!status || !status->is_scalar()) return;
    const std::string& s = status->text;
    // Contract v2: a `terminated` day on or before today ends an active or signed agreement.
    if (const auto t = terminated_on(agreement);
        t && *t <= today && status_meaning(agreement.kind, s) == StatusMeaning::InForce) {
        out.push_back(make_diagnostic(
            "status-stale", status->mark,
            fmt::format("status is '{}' but the agreement was terminated on {}; set `status: "
                        "terminated`",
                        s, t->str()),
            "status"));
        return;
    }
    // Compared through the term end: an agreement that renews automatically is not stale.
    const auto end = term_end(agreement, today);
    if (!end) return;
    const Date last = *end;
    if (status_meaning(agreement.kind, s) == StatusMeaning::InForce && last < today) {
        out.push_back(make_diagnostic(
            "status-stale", status->mark,
            fmt::format("status is '{}' but the agreement expired on {}; set `status: expired` "
                        "or record its renewal",
                        s, last.str()),
            "status"));
    } else if (s == "expired" && last >= today) {
        out.push_back(make_diagnostic(
            "status-stale", status->mark,
            fmt::format("status is 'expired' but the agreement runs until {}; correct the status "
                        "or the `expires` date",
                        last.str()),
            "status"));
    }
}

void overdue_milestones(const Record& project, Date today, std::vector<Diagnostic>& out) {
    if (status_meaning(project.kind, project.root.scalar("status")) != StatusMeaning::InForce)
        return;
    const Node* milestones = project.root.get("milestones");
    if (!milestones || !milestones->is_sequence()) return;
    for (const Node& m : milestones->items) {
        if (!m.is_mapping() || m.scalar("done") == "true") continue;
        const auto due = date_field(m, "due");
        if (!due || due->last_day() >= today) continue;
        out.push_back(make_diagnostic(
            "milestone-overdue", m.get("due")->mark,
            fmt::format("milestone '{}' was due on {} and is not done; set `done: true` or move "
                        "the date",
                        shorten(m.scalar("title")), due->last_day().str()),
            "milestones.due"));
    }
}

}  // namespace

std::optional<Record> today_facts(const Record& record) {
    // What stale_status (through terminated_on and term_end, model/renewal.cpp) and
    // overdue_milestones read; tests/unit/today_test.cpp checks the cut record gives the same
    // diagnostics as the whole one.
    static constexpr std::string_view agreement_fields[] = {"status",  "effective", "signed",
                                                            "expires", "renewal",   "terminated"};
    static constexpr std::string_view project_fields[] = {"status", "milestones"};
    std::span<const std::string_view> keep;
    if (record.kind == Kind::Agreement)
        keep = agreement_fields;
    else if (record.kind == Kind::Project)
        keep = project_fields;
    else
        return std::nullopt;
    Record facts;
    facts.kind = record.kind;
    facts.id = record.id;
    facts.file = record.file;
    facts.root.type = record.root.type;
    facts.root.mark = record.root.mark;
    facts.root.plain = record.root.plain;
    for (const Entry& e : record.root.entries) {
        if (std::find(keep.begin(), keep.end(), e.key) != keep.end())
            facts.root.entries.push_back(e);
    }
    return facts;
}

void check_today(std::span<const Record> records, Date today, std::vector<Diagnostic>& out) {
    for (const Record& r : records) {
        const std::size_t first = out.size();
        if (r.kind == Kind::Agreement) stale_status(r, today, out);
        if (r.kind == Kind::Project) overdue_milestones(r, today, out);
        attribute(out, first, r);
    }
}

}  // namespace collab
