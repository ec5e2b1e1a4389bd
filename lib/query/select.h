// What `list` does with matching records: columns, sorting, grouping.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "query/field_path.h"

namespace collab {

// `a,b,c` resolved for `kind`; an unknown field is a UsageError with a did-you-mean. With
// `context`, paths through references and computed fields resolve too (field_path.h).
std::vector<FieldPath> parse_field_list(Kind kind, std::string_view list, std::string_view option,
                                        const QueryContext* context = nullptr);
// The columns an analyst scans first: id, title or name, and a few more per kind.
std::string_view default_columns(Kind kind);

// A cell of a table: the field's values joined with ", "; entries of a list of objects
// as "key: value" pairs joined with "; ".
std::string cell_text(const Record& record, const FieldPath& field);

struct SortKey {
    FieldPath field;
    bool descending = false;
};
// `field[,field]`, `-field` for descending.
std::vector<SortKey> parse_sort(Kind kind, std::string_view spec,
                                const QueryContext* context = nullptr);
// Stable; typed (dates as days, numbers as numbers); free text (names, titles) by Unicode
// collation in the locale of collation_locale(), ids and codes by byte order; records without
// the field sort last.
void sort_records(std::vector<const Record*>& records, std::span<const SortKey> keys);

struct GroupCount {
    std::optional<std::string> value;  // none: records without the field
    int count = 0;
};
// Each value with the number of records holding it (a list counts each element), most
// frequent first, then by value.
std::vector<GroupCount> group_by(std::span<const Record* const> records, const FieldPath& field);

}  // namespace collab
