// What changed in the records between two versions of a store: records added, removed and
// renamed, and field-level changes (`status: active -> expired`, `parties: +zju-sah`),
// compared by meaning (quoting, layout and comments do not count). Pure: two Stores in.
#pragma once
#include <string>
#include <vector>

#include "store/store.h"

namespace collab {

struct FieldChange {
    std::string field;                 // dotted: status, renewal.notice, milestones[Launch].done
    std::string before;                // the old value in flow form; "" when it was absent
    std::string after;                 // the new value; "" when it is now absent
    std::vector<std::string> added;    // lists: entries that appeared
    std::vector<std::string> removed;  // lists: entries that went
    bool reordered = false;            // lists: same entries, another order
    bool is_list() const { return !added.empty() || !removed.empty() || reordered; }
};

enum class ChangeType : unsigned char { Added, Removed, Renamed, Changed };
std::string_view change_type_name(ChangeType type);

struct RecordChange {
    ChangeType type = ChangeType::Changed;
    std::string kind;      // partner ... event, or "settings" for collab.yaml
    std::string id;        // the new id (the old one for Removed)
    std::string old_id;    // Renamed: the id it had
    std::string file;      // the new file (the old one for Removed)
    std::string old_file;  // when the file moved or was renamed
    std::string label;     // its name or title, for people reading the list
    std::vector<FieldChange> fields;
};

struct StoreDiff {
    std::vector<RecordChange> changes;  // settings first, then by kind and id
    int count(ChangeType type) const;
    bool empty() const { return changes.empty(); }
};

StoreDiff diff_stores(const Store& before, const Store& after);

// A value in one line of flow form, for messages: `x`, `[a, b]`, `{person: a, partner: b}`.
std::string flow(const Node& node);

}  // namespace collab
