#include "edit/emit.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/suggest.h"
#include "model/values.h"
#include "escape/escape.h"
#include "yaml/parse_yaml.h"
#include "util/errors.h"
#include "util/utf8.h"

namespace collab {

namespace {

// Text a block scalar cannot hold as it is: controls (CR, NEL...), LS, PS, the BOM, bidi
// controls and noncharacters; such text is written double-quoted, with escapes.
bool has_special(std::string_view s, bool allow_newline) {
    if (!allow_newline && s.find('\n') != std::string_view::npos) return true;
    if (printable(s, "\n") != s) return true;
    for (const std::string_view c : {"\u2028", "\u2029", "\uFEFF"}) {
        if (s.find(c) != std::string_view::npos) return true;
    }
    return false;
}

// Plain only when every YAML 1.1 and 1.2 reader reads it back as this text
// (yaml_plain_safe), except that a typed field's own implicit type is what is meant:
// `true` in a yes/no field, `2025` in a number field, `2025-01-01` in a date field.
bool plain_safe(std::string_view s, const FieldSpec* spec) {
    const ValueType type = spec ? spec->type : ValueType::String;
    const bool numeric_type =
        type == ValueType::Number || type == ValueType::WholeNumber || type == ValueType::Date;
    const bool meant = (type == ValueType::Bool && is_yaml11_bool(s)) ||
                       (numeric_type && yaml_implicit_non_string(s));
    if (!meant) return yaml_plain_safe(s);
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return false;
    if (has_special(s, false) || s.find_first_of(" \t#:,[]{}") != std::string_view::npos)
        return false;
    return true;
}

bool flow_safe(std::string_view s) {
    return s.find_first_of(",[]{}") == std::string_view::npos;
}

const FieldSpec* sub_spec(const FieldSpec* spec, std::string_view key) {
    return spec ? find_field(spec->fields, key) : nullptr;
}

void emit_value(const Node& v, const FieldSpec* spec, int indent, std::string first_prefix,
                std::vector<std::string>& out);

// `prefix` is what stands before the value on its first line ("key:" or "- ").
void emit_mapping(const Node& map, const FieldSpec* spec, int indent, std::string first_prefix,
                  std::vector<std::string>& out) {
    bool first = true;
    for (const Entry& e : map.entries) {
        const std::string lead = first ? first_prefix : std::string(indent, ' ');
        first = false;
        emit_value(e.value, sub_spec(spec, e.key), indent, lead + yaml_scalar(e.key, nullptr) + ":",
                   out);
    }
}

void emit_value(const Node& v, const FieldSpec* spec, int indent, std::string prefix,
                std::vector<std::string>& out) {
    switch (v.type) {
        case Node::Type::Null:
            out.push_back(prefix);
            return;
        case Node::Type::Scalar:
            // A literal block cannot hold CR, NEL, LS or PS: YAML reads them as line breaks.
            if (v.text.find('\n') != std::string::npos && v.text.front() != ' ' &&
                v.text.front() != '\n' && !has_special(v.text, true)) {
                // Several lines read best as a literal block; `|` keeps one final line break
                // and `|-` none, so text ending in more than one is quoted instead.
                std::string text = v.text;
                const bool final_newline = text.back() == '\n';
                if (final_newline) text.pop_back();
                const bool trailing_space =
                    text.find(" \n") != std::string::npos || text.back() == ' ';
                if (!trailing_space && text.find("\n\n\n") == std::string::npos &&
                    text.back() != '\n') {
                    out.push_back(prefix + (final_newline ? " |" : " |-"));
                    std::size_t start = 0;
                    while (start <= text.size()) {
                        auto nl = text.find('\n', start);
                        if (nl == std::string::npos) nl = text.size();
                        const std::string line = text.substr(start, nl - start);
                        out.push_back(line.empty() ? std::string()
                                                   : std::string(indent + 2, ' ') + line);
                        start = nl + 1;
                    }
                    return;
                }
            }
            out.push_back(prefix + " " + yaml_scalar(v.text, spec));
            return;
        case Node::Type::Sequence: {
            if (v.items.empty()) {
                out.push_back(prefix + " []");
                return;
            }
            const bool simple = std::all_of(v.items.begin(), v.items.end(), [&](const Node& item) {
                return item.is_scalar() && plain_safe(item.text, spec) && flow_safe(item.text);
            });
            if (simple) {
                std::string line = prefix + " [";
                for (std::size_t i = 0; i < v.items.size(); ++i)
                    line += (i ? ", " : "") + v.items[i].text;
                line += "]";
                if (line.size() <= 100) {
                    out.push_back(line);
                    return;
                }
            }
            out.push_back(prefix);
            for (const Node& item : v.items) {
                const std::string dash = std::string(indent + 2, ' ') + "- ";
                if (item.is_mapping() && !item.entries.empty()) {
                    emit_mapping(item, spec, indent + 4, dash, out);
                } else {
                    std::vector<std::string> one;
                    emit_value(item, spec, indent + 4, dash.substr(0, dash.size() - 1), one);
                    for (auto& l : one) out.push_back(std::move(l));
                }
            }
            return;
        }
        case Node::Type::Mapping:
            if (v.entries.empty()) {
                out.push_back(prefix + " {}");
                return;
            }
            out.push_back(prefix);
            emit_mapping(v, spec, indent + 2, std::string(indent + 2, ' '), out);
            return;
    }
}

}  // namespace

std::string yaml_scalar(std::string_view text, const FieldSpec* spec) {
    return plain_safe(text, spec) ? std::string(text) : yaml_quoted(text);
}

std::vector<std::string> emit_field(std::string_view key, const Node& value,
                                    const FieldSpec* spec) {
    std::vector<std::string> out;
    emit_value(value, spec, 0, yaml_scalar(key, nullptr) + ":", out);
    return out;
}

namespace {

// A key's place in a field table: its index, then x- keys, then unknown keys.
int rank_in(std::span<const FieldSpec> fields, std::string_view key) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == key) return static_cast<int>(i);
    }
    return is_extension_key(key) ? 1000 : 2000;
}

}  // namespace

