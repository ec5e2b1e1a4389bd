#include "query/field_path.h"

#include <fmt/format.h>

#include "core/suggest.h"
#include "model/values.h"

namespace collab {

namespace {

Comparable comparable_of(ValueType type) {
    switch (type) {
        case ValueType::Date:
            return Comparable::Date;
        case ValueType::Number:
        case ValueType::WholeNumber:
            return Comparable::Number;
        case ValueType::Duration:
            return Comparable::Duration;
        case ValueType::Bool:
            return Comparable::Bool;
        default:
            return Comparable::Text;
    }
}

std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        parts.emplace_back(path.substr(start, dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return parts;
}

void add_names(std::span<const FieldSpec> specs, const std::string& prefix,
               std::vector<std::string>& out) {
    for (const auto& s : specs) {
        out.push_back(prefix + std::string(s.name));
        if (!s.fields.empty()) add_names(s.fields, prefix + std::string(s.name) + ".", out);
    }
}

}  // namespace

std::vector<std::string> field_names(Kind kind) {
    std::vector<std::string> names = {"kind", "file"};
    add_names(fields_of(kind), "", names);
    if (kind == Kind::Partner) names.emplace_back("names");
    return names;
}

std::optional<FieldPath> resolve_field(Kind kind, std::string_view path, std::string* why,
                                       std::size_t* bad_part, bool* suggested) {
    FieldPath f;
    f.text = std::string(path);
    f.parts = split(path);
    const auto fail = [&](std::size_t part, std::string message) -> std::optional<FieldPath> {
        if (why) *why = std::move(message);
        if (bad_part) *bad_part = part;
        return std::nullopt;
    };
    const std::string& first = f.parts[0];
    if (f.parts.size() == 1) {
        if (first == "id") f.special = FieldPath::Special::Id;
        if (first == "kind") f.special = FieldPath::Special::Kind;
        if (first == "file") f.special = FieldPath::Special::File;
        if (first == "names" && kind == Kind::Partner) {
            f.special = FieldPath::Special::Names;
            f.is_list = true;
        }
        if (f.special != FieldPath::Special::None) {
            f.partner_ref = f.special == FieldPath::Special::Id && kind == Kind::Partner;
            return f;
        }
    }
    std::span<const FieldSpec> specs = fields_of(kind);
    for (std::size_t i = 0; i < f.parts.size(); ++i) {
        const FieldSpec* spec = find_field(specs, f.parts[i]);
        if (!spec) {
            std::vector<std::string> names;
            if (i == 0) {
                names = field_names(kind);
            } else {
                for (const auto& s : specs) names.emplace_back(s.name);
            }
            const std::string all =
                i == 0
                    ? fmt::format("unknown field '{}' for {}", f.parts[i], kind_with_article(kind))
                    : fmt::format("unknown field '{}' in a '{}' entry", f.parts[i], f.parts[i - 1]);
            std::string hint = did_you_mean(f.parts[i], names);
            if (i == 0 && hint.empty()) {
                // A nested field named without its parent: `person` for `signatories.person`.
                for (const auto& n : names) {
                    if (n.ends_with("." + f.parts[i])) {
                        hint = fmt::format("; did you mean '{}'?", n);
                        break;
                    }
                }
            }
            if (suggested) *suggested = !hint.empty();
            return fail(i, all + hint);
        }
        if (spec->shape == Shape::List || spec->shape == Shape::ObjectList) f.is_list = true;
        f.spec = spec;
        if (i + 1 < f.parts.size()) {
            if (spec->fields.empty()) {
                return fail(i + 1, fmt::format("'{}' has no fields inside it", spec->name));
            }
            specs = spec->fields;
        }
    }
    f.whole_object = f.spec->shape == Shape::Object || f.spec->shape == Shape::ObjectList;
    f.comparable = comparable_of(f.spec->type);
    f.last_day = f.spec->period_end == PeriodEnd::Last;
    f.partner_ref = f.spec->type == ValueType::Ref && f.spec->target == Kind::Partner;
    return f;
}

namespace {

// `fallback`: the kind table's constant default of the field (a milestone's `done`), applied
// to each object that leaves it out; nullptr for none.
void collect(const Node& node, const std::vector<std::string>& parts, std::size_t i,
             const FieldDefault* fallback, std::vector<std::string>& out) {
    if (node.is_sequence()) {
        for (const Node& item : node.items) collect(item, parts, i, fallback, out);
        return;
    }
    if (i == parts.size()) {
        if (node.is_scalar() && !node.is_absent()) out.push_back(node.text);
        // An object named as a whole counts as one present value, for presence tests.
        if (node.is_mapping() && !node.is_absent()) out.emplace_back();
        return;
    }
    if (!node.is_mapping()) return;
    const Node* next = node.get(parts[i]);
    if (fallback && !fallback->value.empty() && i + 1 == parts.size() &&
        (!next || next->is_absent())) {
        out.emplace_back(fallback->value);
        return;
    }
    if (next) collect(*next, parts, i + 1, fallback, out);
}

}  // namespace

std::vector<std::string> field_values(const Record& record, const FieldPath& field, bool defaults) {
    std::vector<std::string> out;
    switch (field.special) {
        case FieldPath::Special::Id:
            return {record.id};
        case FieldPath::Special::Kind:
            return {std::string(kind_name(record.kind))};
        case FieldPath::Special::File:
            return {record.file};
        case FieldPath::Special::Names:
            for (const char* f : {"name", "short", "native_name", "aliases"}) {
                if (const Node* n = record.root.get(f)) collect(*n, {}, 0, nullptr, out);
            }
            return out;
        case FieldPath::Special::None:
            break;
    }
    const FieldDefault* fallback = nullptr;
    if (defaults) {
        std::string path;
        for (const auto& part : field.parts) path += (path.empty() ? "" : ".") + part;
        fallback = field_default(record.kind, path);
    }
    collect(record.root, field.parts, 0, fallback, out);
    // A default taken from another field (effective <- signed) applies to the whole record.
    if (fallback && out.empty() && !fallback->from.empty()) {
        const Node* s = record.root.get(fallback->from);
        if (s && s->is_scalar() && !s->is_absent()) out.push_back(s->text);
    }
    return out;
}

}  // namespace collab
