#include "model/kind.h"

namespace collab {

std::string_view kind_name(Kind kind) {
    switch (kind) {
        case Kind::Partner:
            return "partner";
        case Kind::Person:
            return "person";
        case Kind::Agreement:
            return "agreement";
        case Kind::Project:
            return "project";
        case Kind::Event:
            return "event";
    }
    return "?";
}

std::string_view kind_folder(Kind kind) {
    switch (kind) {
        case Kind::Partner:
            return "partners";
        case Kind::Person:
            return "people";
        case Kind::Agreement:
            return "agreements";
        case Kind::Project:
            return "projects";
        case Kind::Event:
            return "events";
    }
    return "?";
}

std::string_view kind_with_article(Kind kind) {
    switch (kind) {
        case Kind::Partner:
            return "a partner";
        case Kind::Person:
            return "a person";
        case Kind::Agreement:
            return "an agreement";
        case Kind::Project:
            return "a project";
        case Kind::Event:
            return "an event";
    }
    return "?";
}

std::optional<Kind> parse_kind(std::string_view word) {
    for (Kind k : all_kinds) {
        if (word == kind_name(k) || word == kind_folder(k)) return k;
    }
    if (word == "persons") return Kind::Person;
    return std::nullopt;
}

}  // namespace collab
