#include "model/node.h"

#include <algorithm>

namespace collab {

bool Node::is_absent() const {
    switch (type) {
        case Type::Null:
            return true;
        case Type::Scalar:
            return text.find_first_not_of(" \t\n") == std::string::npos;
        case Type::Sequence:
            return items.empty();
        case Type::Mapping:
            return entries.empty();
    }
    return true;
}

const Entry* Node::entry(std::string_view key) const {
    for (const auto& e : entries) {
        if (e.key == key) return &e;
    }
    return nullptr;
}

const Node* Node::get(std::string_view key) const {
    const Entry* e = entry(key);
    return e ? &e->value : nullptr;
}

std::string_view Node::scalar(std::string_view key) const {
    const Node* n = get(key);
    if (!n || !n->is_scalar() || n->is_absent()) return {};
    return n->text;
}

std::vector<std::string> Node::values(std::string_view key) const {
    std::vector<std::string> out;
    const Node* n = get(key);
    if (!n) return out;
    if (n->is_scalar() && !n->is_absent()) out.push_back(n->text);
    if (n->is_sequence()) {
        for (const Node& item : n->items) {
            if (item.is_scalar() && !item.is_absent()) out.push_back(item.text);
        }
    }
    return out;
}

std::string_view Node::type_name() const {
    switch (type) {
        case Type::Null:
            return "nothing";
        case Type::Scalar:
            return "a single value";
        case Type::Sequence:
            return "a list";
        case Type::Mapping:
            return "a mapping";
    }
    return "?";
}

bool same_data(const Node& a, const Node& b) {
    if (a.is_absent() && b.is_absent()) return true;
    if (a.type != b.type) return false;
    switch (a.type) {
        case Node::Type::Null:
            return true;
        case Node::Type::Scalar:
            return a.text == b.text;
        case Node::Type::Sequence:
            return std::equal(a.items.begin(), a.items.end(), b.items.begin(), b.items.end(),
                              same_data);
        case Node::Type::Mapping: {
            if (a.entries.size() != b.entries.size()) return false;
            for (const Entry& e : a.entries) {
                const Node* other = b.get(e.key);
                if (!other || !same_data(e.value, *other)) return false;
            }
            return true;
        }
    }
    return false;
}

}  // namespace collab
