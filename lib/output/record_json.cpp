#include "output/record_json.h"

#include <cstdlib>

#include "model/schema.h"
#include "model/values.h"

namespace collab {

namespace {

using json = nlohmann::ordered_json;

json value_json(const Node& node, const FieldSpec* spec);

json scalar_json(const Node& node, const FieldSpec* spec) {
    if (node.is_null()) return nullptr;
    const std::string& t = node.text;
    if (spec) {
        switch (spec->type) {
            case ValueType::WholeNumber:
                if (is_whole_number(t) && t.size() < 16)
                    return std::strtoll(t.c_str(), nullptr, 10);
                break;
            case ValueType::Number:
                if (is_whole_number(t) && t.size() < 16)
                    return std::strtoll(t.c_str(), nullptr, 10);
                if (is_number(t)) return std::strtod(t.c_str(), nullptr);
                break;
            case ValueType::Bool:
                if (t == "true" || t == "false") return t == "true";
                break;
            default:
                break;
        }
    }
    return t;
}

json mapping_json(const Node& node, std::span<const FieldSpec> specs) {
    json out = json::object();
    for (const Entry& e : node.entries) out[e.key] = value_json(e.value, find_field(specs, e.key));
    return out;
}

json value_json(const Node& node, const FieldSpec* spec) {
    switch (node.type) {
        case Node::Type::Null:
        case Node::Type::Scalar:
            return scalar_json(node, spec);
        case Node::Type::Sequence: {
            json out = json::array();
            for (const Node& item : node.items) out.push_back(value_json(item, spec));
            return out;
        }
        case Node::Type::Mapping:
            return mapping_json(node, spec ? std::span<const FieldSpec>(spec->fields)
                                           : std::span<const FieldSpec>());
    }
    return nullptr;
}

}  // namespace

nlohmann::ordered_json record_json(const Record& record) {
    json out = json::object();
    out["kind"] = kind_name(record.kind);
    out["id"] = record.id;
    out["file"] = record.file;
    const auto specs = fields_of(record.kind);
    for (const Entry& e : record.root.entries) {
        // `id:` in the file equals the file name, which `id` above already says.
        if (e.key == "id" || e.key == "kind" || e.key == "file") continue;
        out[e.key] = value_json(e.value, find_field(specs, e.key));
    }
    return out;
}

}  // namespace collab