int canonical_rank(Kind kind, std::string_view key) {
    return rank_in(fields_of(kind), key);
}

// collab.yaml's order is its field table's (model/schema.cpp, config_fields), as for records.
int config_rank(std::string_view key) {
    return rank_in(config_fields(), key);
}

Assignment parse_assignment(std::string_view argument) {
    const auto eq = argument.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        throw UsageError(fmt::format("'{}' is not field=value", argument),
                         "e.g. status=active, parties=hkust,zju-fah, signatories.person=nancy-ip");
    }
    return {std::string(argument.substr(0, eq)), std::string(argument.substr(eq + 1))};
}

Node scalar_node(std::string text) {
    Node n;
    n.type = Node::Type::Scalar;
    n.text = std::move(text);
    return n;
}

namespace {

Node list_node(std::string_view text) {
    Node n;
    n.type = Node::Type::Sequence;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        std::string_view item = text.substr(start, comma - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) n.items.push_back(scalar_node(std::string(item)));
        start = comma + 1;
    }
    return n;
}

Entry& entry_for(std::vector<Entry>& entries, const std::string& key) {
    for (auto& e : entries) {
        if (e.key == key) return e;
    }
    entries.push_back(Entry{key, Mark{}, Node{}});
    return entries.back();
}

[[noreturn]] void unknown(Kind kind, const std::string& field, std::span<const FieldSpec> specs,
                          const std::string& where) {
    std::vector<std::string_view> names;
    for (const auto& s : specs) names.push_back(s.name);
    throw UsageError(
        fmt::format("unknown field '{}' {}{}", field, where, did_you_mean(field, names)),
        fmt::format("the fields of {} are in docs/format.md; your own fields start with x-",
                    kind_with_article(kind)));
}

}  // namespace

std::vector<Entry> build_fields(Kind kind, std::span<const Assignment> assignments,
                                bool allow_nested) {
    std::vector<Entry> entries;
    const auto specs = fields_of(kind);
    for (const auto& a : assignments) {
        const auto dot = a.field.find('.');
        const std::string top = a.field.substr(0, dot);
        if (top == "id") throw UsageError("the id is the file name; it is not set as a field");
        if (is_extension_key(top) && dot == std::string::npos) {
            entry_for(entries, top).value = scalar_node(a.value);
            continue;
        }
        const FieldSpec* spec = find_field(specs, top);
        if (!spec) unknown(kind, top, specs, fmt::format("for {}", kind_with_article(kind)));
        if (dot == std::string::npos) {
            switch (spec->shape) {
                case Shape::Scalar:
                    entry_for(entries, top).value = scalar_node(a.value);
                    break;
                case Shape::List:
                    entry_for(entries, top).value = list_node(a.value);
                    break;
                case Shape::Object:
                case Shape::ObjectList: {
                    // A whole value in YAML flow style: renewal='{notice: 6m}'.
                    ParsedYaml parsed = parse_yaml("value: " + a.value + "\n");
                    const Node* v = parsed.root ? parsed.root->get("value") : nullptr;
                    const bool fits =
                        v && (spec->shape == Shape::Object ? v->is_mapping() : v->is_sequence());
                    if (!parsed.diagnostics.empty() || !fits) {
                        throw UsageError(
                            fmt::format(
                                "'{}' holds {}; give its fields as {}.FIELD=VALUE, or the whole "
                                "value in "
                                "YAML flow style",
                                top,
                                spec->shape == Shape::Object ? "a mapping" : "a list of entries",
                                top),
                            spec->shape == Shape::Object
                                ? fmt::format("e.g. {}.{}=...", top, spec->fields.front().name)
                                : fmt::format("e.g. '{}=[{{{}: ...}}]'", top,
                                              spec->fields.front().name));
                    }
                    entry_for(entries, top).value = *v;
                    break;
                }
            }
            continue;
        }
        if (!allow_nested) {
            throw UsageError(
                fmt::format("'{}' is inside '{}': set changes whole top-level fields", a.field,
                            top),
                fmt::format(
                    "give the whole value, e.g. {}='{{...}}' or '[{{...}}]', or edit the file",
                    top));
        }
        const std::string sub = a.field.substr(dot + 1);
        const FieldSpec* sub_field = spec->fields.empty() ? nullptr : find_field(spec->fields, sub);
        if (!sub_field) unknown(kind, sub, spec->fields, fmt::format("in '{}'", top));
        Entry& e = entry_for(entries, top);
        Node value = sub_field->shape == Shape::List ? list_node(a.value) : scalar_node(a.value);
        if (spec->shape == Shape::Object) {
            e.value.type = Node::Type::Mapping;
            entry_for(e.value.entries, sub).value = std::move(value);
        } else {
            e.value.type = Node::Type::Sequence;
            // A field the current entry already has starts the next entry.
            if (e.value.items.empty() || e.value.items.back().get(sub)) {
                Node item;
                item.type = Node::Type::Mapping;
                e.value.items.push_back(std::move(item));
            }
            e.value.items.back().entries.push_back(Entry{sub, Mark{}, std::move(value)});
        }
    }
    return entries;
}

}  // namespace collab
