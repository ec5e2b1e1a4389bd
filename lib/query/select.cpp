#include "query/select.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "model/values.h"
#include "query/collate.h"
#include "util/errors.h"

namespace collab {

std::vector<FieldPath> parse_field_list(Kind kind, std::string_view list, std::string_view option,
                                        const QueryContext* context) {
    std::vector<FieldPath> fields;
    std::size_t start = 0;
    while (start <= list.size()) {
        auto end = list.find(',', start);
        if (end == std::string_view::npos) end = list.size();
        std::string_view name = list.substr(start, end - start);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (!name.empty()) {
            std::string why;
            auto f = resolve_field(kind, name, &why, nullptr, context);
            if (!f)
                throw UsageError(fmt::format("{}: {}", option, why),
                                 "see `collab list --help` and docs/query.md");
            fields.push_back(std::move(*f));
        }
        start = end + 1;
    }
    if (fields.empty()) throw UsageError(fmt::format("{} needs at least one field name", option));
    return fields;
}

std::string_view default_columns(Kind kind) {
    return kind_info(kind).list_columns;
}

namespace {

void collect_entries(const Node& node, std::vector<const Node*>& out) {
    if (node.is_sequence()) {
        for (const Node& item : node.items) collect_entries(item, out);
    } else if (node.is_mapping()) {
        out.push_back(&node);
    }
}

}  // namespace

std::string cell_text(const Record& record, const FieldPath& field) {
    std::string out;
    if (field.whole_object && !field.next) {
        const Node* node = &record.root;
        for (const auto& part : field.parts) {
            node = node && node->is_mapping() ? node->get(part) : nullptr;
        }
        if (!node) return out;
        std::vector<const Node*> entries;
        collect_entries(*node, entries);
        for (const Node* entry : entries) {
            std::string pairs;
            for (const Entry& e : entry->entries) {
                if (e.value.is_scalar())
                    pairs += (pairs.empty() ? "" : ", ") + e.key + ": " + e.value.text;
            }
            out += (out.empty() ? "" : "; ") + pairs;
        }
        return out;
    }
    for (const auto& v : field_values(record, field)) out += (out.empty() ? "" : ", ") + v;
    return out;
}

std::vector<SortKey> parse_sort(Kind kind, std::string_view spec, const QueryContext* context) {
    std::vector<SortKey> keys;
    std::string names;
    std::vector<bool> descending;
    std::size_t start = 0;
    while (start <= spec.size()) {
        auto end = spec.find(',', start);
        if (end == std::string_view::npos) end = spec.size();
        std::string_view name = spec.substr(start, end - start);
        const bool desc = name.starts_with("-");
        if (desc) name.remove_prefix(1);
        names += (names.empty() ? "" : ",") + std::string(name);
        descending.push_back(desc);
        start = end + 1;
    }
    auto fields = parse_field_list(kind, names, "--sort", context);
    for (std::size_t i = 0; i < fields.size(); ++i)
        keys.push_back({std::move(fields[i]), descending[i]});
    return keys;
}

namespace {

struct SortValue {
    bool missing = true;
    bool numeric = false;
    double number = 0;
    std::string text;
};

// Names, titles and other free text sort by Unicode collation; ids, references, enum
// choices, codes and everything else stay in byte order (contract v2 / issue 16).
bool collates(const FieldPath& field) {
    if (field.special == FieldPath::Special::Names) return true;
    return field.special == FieldPath::Special::None && field.spec &&
           (field.spec->type == ValueType::String || field.spec->type == ValueType::Text);
}

SortValue sort_value(const Record& r, const FieldPath& field, const std::string& locale) {
    SortValue v;
    const auto values = field_values(r, field);
    if (values.empty()) return v;
    v.missing = false;
    v.text = values.front();
    switch (field.comparable) {
        case Comparable::Date:
            if (const auto d = parse_date(v.text)) {
                v.numeric = true;
                v.number = static_cast<double>(
                    (field.last_day ? d->last_day() : d->first_day()).days_since_epoch());
            }
            break;
        case Comparable::Number:
            if (is_signed_number(v.text)) {
                v.numeric = true;
                v.number = std::strtod(v.text.c_str(), nullptr);
            }
            break;
        case Comparable::Duration:
            if (const auto d = parse_duration(v.text)) {
                v.numeric = true;
                v.number = approximate_days(*d);
            }
            break;
        default:
            v.text = cell_text(r, field);
            if (collates(field)) v.text = collation_key(v.text, locale);
    }
    return v;
}

// -1, 0, 1; missing values last whatever the direction.
int compare(const SortValue& a, const SortValue& b, bool descending) {
    if (a.missing || b.missing) return a.missing == b.missing ? 0 : (a.missing ? 1 : -1);
    int c = 0;
    if (a.numeric && b.numeric) {
        c = a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
    } else if (a.numeric != b.numeric) {
        c = a.numeric ? -1 : 1;  // well-formed values before malformed ones
    } else {
        c = a.text.compare(b.text) < 0 ? -1 : (a.text == b.text ? 0 : 1);
    }
    return descending ? -c : c;
}

}  // namespace

void sort_records(std::vector<const Record*>& records, std::span<const SortKey> keys) {
    if (keys.empty()) return;
    // Compute each key once per record, not once per comparison.
    const std::string locale = collation_locale();
    std::vector<std::pair<const Record*, std::vector<SortValue>>> decorated;
    for (const Record* r : records) {
        std::vector<SortValue> values;
        for (const auto& k : keys) values.push_back(sort_value(*r, k.field, locale));
        decorated.emplace_back(r, std::move(values));
    }
    std::stable_sort(decorated.begin(), decorated.end(), [&](const auto& a, const auto& b) {
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const int c = compare(a.second[i], b.second[i], keys[i].descending);
            if (c != 0) return c < 0;
        }
        return false;
    });
    for (std::size_t i = 0; i < records.size(); ++i) records[i] = decorated[i].first;
}

std::vector<GroupCount> group_by(std::span<const Record* const> records, const FieldPath& field) {
    std::map<std::string, int> counts;
    int missing = 0;
    for (const Record* r : records) {
        const auto values = field_values(*r, field);
        if (values.empty()) ++missing;
        for (const auto& v : values) ++counts[v];
    }
    std::vector<GroupCount> out;
    for (const auto& [value, count] : counts) out.push_back({value, count});
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.count > b.count; });
    if (missing) out.push_back({std::nullopt, missing});
    return out;
}

}  // namespace collab
