#include "model/kind.h"

#include <string>

namespace collab {

namespace {

using enum StatusMeaning;

// contract, "agreement": status.
constexpr StatusInfo agreement_statuses[] = {
    {"draft", Draft, 3},      {"negotiating", Draft, 2}, {"signed", InForce, 1},
    {"active", InForce, 0},   {"expired", Ended, 4},     {"terminated", Ended, 5},
    {"superseded", Ended, 6},
};
// contract, "project": status.
constexpr StatusInfo project_statuses[] = {
    {"proposed", Draft, 1},  {"planned", Draft, 2},   {"active", InForce, 0},
    {"completed", Ended, 4}, {"cancelled", Ended, 5}, {"on-hold", Paused, 3},
};
// contract, "agreement": "effective defaults to signed".
constexpr FieldDefault agreement_defaults[] = {{"effective", "signed", ""}};
// contract, "project": a milestone's `done` defaults to false.
constexpr FieldDefault project_defaults[] = {{"milestones.done", "", "false"}};

const KindInfo kinds[] = {
    {Kind::Partner,
     "partner",
     "partners",
     "a",
     "name",
     "id,name,type,country,parent",
     {},
     {},
     "# Partners\n\nOrganisations: universities, schools, hospitals, companies ... one file "
     "each,\nnamed by id: `collab new partner hkust name=\"HKUST\" type=university "
     "country=HK`.\n"},
    {Kind::Person,
     "person",
     "people",
     "a",
     "name",
     "id,name,roles.partner,roles.title",
     {},
     {},
     "# People\n\nPersons and the roles they hold: `collab new person nancy-ip name=\"Nancy "
     "Ip\"\nroles.partner=hkust roles.title=President`.\n"},
    {Kind::Agreement, "agreement", "agreements", "an", "title",
     "id,title,type,status,parties,signed,expires", agreement_statuses, agreement_defaults,
     "# Agreements\n\nMoUs, framework, strategic and exchange agreements. Scanned copies may "
     "live\nbeside their records; only .yaml and .yml files are records.\n"},
    {Kind::Project, "project", "projects", "a", "title", "id,title,type,status,partners,start,end",
     project_statuses, project_defaults,
     "# Projects\n\nJoint centres, labs, teams, exchange and internship programmes.\n"},
    {Kind::Event,
     "event",
     "events",
     "an",
     "title",
     "id,title,type,date,location",
     {},
     {},
     "# Events\n\nVisits, signing ceremonies, meetings.\n"},
};

}  // namespace

const KindInfo& kind_info(Kind kind) {
    return kinds[static_cast<std::size_t>(kind)];
}

std::string_view kind_name(Kind kind) {
    return kind_info(kind).name;
}

std::string_view kind_folder(Kind kind) {
    return kind_info(kind).folder;
}

std::string_view kind_with_article(Kind kind) {
    // Static strings, built once: callers keep the view.
    static const auto phrases = [] {
        std::array<std::string, all_kinds.size()> out;
        for (Kind k : all_kinds) {
            out[static_cast<std::size_t>(k)] =
                std::string(kind_info(k).article) + " " + std::string(kind_info(k).name);
        }
        return out;
    }();
    return phrases[static_cast<std::size_t>(kind)];
}

std::string kind_folder_list(std::string_view last_joiner) {
    std::string out;
    for (std::size_t i = 0; i < all_kinds.size(); ++i) {
        if (i > 0) out += i + 1 == all_kinds.size() ? " " + std::string(last_joiner) + " " : ", ";
        out += kind_folder(all_kinds[i]);
    }
    return out;
}

std::optional<Kind> parse_kind(std::string_view word) {
    for (Kind k : all_kinds) {
        if (word == kind_name(k) || word == kind_folder(k)) return k;
    }
    if (word == "persons") return Kind::Person;
    return std::nullopt;
}

std::optional<StatusMeaning> status_meaning(Kind kind, std::string_view status) {
    for (const StatusInfo& s : kind_info(kind).statuses) {
        if (s.name == status) return s.meaning;
    }
    return std::nullopt;
}

int status_rank(Kind kind, std::string_view status) {
    const auto statuses = kind_info(kind).statuses;
    for (const StatusInfo& s : statuses) {
        if (s.name == status) return s.report_rank;
    }
    return static_cast<int>(statuses.size());
}

const FieldDefault* field_default(Kind kind, std::string_view field) {
    for (const FieldDefault& d : kind_info(kind).defaults) {
        if (d.field == field) return &d;
    }
    return nullptr;
}

}  // namespace collab
