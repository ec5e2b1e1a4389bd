#include "output/report_schema.h"

#include "output/report_render.h"

namespace collab {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* dialect = "https://json-schema.org/draft/2020-12/schema";

json nullable(const char* type) {
    return {{"type", json::array({type, "null"})}};
}

json of_type(CellType type) {
    switch (type) {
        case CellType::Number:
            return nullable("number");
        case CellType::Boolean:
            return nullable("boolean");
        case CellType::Date:
            return {{"anyOf", json::array({{{"$ref", "#/$defs/date"}}, {{"type", "null"}}})}};
        case CellType::Ref:
            return {{"anyOf", json::array({{{"$ref", "#/$defs/ref"}}, {{"type", "null"}}})}};
        case CellType::Refs:
            return {{"type", "array"}, {"items", {{"$ref", "#/$defs/ref"}}}};
        case CellType::List:
            return {{"type", "array"}, {"items", {{"type", "string"}}}};
        case CellType::Text:
            break;
    }
    return nullable("string");
}

json object(json properties, json required) {
    return {{"type", "object"},
            {"required", std::move(required)},
            {"properties", std::move(properties)},
            {"additionalProperties", false}};
}

// An array of exactly these items, in this order.
json tuple(json items) {
    const auto n = items.size();
    if (n == 0) return {{"type", "array"}, {"maxItems", 0}};  // prefixItems may not be empty
    return {{"type", "array"},
            {"prefixItems", std::move(items)},
            {"items", false},
            {"minItems", n},
            {"maxItems", n}};
}

json table_schema(const ReportTable& t) {
    const std::size_t first = t.spread ? t.spread->first : t.columns.size();
    const std::size_t last = t.spread ? first + t.spread->count : first;
    json props = json::object();
    json required = json::array();
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const CellType type = c < t.types.size() ? t.types[c] : CellType::Text;
        if (t.spread && c == first) {
            // The spread's columns are values (areas), typed as the column after them would be
            // were it one of them: the declared type of the first spread column, or Number.
            const CellType value = first < t.types.size() ? t.types[first] : CellType::Number;
            props[t.spread->key] = {{"type", "array"},
                                    {"items", object({{t.spread->name_key, {{"type", "string"}}},
                                                      {t.spread->value_key, of_type(value)}},
                                                     {t.spread->name_key, t.spread->value_key})}};
            required.push_back(t.spread->key);
        }
        if (c >= first && c < last) continue;
        props[json_key(t.columns[c])] = of_type(type);
        required.push_back(json_key(t.columns[c]));
    }
    if (t.spread && first == t.columns.size()) {
        props[t.spread->key] = {{"type", "array"}};
        required.push_back(t.spread->key);
    }
    // The columns are fixed unless some are values (a spread): then any {key, title}.
    json columns;
    if (t.spread) {
        const json column = object({{"key", {{"type", "string"}}}, {"title", {{"type", "string"}}}},
                                   {"key", "title"});
        columns = {{"type", "array"}, {"items", column}};
    } else {
        json fixed = json::array();
        for (const auto& c : t.columns) {
            fixed.push_back(object({{"key", {{"const", json_key(c)}}}, {"title", {{"const", c}}}},
                                   {"key", "title"}));
        }
        columns = tuple(std::move(fixed));
    }
    return object({{"key", {{"const", t.key}}},
                   {"title", {{"type", "string"}}},
                   {"columns", std::move(columns)},
                   {"rows", {{"type", "array"}, {"items", object(props, required)}}}},
                  {"key", "title", "columns", "rows"});
}

json section_schema(const ReportSection& s) {
    json facts = json::object();
    for (const Fact& f : s.facts) facts[f.key] = of_type(f.value.type);
    json tables = json::array();
    for (const ReportTable& t : s.tables) tables.push_back(table_schema(t));
    return object(
        {{"key", {{"const", s.key}}},
         {"title", {{"type", "string"}}},
         {"note", nullable("string")},
         {"facts",
          {{"type", "object"}, {"properties", std::move(facts)}, {"additionalProperties", false}}},
         {"tables", tuple(std::move(tables))},
         {"charts", {{"type", "array"}, {"items", {{"$ref", "#/$defs/chart"}}}}}},
        {"key", "title", "note", "facts", "tables", "charts"});
}

json defs() {
    const json date = {{"type", "string"},
                       {"pattern", "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                       {"description", "ISO 8601 date; partial dates (YYYY, YYYY-MM) as written"}};
    const json ref = object({{"id", {{"type", "string"}}},
                             {"name",
                              {{"type", json::array({"string", "null"})},
                               {"description", "display name; null: no such record"}}}},
                            {"id", "name"});
    const json bar = object({{"label", {{"type", "string"}}}, {"value", {{"type", "number"}}}},
                            {"label", "value"});
    const json span = object({{"kind", {{"type", "string"}}},
                              {"id", {{"type", "string"}}},
                              {"label", {{"type", "string"}}},
                              {"status", {{"type", "string"}}},
                              {"start", {{"$ref", "#/$defs/date"}}},
                              {"end", of_type(CellType::Date)},
                              {"marker", of_type(CellType::Date)}},
                             {"kind", "id", "label", "status", "start", "end", "marker"});
    const json bars = object({{"type", {{"const", "bars"}}},
                              {"title", {{"type", "string"}}},
                              {"bars", {{"type", "array"}, {"items", bar}}}},
                             {"type", "title", "bars"});
    const json gantt = object({{"type", {{"const", "gantt"}}},
                               {"title", {{"type", "string"}}},
                               {"spans", {{"type", "array"}, {"items", span}}}},
                              {"type", "title", "spans"});
    return {{"date", date}, {"ref", ref}, {"chart", {{"oneOf", json::array({bars, gantt})}}}};
}

}  // namespace

std::string report_schema_file_name(std::string_view report) {
    return "report-" + std::string(report) + ".schema.json";
}

json report_schema(const Report& shape) {
    json sections = json::array();
    for (const ReportSection& s : shape.sections) {
        // The HTML page's own sections are not in the JSON (report_json), so not in its schema.
        if (s.audience == ReportSection::Audience::reader) continue;
        sections.push_back(section_schema(s));
    }
    json s = {{"$schema", dialect},
              {"$id", report_schema_file_name(shape.name)},
              {"title", "collab report " + shape.name + " --format json"},
              {"description", "Report JSON version 2 (docs/reports.md, \"JSON\")"}};
    const json top =
        object({{"report", {{"const", shape.name}}},
                {"json_version", {{"const", report_json_version}}},
                {"title", {{"type", "string"}}},
                {"store", {{"type", "string"}}},
                {"today", {{"$ref", "#/$defs/date"}}},
                {"filter", nullable("string")},
                {"sections", tuple(std::move(sections))}},
               {"report", "json_version", "title", "store", "today", "filter", "sections"});
    for (const auto& [k, v] : top.items()) s[k] = v;
    s["$defs"] = defs();
    return s;
}

}  // namespace collab
