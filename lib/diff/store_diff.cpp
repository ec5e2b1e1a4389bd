#include "diff/store_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "model/schema.h"
#include "query/related.h"
#include "util/utf8.h"

namespace collab {

namespace {

const Node null_node{};

Node node_of(Node::Type type, std::string text = {}) {
    Node n;
    n.type = type;
    n.text = std::move(text);
    return n;
}

FieldChange field_change(std::string path, std::string before = {}, std::string after = {}) {
    FieldChange f;
    f.field = std::move(path);
    f.before = std::move(before);
    f.after = std::move(after);
    return f;
}

const Node& value_of(const Node& map, std::string_view key) {
    const Node* v = map.get(key);
    return v ? *v : null_node;
}

std::string shown(const Node& node) {
    return node.is_absent() ? std::string() : flow(node);
}

// The keys of two mappings in the order of the field table, then the others in file order.
std::vector<std::string> keys_of(const Node& a, const Node& b, std::span<const FieldSpec> specs) {
    std::vector<std::string> keys;
    for (const auto& s : specs) {
        if (a.get(s.name) || b.get(s.name)) keys.emplace_back(s.name);
    }
    for (const Node* m : {&a, &b}) {
        for (const Entry& e : m->entries) {
            if (!find_field(specs, e.key) &&
                std::find(keys.begin(), keys.end(), e.key) == keys.end())
                keys.push_back(e.key);
        }
    }
    return keys;
}

void diff_value(const std::string& path, const Node& a, const Node& b, const FieldSpec* spec,
                std::vector<FieldChange>& out);

// Lists compare as multisets: what came and what went. Entries of a list of mappings that
// share their first required field (a milestone's title, a signatory's person) and differ
// otherwise are changed in place: `milestones[Launch].done: false -> true`.
void diff_list(const std::string& path, const Node& a, const Node& b, const FieldSpec* spec,
               std::vector<FieldChange>& out) {
    std::vector<const Node*> gone, came;
    std::vector<bool> matched(b.items.size(), false);
    for (const Node& x : a.items) {
        bool found = false;
        for (std::size_t j = 0; j < b.items.size(); ++j) {
            if (!matched[j] && same_data(x, b.items[j])) {
                matched[j] = found = true;
                break;
            }
        }
        if (!found) gone.push_back(&x);
    }
    for (std::size_t j = 0; j < b.items.size(); ++j) {
        if (!matched[j]) came.push_back(&b.items[j]);
    }
    if (gone.empty() && came.empty()) {
        if (!same_data(a, b)) {
            out.push_back(field_change(path));
            out.back().reordered = true;
        }
        return;
    }

    const FieldSpec* key = nullptr;
    if (spec && spec->shape == Shape::ObjectList) {
        for (const auto& f : spec->fields) {
            if (f.required) {
                key = &f;
                break;
            }
        }
    }
    if (key) {
        const auto key_of = [&](const Node* n) { return std::string(n->scalar(key->name)); };
        const auto unique = [&](const std::vector<const Node*>& list, const std::string& k) {
            return std::count_if(list.begin(), list.end(),
                                 [&](const Node* n) { return key_of(n) == k; }) == 1;
        };
        std::vector<const Node*> still_gone;
        for (const Node* g : gone) {
            const std::string k = key_of(g);
            auto it = std::find_if(came.begin(), came.end(),
                                   [&](const Node* c) { return key_of(c) == k; });
            if (k.empty() || it == came.end() || !unique(gone, k) || !unique(came, k)) {
                still_gone.push_back(g);
                continue;
            }
            const std::string entry = fmt::format("{}[{}]", path, shorten(k, 40));
            for (const std::string& sub : keys_of(*g, **it, spec->fields)) {
                diff_value(entry + "." + sub, value_of(*g, sub), value_of(**it, sub),
                           find_field(spec->fields, sub), out);
            }
            came.erase(it);
        }
        gone = std::move(still_gone);
        if (gone.empty() && came.empty()) return;
    }
    FieldChange change = field_change(path);
    for (const Node* g : gone) change.removed.push_back(flow(*g));
    for (const Node* c : came) change.added.push_back(flow(*c));
    out.push_back(std::move(change));
}

void diff_value(const std::string& path, const Node& a, const Node& b, const FieldSpec* spec,
                std::vector<FieldChange>& out) {
    if (same_data(a, b)) return;
    if (a.is_mapping() && b.is_mapping()) {
        const auto specs =
            spec ? std::span<const FieldSpec>(spec->fields) : std::span<const FieldSpec>();
        for (const std::string& k : keys_of(a, b, specs)) {
            diff_value(path + "." + k, value_of(a, k), value_of(b, k), find_field(specs, k), out);
        }
        return;
    }
    // An absent list is an empty one: `areas: +research`, not `(none) -> [research]`.
    const Node empty = node_of(Node::Type::Sequence);
    if ((a.is_sequence() || a.is_absent()) && (b.is_sequence() || b.is_absent())) {
        diff_list(path, a.is_absent() ? empty : a, b.is_absent() ? empty : b, spec, out);
        return;
    }
    out.push_back(field_change(path, shown(a), shown(b)));
}

std::vector<FieldChange> diff_fields(const Node& a, const Node& b,
                                     std::span<const FieldSpec> specs) {
    std::vector<FieldChange> out;
    for (const std::string& k : keys_of(a, b, specs)) {
        if (k == "id") continue;  // the id is the file name: a rename, said once
        diff_value(k, value_of(a, k), value_of(b, k), find_field(specs, k), out);
    }
    return out;
}

// The record's name or title (query/related.h), on one line, for people reading a list.
std::string label(const Record& r) {
    return shorten(printable(label_of(r), " "), 80);
}

// How alike two records of one kind are: the share of their fields (id aside) that are equal.
double likeness(const Record& a, const Record& b) {
    const auto keys = keys_of(a.root, b.root, fields_of(a.kind));
    int total = 0, equal = 0;
    for (const auto& k : keys) {
        if (k == "id") continue;
        ++total;
        equal += same_data(value_of(a.root, k), value_of(b.root, k)) ? 1 : 0;
    }
    return total == 0 ? 1.0 : static_cast<double>(equal) / total;
}

// A removed and an added record of one kind are one record renamed when they keep their name
// (or title) and more than half their fields, or at least four fifths of their fields: small
// records share `type` and `country` too easily for likeness alone to say.
bool looks_renamed(const Record& gone, const Record& came, double likeness) {
    const std::string name = label(gone);
    return (likeness > 0.5 && !name.empty() && name == label(came)) || likeness >= 0.8;
}

RecordChange record_change(ChangeType type, const Record& r) {
    RecordChange c;
    c.type = type;
    c.kind = std::string(kind_name(r.kind));
    c.id = r.id;
    c.file = r.file;
    c.label = label(r);
    return c;
}

}  // namespace

std::string_view change_type_name(ChangeType type) {
    switch (type) {
        case ChangeType::Added:
            return "added";
        case ChangeType::Removed:
            return "removed";
        case ChangeType::Renamed:
            return "renamed";
        case ChangeType::Changed:
            return "changed";
    }
    return "?";
}

int StoreDiff::count(ChangeType type) const {
    return static_cast<int>(std::count_if(changes.begin(), changes.end(),
                                          [&](const RecordChange& c) { return c.type == type; }));
}

std::string flow(const Node& node) {
    switch (node.type) {
        case Node::Type::Null:
            return "~";
        case Node::Type::Scalar:
            return shorten(printable(node.text, " "), 60);
        case Node::Type::Sequence: {
            std::vector<std::string> items;
            for (const Node& i : node.items) items.push_back(flow(i));
            return "[" + fmt::format("{}", fmt::join(items, ", ")) + "]";
        }
        case Node::Type::Mapping: {
            std::vector<std::string> items;
            for (const Entry& e : node.entries) {
                items.push_back(fmt::format("{}: {}", printable(e.key), flow(e.value)));
            }
            return "{" + fmt::format("{}", fmt::join(items, ", ")) + "}";
        }
    }
    return {};
}

StoreDiff diff_stores(const Store& before, const Store& after) {
    StoreDiff diff;
    {
        // collab.yaml: compared like a record. Its parsed form is not kept, so compare what
        // the settings mean.
        Node a, b;
        a.type = b.type = Node::Type::Mapping;
        const auto settings = [](const Config& c, Node& n) {
            const auto add = [&](std::string key, Node value) {
                if (!value.is_absent())
                    n.entries.push_back(Entry{std::move(key), {}, std::move(value)});
            };
            add("name", node_of(Node::Type::Scalar, c.name));
            Node areas = node_of(Node::Type::Sequence);
            for (const auto& area : c.areas)
                areas.items.push_back(node_of(Node::Type::Scalar, area));
            add("areas", areas);
            add("expiring", node_of(Node::Type::Scalar,
                                    fmt::format("{}{}", c.expiring.count, c.expiring.unit)));
        };
        settings(before.config, a);
        settings(after.config, b);
        std::vector<FieldChange> fields = diff_fields(a, b, config_fields());
        if (!fields.empty()) {
            RecordChange c;
            c.kind = "settings";
            c.id = c.file = "collab.yaml";
            c.fields = std::move(fields);
            diff.changes.push_back(std::move(c));
        }
    }

    // Records by kind and id; with duplicate ids (a store with errors) the first counts.
    using Key = std::pair<Kind, std::string>;
    std::map<Key, const Record*> old_records, new_records;
    for (const Record& r : before.records) old_records.emplace(Key{r.kind, r.id}, &r);
    for (const Record& r : after.records) new_records.emplace(Key{r.kind, r.id}, &r);

    std::vector<const Record*> removed, added;
    std::vector<RecordChange> records;
    for (const auto& [key, old_record] : old_records) {
        const auto it = new_records.find(key);
        if (it == new_records.end()) {
            removed.push_back(old_record);
            continue;
        }
        const Record& now = *it->second;
        RecordChange c = record_change(ChangeType::Changed, now);
        c.fields = diff_fields(old_record->root, now.root, fields_of(now.kind));
        if (old_record->file != now.file) c.old_file = old_record->file;
        if (!c.fields.empty() || !c.old_file.empty()) records.push_back(std::move(c));
    }
    for (const auto& [key, r] : new_records) {
        if (!old_records.count(key)) added.push_back(r);
    }

    // Renames: the most alike pairs of a removed and an added record of one kind first, so a
    // weak match never takes a record from a perfect one.
    struct Candidate {
        double likeness;
        const Record* gone;
        const Record* came;
    };
    std::vector<Candidate> candidates;
    for (const Record* gone : removed) {
        for (const Record* came : added) {
            if (came->kind != gone->kind) continue;
            const double l = likeness(*gone, *came);
            if (looks_renamed(*gone, *came, l)) candidates.push_back({l, gone, came});
        }
    }
    std::stable_sort(
        candidates.begin(), candidates.end(),
        [](const Candidate& a, const Candidate& b) { return a.likeness > b.likeness; });
    std::set<const Record*> paired;
    for (const Candidate& c : candidates) {
        if (paired.count(c.gone) || paired.count(c.came)) continue;
        paired.insert(c.gone);
        paired.insert(c.came);
        RecordChange change = record_change(ChangeType::Renamed, *c.came);
        change.old_id = c.gone->id;
        change.old_file = c.gone->file;
        change.fields = diff_fields(c.gone->root, c.came->root, fields_of(c.came->kind));
        records.push_back(std::move(change));
    }
    for (const Record* gone : removed) {
        if (!paired.count(gone)) records.push_back(record_change(ChangeType::Removed, *gone));
    }
    for (const Record* came : added) {
        if (!paired.count(came)) records.push_back(record_change(ChangeType::Added, *came));
    }

    std::sort(records.begin(), records.end(), [](const RecordChange& a, const RecordChange& b) {
        const auto rank = [](const RecordChange& c) {
            for (Kind k : all_kinds) {
                if (kind_name(k) == c.kind) return static_cast<int>(k);
            }
            return -1;
        };
        return std::tuple(rank(a), a.id) < std::tuple(rank(b), b.id);
    });
    for (auto& r : records) diff.changes.push_back(std::move(r));
    return diff;
}

}  // namespace collab
