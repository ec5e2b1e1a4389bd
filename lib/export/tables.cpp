#include "export/tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "model/schema.h"
#include "model/values.h"

namespace collab {

namespace {

ColumnType column_type(ValueType type) {
    switch (type) {
        case ValueType::WholeNumber:
        case ValueType::Bool:
            return ColumnType::Integer;
        case ValueType::Number:
            return ColumnType::Real;
        default:
            return ColumnType::Text;
    }
}

std::string references(const FieldSpec& spec) {
    return spec.type == ValueType::Ref ? std::string(kind_folder(spec.target)) : std::string();
}

Column column(std::string name, const FieldSpec& spec) {
    return Column{std::move(name), column_type(spec.type), references(spec),
                  std::string(spec.description)};
}

// The value of one scalar, typed by its field: booleans as 1/0, numbers as numbers, the rest
// (and anything that does not parse, in a record with errors) as the text written.
TableValue cell(const Node* node, const FieldSpec& spec) {
    if (!node || !node->is_scalar() || node->is_absent()) return {};
    const std::string& t = node->text;
    switch (spec.type) {
        case ValueType::Bool:
            if (t == "true" || t == "false") return {t == "true" ? "1" : "0", ColumnType::Integer};
            break;
        case ValueType::WholeNumber:
            if (is_whole_number(t) && t.size() < 16) return {t, ColumnType::Integer};
            break;
        case ValueType::Number:
            if (is_number(t) && t.size() < 30) return {t, ColumnType::Real};
            break;
        default:
            break;
    }
    return {t, ColumnType::Text};
}

// tags -> tag, aliases -> alias, commitments -> commitment: the column of a list's values.
std::string singular(std::string_view plural) {
    if (plural.ends_with("ses")) return std::string(plural.substr(0, plural.size() - 2));
    if (plural.ends_with("s")) return std::string(plural.substr(0, plural.size() - 1));
    return std::string(plural);
}

struct KindTables {
    DataTable main;
    std::vector<DataTable> lists;
    std::vector<const FieldSpec*> list_fields;  // parallel to `lists`
};

KindTables tables_of(Kind kind) {
    KindTables out;
    const std::string owner(kind_name(kind));
    out.main.name = std::string(kind_folder(kind));
    out.main.columns.push_back({"id", ColumnType::Text, "", "the record's id (its file name)"});
    out.main.columns.push_back({"file", ColumnType::Text, "", "relative to the store root"});
    for (const FieldSpec& f : fields_of(kind)) {
        if (f.name == "id") continue;
        switch (f.shape) {
            case Shape::Scalar:
                out.main.columns.push_back(column(std::string(f.name), f));
                break;
            case Shape::Object:
                for (const FieldSpec& sub : f.fields) {
                    out.main.columns.push_back(column(fmt::format("{}_{}", f.name, sub.name), sub));
                }
                break;
            case Shape::List:
            case Shape::ObjectList: {
                DataTable t;
                t.name = fmt::format("{}_{}", owner, f.name);
                t.owner = out.main.name;
                // The owner's column is named after its kind, unless an entry field has that
                // name already.
                std::string owner_column = owner;
                for (const FieldSpec& sub : f.fields) {
                    if (sub.name == owner_column) owner_column = owner + "_id";
                }
                t.columns.push_back({owner_column, ColumnType::Text, out.main.name,
                                     fmt::format("the {} this entry belongs to", owner)});
                t.columns.push_back(
                    {"position", ColumnType::Integer, "", "1-based order within the record"});
                if (f.shape == Shape::List) {
                    std::string name = f.type == ValueType::Ref ? std::string(kind_name(f.target))
                                                                : singular(f.name);
                    if (name == owner_column) name += "_value";
                    t.columns.push_back(column(std::move(name), f));
                } else {
                    for (const FieldSpec& sub : f.fields) {
                        t.columns.push_back(column(std::string(sub.name), sub));
                    }
                }
                out.lists.push_back(std::move(t));
                out.list_fields.push_back(&f);
                break;
            }
        }
    }
    return out;
}

void add_record(KindTables& t, const Record& r) {
    std::vector<TableValue> row = {{r.id, ColumnType::Text}, {r.file, ColumnType::Text}};
    for (const FieldSpec& f : fields_of(r.kind)) {
        if (f.name == "id") continue;
        const Node* value = r.root.get(f.name);
        if (f.shape == Shape::Scalar) row.push_back(cell(value, f));
        if (f.shape == Shape::Object) {
            for (const FieldSpec& sub : f.fields) {
                row.push_back(
                    cell(value && value->is_mapping() ? value->get(sub.name) : nullptr, sub));
            }
        }
    }
    t.main.rows.push_back(std::move(row));

    for (std::size_t i = 0; i < t.lists.size(); ++i) {
        const FieldSpec& f = *t.list_fields[i];
        const Node* value = r.root.get(f.name);
        if (!value || !value->is_sequence()) continue;
        int position = 0;
        for (const Node& item : value->items) {
            ++position;
            std::vector<TableValue> entry = {{r.id, ColumnType::Text},
                                             {std::to_string(position), ColumnType::Integer}};
            if (f.shape == Shape::List) {
                if (!item.is_scalar() || item.is_absent()) continue;
                entry.push_back(cell(&item, f));
            } else {
                if (!item.is_mapping()) continue;
                for (const FieldSpec& sub : f.fields)
                    entry.push_back(cell(item.get(sub.name), sub));
            }
            t.lists[i].rows.push_back(std::move(entry));
        }
    }
}

}  // namespace

std::vector<const Record*> export_order(std::span<const Record* const> records) {
    std::vector<const Record*> out(records.begin(), records.end());
    std::stable_sort(out.begin(), out.end(), [](const Record* a, const Record* b) {
        return std::tie(a->kind, a->id) < std::tie(b->kind, b->id);
    });
    return out;
}

std::vector<DataTable> export_tables(std::span<const Record* const> records) {
    std::vector<KindTables> by_kind;
    for (Kind k : all_kinds) by_kind.push_back(tables_of(k));
    std::set<std::pair<Kind, std::string>> seen;
    for (const Record* r : records) {
        if (!seen.insert({r->kind, r->id}).second) continue;
        add_record(by_kind[static_cast<std::size_t>(r->kind)], *r);
    }
    std::vector<DataTable> out;
    for (auto& k : by_kind) out.push_back(std::move(k.main));
    for (auto& k : by_kind) {
        for (auto& t : k.lists) out.push_back(std::move(t));
    }
    return out;
}

}  // namespace collab
