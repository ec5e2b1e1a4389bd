// The parsed form of a YAML record: a small tree that remembers where every key and value
// stood in the file, so any later stage can point at it. yaml-cpp never leaves lib/yaml/.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/mark.h"

namespace collab {

struct Entry;

struct Node {
    enum class Type : unsigned char { Null, Scalar, Sequence, Mapping };

    Type type = Type::Null;
    // An unquoted scalar: YAML 1.1 readers give `yes` or `off` a meaning only then.
    bool plain = false;
    Mark mark;
    std::string text;            // Scalar
    std::vector<Node> items;     // Sequence
    std::vector<Entry> entries;  // Mapping, in file order, duplicate keys already dropped

    bool is_null() const { return type == Type::Null; }
    bool is_scalar() const { return type == Type::Scalar; }
    bool is_sequence() const { return type == Type::Sequence; }
    bool is_mapping() const { return type == Type::Mapping; }

    // The format treats null, a blank string and an empty list or mapping as "absent".
    bool is_absent() const;

    // The value of `key` in a mapping, or nullptr.
    const Node* get(std::string_view key) const;
    // The value of `key` when it is a present scalar, else an empty view.
    std::string_view scalar(std::string_view key) const;
    // The present scalar values of `key`: its scalar, or the scalars of its list.
    std::vector<std::string> values(std::string_view key) const;
    // The entry (key and value) for `key` in a mapping, or nullptr.
    const Entry* entry(std::string_view key) const;
    // Human name of the type, for messages: "a list", "a mapping", "text".
    std::string_view type_name() const;
};

struct Entry {
    std::string key;
    Mark key_mark;
    Node value;
};

// Whether two values are the same data: where they stand in a file, quoting, flow or block
// style and the order of a mapping's keys aside; two absent values (null, "", [], {}) are the
// same. `collab diff` compares records by it, `import` a re-run's rows with the records.
bool same_data(const Node& a, const Node& b);

}  // namespace collab
