#include "output/json_schema.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/schema.h"
#include "model/values.h"

namespace collab {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* dialect = "https://json-schema.org/draft/2020-12/schema";
constexpr const char* id_pattern = "^[a-z0-9][a-z0-9-]*$";
// A real calendar date is checked by collab; the pattern catches the shape and the ranges.
constexpr const char* date_pattern = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";

json string_enum(auto&& values) {
    json list = json::array();
    for (const auto& v : values) list.push_back(std::string(v));
    return {{"type", "string"}, {"enum", std::move(list)}};
}

// One scalar value of `spec`: what fields.cpp accepts, as JSON Schema sees a YAML reader's
// output (unquoted numbers are numbers, a bare year is an integer).
json scalar_schema(const FieldSpec& spec, const Config* config) {
    switch (spec.type) {
        case ValueType::String:
        case ValueType::Text:
            // Every scalar is text to collab; a number is fine, a boolean is flagged.
            return {{"type", json::array({"string", "number"})}};
        case ValueType::Id:
        case ValueType::Ref:
        case ValueType::Slug:
            return {{"type", "string"}, {"pattern", id_pattern}, {"maxLength", 64}};
        case ValueType::Area:
            if (config && config->has_areas) return string_enum(config->areas);
            return {{"type", "string"}, {"pattern", id_pattern}, {"maxLength", 64}};
        case ValueType::Date:
            return {{"anyOf",
                     json::array({{{"type", "string"}, {"pattern", date_pattern}},
                                  {{"type", "integer"}, {"minimum", 1000}, {"maximum", 9999}}})}};
        case ValueType::Duration:
            return {{"type", "string"}, {"pattern", "^[0-9]{1,7}[dwmy]$"}};
        case ValueType::Bool:
            return {{"type", "boolean"}};
        case ValueType::Number:
            return {{"anyOf",
                     json::array({{{"type", "number"}, {"minimum", 0}},
                                  {{"type", "string"}, {"pattern", "^[0-9]+(\\.[0-9]+)?$"}}})}};
        case ValueType::WholeNumber:
            return {{"anyOf", json::array({{{"type", "integer"}, {"minimum", 0}},
                                           {{"type", "string"}, {"pattern", "^[0-9]+$"}}})}};
        case ValueType::Url:
            return {{"type", "string"},
                    {"format", "uri"},
                    {"pattern", "^https?://[^./?#\\s][^/?#\\s]*\\.[^/?#\\s]*([/?#]\\S*)?$"}};
        case ValueType::Country:
            return string_enum(country_codes());
        case ValueType::Currency:
            return string_enum(currency_codes());
        case ValueType::Email:
            return {{"type", "string"},
                    {"format", "email"},
                    {"pattern", "^[^@\\s]+@[^@\\s.][^@\\s]*\\.[^@\\s]*[^@\\s.]$"}};
        case ValueType::Ror:
            return {{"type", "string"},
                    {"pattern", "^(https://ror\\.org/)?0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$"}};
        case ValueType::Enum:
            return string_enum(spec.choices);
    }
    return json::object();
}

std::string describe(const FieldSpec& spec) {
    std::string what;
    switch (spec.type) {
        case ValueType::Ref:
            what = fmt::format("id of {}", kind_with_article(spec.target));
            break;
        case ValueType::Date:
            what = "date: YYYY-MM-DD, YYYY-MM or YYYY";
            break;
        case ValueType::Duration:
            what = "duration: <n>d, <n>w, <n>m or <n>y";
            break;
        case ValueType::Area:
            what = "area (from collab.yaml's areas when declared)";
            break;
        case ValueType::Enum:
            what = fmt::format("one of: {}", fmt::join(spec.choices, ", "));
            break;
        default:
            what = std::string(value_type_name(spec.type));
    }
    if (spec.shape == Shape::List) what = "list of " + what;
    if (spec.shape == Shape::Object || spec.shape == Shape::ObjectList) what.clear();
    if (spec.description.empty()) return what;
    if (what.empty()) return std::string(spec.description);
    return fmt::format("{} ({})", spec.description, what);
}

json object_schema(std::span<const FieldSpec> fields, const Config* config);

// Empty, `~` and null mean absent, which an optional field may be.
json nullable(json schema) {
    return {{"anyOf", json::array({std::move(schema), {{"type", "null"}}})}};
}

json field_schema(const FieldSpec& spec, const Config* config) {
    json s;
    switch (spec.shape) {
        case Shape::Scalar:
            s = scalar_schema(spec, config);
            break;
        case Shape::List:
            s = {{"type", "array"}, {"items", scalar_schema(spec, config)}};
            break;
        case Shape::Object:
            s = object_schema(spec.fields, config);
            break;
        case Shape::ObjectList:
            s = {{"type", "array"}, {"items", object_schema(spec.fields, config)}};
            break;
    }
    const bool is_list = spec.shape == Shape::List || spec.shape == Shape::ObjectList;
    if (is_list && (spec.min_items > 0 || spec.required)) {
        s["minItems"] = std::max<std::size_t>(spec.min_items, 1);
    }
    if (!spec.required) s = nullable(std::move(s));
    json out;
    if (const std::string d = describe(spec); !d.empty()) out["description"] = d;
    for (auto& [k, v] : s.items()) out[k] = std::move(v);
    return out;
}

json object_schema(std::span<const FieldSpec> fields, const Config* config) {
    json properties = json::object();
    json required = json::array();
    bool path_or_url = false;
    for (const FieldSpec& f : fields) {
        properties[std::string(f.name)] = field_schema(f, config);
        if (f.required) required.push_back(std::string(f.name));
        if (f.name == "path") path_or_url = true;
    }
    json s = {{"type", "object"}, {"properties", std::move(properties)}};
    if (!required.empty()) s["required"] = std::move(required);
    s["patternProperties"] = {{"^x-", json::object()}};
    s["additionalProperties"] = false;
    // documents: exactly one of path and url (see check/agreements.cpp).
    if (path_or_url && find_field(fields, "url")) {
        s["oneOf"] = json::array({{{"required", {"path"}}}, {{"required", {"url"}}}});
    }
    return s;
}

}  // namespace

std::string schema_file_name(Kind kind) {
    return fmt::format("{}.schema.json", kind_name(kind));
}

json record_schema(Kind kind, const Config* config) {
    json s = {{"$schema", dialect},
              {"$id", schema_file_name(kind)},
              {"title", fmt::format("collab {} record", kind_name(kind))},
              {"description",
               fmt::format("One {} per file under {}/; the file name is its id. Generated by "
                           "`collab schema` from the field tables collab validates with.",
                           kind_name(kind), kind_folder(kind))}};
    json body = object_schema(fields_of(kind), config);
    for (auto& [k, v] : body.items()) s[k] = std::move(v);
    return s;
}

json config_schema() {
    json s = {{"$schema", dialect},
              {"$id", config_schema_file_name},
              {"title", "collab store settings (collab.yaml)"},
              {"description", "The settings at the root of a collab store."}};
    json body = object_schema(config_fields(), nullptr);
    for (auto& [k, v] : body.items()) s[k] = std::move(v);
    return s;
}

}  // namespace collab
