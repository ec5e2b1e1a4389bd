#include "model/kind.h"

#include <string>

namespace collab {

namespace {

using enum StatusMeaning;

// contract, "agreement": status.
constexpr StatusInfo agreement_statuses[] = {
    {"draft", Draft},   {"negotiating", Draft}, {"signed", InForce},   {"active", InForce},
    {"expired", Ended}, {"terminated", Ended},  {"superseded", Ended},
};
// contract, "project": status.
constexpr StatusInfo project_statuses[] = {
    {"proposed", Draft},  {"planned", Draft},   {"active", InForce},
    {"completed", Ended}, {"cancelled", Ended}, {"on-hold", Paused},
};
// contract, "agreement": "effective defaults to signed".
constexpr FieldDefault agreement_defaults[] = {{"effective", "signed", ""}};
// contract, "project": a milestone's `done` defaults to false.
constexpr FieldDefault project_defaults[] = {{"milestones.done", "", "false"}};

const KindInfo kinds[] = {
    {Kind::Partner, "partner", "partners", "a", "name", "id,name,type,country,parent", {}, {}},
    {Kind::Person, "person", "people", "a", "name", "id,name,roles.partner,roles.title", {}, {}},
    {Kind::Agreement, "agreement", "agreements", "an", "title",
     "id,title,type,status,parties,signed,expires", agreement_statuses, agreement_defaults},
    {Kind::Project, "project", "projects", "a", "title", "id,title,type,status,partners,start,end",
     project_statuses, project_defaults},
    {Kind::Event, "event", "events", "an", "title", "id,title,type,date,location", {}, {}},
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

const FieldDefault* field_default(Kind kind, std::string_view field) {
    for (const FieldDefault& d : kind_info(kind).defaults) {
        if (d.field == field) return &d;
    }
    return nullptr;
}

}  // namespace collab
