// Field paths as users write them in filters, --fields, --sort and --group-by:
// `status`, `parties`, `signatories.person`, `funding.amount`, plus the fields every record
// has (`id`, `kind`, `file`) and a partner's `names`.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/record.h"
#include "model/schema.h"

namespace collab {

// How a field's values compare.
enum class Comparable : unsigned char { Text, Date, Number, Duration, Bool };

struct FieldPath {
    enum class Special : unsigned char { None, Id, Kind, File, Names };

    std::string text;  // as written, e.g. "signatories.person"
    std::vector<std::string> parts;
    Special special = Special::None;
    const FieldSpec* spec = nullptr;  // the last part's spec, for table fields
    Comparable comparable = Comparable::Text;
    bool last_day = false;      // a partial date stands for its period's last day
    bool partner_ref = false;   // `under` works on it
    bool whole_object = false;  // names an object or list of objects: presence tests only
    bool is_list = false;       // may hold several values per record
};

// Resolves `path` for records of `kind`; on failure returns nullopt, with `why` saying what is
// wrong (and a did-you-mean), `bad_part` the index of the part that is unknown and `suggested`
// whether `why` names a likely field.
std::optional<FieldPath> resolve_field(Kind kind, std::string_view path, std::string* why = nullptr,
                                       std::size_t* bad_part = nullptr, bool* suggested = nullptr);

// Every field name usable for `kind`, dotted paths included, for suggestions and completion.
std::vector<std::string> field_names(Kind kind);

// The values of the field in the record, with any-element semantics over lists (each
// signatory's person, each party). Absent values are left out. With `defaults`, `effective`
// falls back to `signed` and a milestone without `done` is "false", as filters see them.
std::vector<std::string> field_values(const Record& record, const FieldPath& field,
                                      bool defaults = false);

}  // namespace collab
