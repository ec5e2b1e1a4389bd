// One field table per kind: the single description of the record format that validation,
// unknown-field suggestions, canonical order and filters all read.
#pragma once
#include <span>
#include <string_view>
#include <vector>

#include "model/kind.h"

namespace collab {

enum class ValueType : unsigned char {
    String,
    Text,
    Id,
    Ref,   // an id of a record of `FieldSpec::target`
    Slug,  // tags
    Area,  // a slug from collab.yaml's `areas` when declared
    Date,
    Duration,
    Bool,
    Number,
    WholeNumber,
    Url,
    Country,
    Currency,
    Email,
    Ror,
    Enum,
};

enum class Shape : unsigned char {
    Scalar,
    List,        // list of scalars
    Object,      // a mapping with `fields`
    ObjectList,  // list of mappings with `fields`
};

// Date fields: the day a partial date (`2025`, `2025-03`) stands for. Last for the end of a
// span, so `expires: 2025` is in force through 31 December (contract: "Value types", dates).
enum class PeriodEnd : unsigned char { First, Last };

struct FieldSpec {
    std::string_view name;
    Shape shape = Shape::Scalar;
    ValueType type = ValueType::String;
    bool required = false;
    Kind target = Kind::Partner;                 // for Ref
    std::vector<std::string_view> choices = {};  // for Enum
    std::vector<FieldSpec> fields = {};          // for Object and ObjectList
    std::string_view description = {};
    // Lists: the fewest entries a valid record can have (parties: 2, see too-few-parties);
    // JSON Schema's minItems. Required lists need one anyway: an empty list is absent.
    std::size_t min_items = 0;
    PeriodEnd period_end = PeriodEnd::First;  // for Date
    // `show` (lib/query/related.cpp): the title of the section listing what this field names
    // on the record that has it; empty: the field's name ("implements" for agreements.parent).
    std::string_view show_title = {};
    // For Ref: the section (a key for scripts, a title for people) listing, on the record
    // referred to, the records whose field names it ("implementing", "implemented by");
    // empty: `show` lists no back-reference for this field.
    std::string_view back_key = {};
    std::string_view back_title = {};
};

// The fields of a kind, in canonical order, including the ones every record may have
// (`id` first; `tags`, `notes`, `sources` last).
std::span<const FieldSpec> fields_of(Kind kind);
// collab.yaml's keys (its checks are in model/config.cpp).
std::span<const FieldSpec> config_fields();
const FieldSpec* find_field(std::span<const FieldSpec> fields, std::string_view name);
// The spec at a dotted path through objects ("signatories.person"); nullptr when none.
const FieldSpec* find_field_path(std::span<const FieldSpec> fields, std::string_view path);

// A key every record may carry without a check: x-anything.
inline bool is_extension_key(std::string_view key) {
    return key.starts_with("x-");
}

std::string_view value_type_name(ValueType type);

}  // namespace collab
