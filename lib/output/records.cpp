#include "output/records.h"

#include <cstdlib>
#include "escape/escape.h"
#include "model/values.h"
#include "output/record_json.h"
#include "output/yaml_writer.h"

namespace collab {

namespace {

using json = nlohmann::ordered_json;

std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// json: the whole array; jsonl: one element per line; yaml: a block sequence.
std::string render_json_family(std::string_view format, const json& array) {
    if (format == "json") return dump(array) + "\n";
    if (format == "yaml") return to_yaml(array);
    std::string out;
    for (const auto& item : array) out += dump(item) + "\n";
    return out;
}

// A derived value typed as its field compares: numbers and bools as JSON's, lists as arrays,
// an absent single value as null.
json derived_json(const Record& record, const FieldPath& field) {
    const auto typed = [&](const std::string& v) -> json {
        if (field.comparable == Comparable::Bool) return v == "true";
        if (field.comparable == Comparable::Number) {
            char* end = nullptr;
            const double d = std::strtod(v.c_str(), &end);
            if (v.empty() || *end != '\0') return v;
            const auto whole = static_cast<long>(d);
            return static_cast<double>(whole) == d ? json(whole) : json(d);
        }
        return v;
    };
    const auto values = field_values(record, field);
    if (field.is_list) {
        json a = json::array();
        for (const auto& v : values) a.push_back(typed(v));
        return a;
    }
    return values.empty() ? json(nullptr) : typed(values.front());
}

}  // namespace

std::string render_records(std::string_view format, std::span<const Record* const> records,
                           std::span<const FieldPath> columns, const TableStyle& style) {
    if (format == "ids") {
        std::string out;
        // Ids come from file names, and a file name can hold anything (`$(touch x).yaml`):
        // only valid ids are printed, so completion scripts and `xargs` get plain words.
        for (const Record* r : records) {
            if (is_id(r->id)) out += r->id + "\n";
        }
        return out;
    }
    if (format == "json" || format == "jsonl" || format == "yaml") {
        json array = json::array();
        for (const Record* r : records) {
            json item = record_json(*r);
            // Contract v2: computed fields and paths through references appear only when
            // --fields names them, after the record's own fields.
            for (const auto& c : columns) {
                if (c.needs_context) item[c.text] = derived_json(*r, c);
            }
            array.push_back(std::move(item));
        }
        return render_json_family(format, array);
    }
    Table table;
    for (const auto& c : columns) table.headers.push_back(c.text);
    for (const Record* r : records) {
        std::vector<std::string> row;
        for (const auto& c : columns) row.push_back(cell_text(*r, c));
        table.rows.push_back(std::move(row));
    }
    return render_tabular(format, table, style);
}

std::string render_groups(std::string_view format, const FieldPath& field,
                          std::span<const GroupCount> groups, const TableStyle& style) {
    if (format == "ids") {
        std::string out;
        for (const auto& g : groups) {
            if (g.value) out += terminal_text(*g.value) + "\n";
        }
        return out;
    }
    if (format == "json" || format == "jsonl" || format == "yaml") {
        json array = json::array();
        for (const auto& g : groups) {
            json item = json::object();
            item[field.text] = g.value ? json(*g.value) : json(nullptr);
            item["count"] = g.count;
            array.push_back(std::move(item));
        }
        return render_json_family(format, array);
    }
    Table table{{field.text, "count"}, {}};
    // A machine-readable table leaves the missing value empty; a person reads "(none)".
    const bool human = format == "table";
    for (const auto& g : groups) {
        table.rows.push_back(
            {g.value ? *g.value : (human ? "(none)" : ""), std::to_string(g.count)});
    }
    TableStyle counts = style;
    counts.right_align = {false, true};
    counts.types = {field.comparable == Comparable::Date ? ColumnKind::Date : ColumnKind::Text,
                    ColumnKind::Number};
    return render_tabular(format, table, counts);
}

}  // namespace collab
