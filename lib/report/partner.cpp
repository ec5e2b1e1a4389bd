// partner ID: a dossier of one organisation and everything under it.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "query/related.h"
#include "report/common.h"
#include "report/reports.h"
#include "report/terms.h"

namespace collab {

namespace {

// Dormant: no activity for this long.
constexpr Duration dormant_after{2, 'y'};

}  // namespace

Report partner_report(const Scope& scope, const Record& partner) {
    const std::string& me = partner.id;
    Report r{"partner",
             "Partner dossier: " + label_of(partner),
             scope.config.name,
             scope.today,
             scope.filter,
             {},
             {}};

    ReportSection profile{"profile", "Profile", {}, {}, {}, {}, {}};
    profile.facts.push_back({"id", "id", me});
    for (const char* field :
         {"name", "short", "native_name", "type", "country", "city", "website", "ror"}) {
        const std::string_view v = partner.root.scalar(field);
        if (!v.empty()) profile.facts.push_back({field, field, std::string(v)});
    }
    if (const auto aliases = list_values(partner, "aliases"); !aliases.empty()) {
        profile.facts.push_back({"aliases", "aliases", Cell::list(aliases, joined(aliases))});
    }
    r.sections.push_back(std::move(profile));

    // The partner and everything under it.
    std::set<std::string> scope_ids = {me};
    ReportSection hierarchy{"hierarchy", "Hierarchy", {}, {}, {}, {}, {}};
    const auto chain = scope.index.ancestors(Kind::Partner, me);
    std::string above;
    std::vector<Ref> above_refs;
    for (const auto& id : chain) {
        const Record* p = scope.index.find(Kind::Partner, id);
        above += (above.empty() ? "" : " → ") + (p ? label_of(*p) : id) + " (" + id + ")";
        above_refs.push_back(ref_to(scope.index, Kind::Partner, id));
    }
    hierarchy.facts.push_back(
        {"belongs_to", "belongs to",
         Cell::ref_list(std::move(above_refs), above.empty() ? "(top level)" : above)});
    ReportTable subs{
        "sub_organisations", "Sub-organisations", {"id", "name", "type", "parent"}, {}};
    subs.types = {CellType::Text, CellType::Text, CellType::Text, CellType::Ref};
    for (const Record& p : scope.all) {
        if (p.kind == Kind::Partner && p.id != me && scope.index.belongs_to(p.id, me)) {
            scope_ids.insert(p.id);
            subs.rows.push_back({p.id, label_of(p), std::string(p.root.scalar("type")),
                                 Cell::ref(ref_to(scope.index, Kind::Partner,
                                                  std::string(p.root.scalar("parent"))))});
        }
    }
    hierarchy.tables.push_back(std::move(subs));
    r.sections.push_back(std::move(hierarchy));

    const auto touches = [&](const std::vector<std::string>& ids) {
        return std::any_of(ids.begin(), ids.end(),
                           [&](const auto& id) { return scope_ids.contains(id); });
    };
    const auto via = [&](const std::vector<std::string>& ids) {
        std::vector<std::string> out;
        for (const auto& id : ids) {
            if (id != me && scope_ids.contains(id)) out.push_back(id);
        }
        return partners_cell(scope.index, out);
    };
    std::optional<Date> last_activity;
    const auto activity = [&](std::optional<Date> d) {
        if (d && *d <= scope.today && (!last_activity || *d > *last_activity)) last_activity = d;
    };

    ReportSection people{"people", "People", {}, {}, {}, {}, {}};
    ReportTable roles{
        "roles", "People and roles", {"person", "name", "title", "at", "from", "until"}, {}};
    roles.types = {CellType::Text, CellType::Text, CellType::Text,
                   CellType::Ref,  CellType::Date, CellType::Date};
    for (const Record* p : scope.of(Kind::Person)) {
        const Node* list = p->root.get("roles");
        if (!list || !list->is_sequence()) continue;
        for (const Node& role : list->items) {
            if (!role.is_mapping() || !scope_ids.contains(std::string(role.scalar("partner"))))
                continue;
            roles.rows.push_back(
                {p->id, label_of(*p), std::string(role.scalar("title")),
                 Cell::ref(ref_to(scope.index, Kind::Partner, std::string(role.scalar("partner")))),
                 Cell::date(std::string(role.scalar("from"))),
                 Cell::date(std::string(role.scalar("until")))});
        }
    }
    people.tables.push_back(std::move(roles));
    r.sections.push_back(std::move(people));

    ReportSection agreements{"agreements", "Agreements", {}, {}, {}, {}, {}};
    agreements.note = "Its own and those of its sub-organisations (via), grouped by status.";
    ReportTable at{"agreements",
                   "Agreements",
                   {"status", "id", "title", "type", "parties", "signed", "expires", "via"},
                   {}};
    at.types = {CellType::Text, CellType::Text, CellType::Text, CellType::Text,
                CellType::Refs, CellType::Date, CellType::Date, CellType::Refs};
    GanttChart gantt{"Terms of its agreements and projects", {}};
    std::vector<const Record*> own;
    for (const Record* a : scope.of(Kind::Agreement)) {
        if (touches(list_values(*a, "parties"))) own.push_back(a);
    }
    std::stable_sort(own.begin(), own.end(), [](const Record* a, const Record* b) {
        return status_rank(Kind::Agreement, a->root.scalar("status")) <
               status_rank(Kind::Agreement, b->root.scalar("status"));
    });
    for (const Record* a : own) {
        const auto parties = list_values(*a, "parties");
        at.rows.push_back({std::string(a->root.scalar("status")), a->id, label_of(*a),
                           std::string(a->root.scalar("type")), partners_cell(scope.index, parties),
                           Cell::date(std::string(a->root.scalar("signed"))),
                           Cell::date(std::string(a->root.scalar("expires"))), via(parties)});
        activity(record_day(*a, "signed"));
        activity(record_day(*a, "effective"));
        if (auto s = span_of(*a, scope.today)) gantt.spans.push_back(*s);
    }
    agreements.facts.push_back({"count", "agreements", Cell::count(static_cast<long>(own.size()))});
    agreements.tables.push_back(std::move(at));

    ReportTable pt{
        "projects", "Projects", {"id", "title", "type", "status", "start", "end", "via"}, {}};
    pt.types = {CellType::Text, CellType::Text, CellType::Text, CellType::Text,
                CellType::Date, CellType::Date, CellType::Refs};
    long project_count = 0;
    for (const Record* p : scope.of(Kind::Project)) {
        const auto partners = list_values(*p, "partners");
        if (!touches(partners)) continue;
        ++project_count;
        pt.rows.push_back({p->id, label_of(*p), std::string(p->root.scalar("type")),
                           std::string(p->root.scalar("status")),
                           Cell::date(std::string(p->root.scalar("start"))),
                           Cell::date(std::string(p->root.scalar("end"))), via(partners)});
        activity(record_day(*p, "start"));
        if (auto s = span_of(*p, scope.today)) gantt.spans.push_back(*s);
    }
    ReportSection projects{"projects", "Projects", {}, {}, {}, {}, {}};
    projects.facts.push_back({"count", "projects", Cell::count(project_count)});
    projects.tables.push_back(std::move(pt));
    if (!gantt.spans.empty()) agreements.gantt = std::move(gantt);
    r.sections.push_back(std::move(agreements));
    r.sections.push_back(std::move(projects));

    ReportSection events{"events", "Events", {}, {}, {}, {}, {}};
    std::vector<const Record*> evs;
    for (const Record* e : scope.of(Kind::Event)) {
        if (touches(list_values(*e, "partners"))) evs.push_back(e);
    }
    std::stable_sort(evs.begin(), evs.end(), [](const Record* a, const Record* b) {
        return record_day(*a, "date") < record_day(*b, "date");
    });
    ReportTable et{"events", "Events", {"date", "id", "title", "type", "location"}, {}};
    et.types = {CellType::Date, CellType::Text, CellType::Text, CellType::Text, CellType::Text};
    for (const Record* e : evs) {
        et.rows.push_back({Cell::date(std::string(e->root.scalar("date"))), e->id, label_of(*e),
                           std::string(e->root.scalar("type")),
                           std::string(e->root.scalar("location"))});
        activity(record_day(*e, "date"));
    }
    events.tables.push_back(std::move(et));
    r.sections.push_back(std::move(events));

    ReportSection status{"activity", "Activity", {}, {}, {}, {}, {}};
    const bool dormant = !last_activity || *last_activity < add(scope.today, dormant_after, -1);
    status.facts.push_back(
        {"last_activity", "last activity",
         last_activity ? Cell::date(last_activity->str()) : Cell::typed(CellType::Date, "none")});
    status.facts.push_back({"dormant", "dormant", Cell::boolean(dormant)});
    status.note = fmt::format(
        "Last activity: the latest signing, taking effect, project start or event on or before "
        "today. "
        "Dormant: nothing for {} (since {}).",
        dormant_after.str(), add(scope.today, dormant_after, -1).str());
    r.sections.insert(r.sections.begin() + 2, std::move(status));
    return r;
}

}  // namespace collab
