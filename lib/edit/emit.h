// Writing field values as YAML text, for `new`, `set` and `renew`: plain where every YAML
// reader agrees on the value, quoted where one could take it for something else.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/kind.h"
#include "model/node.h"
#include "model/schema.h"

namespace collab {

// The lines of `key: value` at the top level of a record.
std::vector<std::string> emit_field(std::string_view key, const Node& value, const FieldSpec* spec);

// A scalar as YAML: plain when safe, else double-quoted with escapes.
std::string yaml_scalar(std::string_view text, const FieldSpec* spec);

// A scalar node holding `text`, for values built in memory (no position).
Node scalar_node(std::string text);

// Where a top-level key goes in the canonical order: `id`, the kind's fields in table order,
// `tags`, `notes`, `sources`, then x- keys, then keys the kind does not know.
int canonical_rank(Kind kind, std::string_view key);
// The same for collab.yaml: name, areas, expiring, then the rest.
int config_rank(std::string_view key);

// `field=value` arguments.
struct Assignment {
    std::string field;  // may be dotted for entries: signatories.person
    std::string value;
};
// Parses `field=value`; a UsageError names what is wrong.
Assignment parse_assignment(std::string_view argument);

// Top-level values built from assignments, typed by the kind's field table: lists split at
// commas, `a.b=v` builds the object or list of entries `a` (a repeated `a.b` starts a new
// entry). Unknown fields are UsageErrors with a did-you-mean.
std::vector<Entry> build_fields(Kind kind, std::span<const Assignment> assignments,
                                bool allow_nested = true);

}  // namespace collab
