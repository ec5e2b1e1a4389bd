// Everything that points at a record, or that it points at, resolved: the model of `show`.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/index.h"

namespace collab {

struct RelatedItem {
    Kind kind = Kind::Partner;
    std::string id;
    std::string label;   // name or title; "(missing)" for a dangling reference
    std::string detail;  // a role title, a status, a date, "via zju-fah" ...
};

struct RelatedSection {
    std::string key;    // for scripts: "parties", "superseded_by" ...
    std::string title;  // for people: "parties", "superseded by" ...
    std::vector<RelatedItem> items;
};

// The sections for the record's kind, in a fixed order (empty ones included).
std::vector<RelatedSection> related(const Record& record, std::span<const Record> all,
                                    const Index& index);

// A record's name (partners, people) or title (the rest).
std::string label_of(const Record& record);

// `ID` or `KIND/ID` to a record; unknown or ambiguous ids are UsageErrors that suggest the
// nearest ids or list the choices.
const Record& resolve_record(std::string_view ref, const Index& index);

}  // namespace collab
