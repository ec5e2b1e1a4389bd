// Look-ups over the loaded records: by kind and id, and the partner hierarchy.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/record.h"

namespace collab {

class Index {
  public:
    // Builds the id maps and, for the kinds with a `parent` (partner, agreement), the
    // hierarchy in time linear in the records, so that the look-ups below never walk a long
    // chain again and again (issue 15: a chain of partners made every command cubic).
    // `home`: collab.yaml's home institution (a partner id), empty when there is none.
    explicit Index(std::span<const Record> records, std::string home = {});

    // The first record of that kind with that id (duplicates are reported elsewhere).
    const Record* find(Kind kind, std::string_view id) const;
    const std::vector<std::string>& ids(Kind kind) const;

    // The `parent` chain above a record of `kind` (partner or agreement), nearest first,
    // stopping before it would repeat (a loop is a `cycle` diagnostic, not a hang); a parent
    // that is no record ends it. Linear in the length of the chain.
    std::vector<std::string> ancestors(Kind kind, std::string_view id) const;
    // The last of ancestors(kind, id), or `id` when it has none. Constant time.
    std::string top_level(Kind kind, std::string_view id) const;
    // True when `partner` is `organisation` or belongs to it at any depth, i.e.
    // `organisation` is among ancestors(Partner, partner). Constant time.
    bool belongs_to(std::string_view partner, std::string_view organisation) const;
    // The same for any kind with a hierarchy: `to` is `from` or among ancestors(kind, from).
    bool reaches(Kind kind, std::string_view from, std::string_view to) const;

    // The home institution (contract v2, "The home institution"); empty when not set.
    const std::string& home() const { return home_; }
    // True when `partner` is the home institution or belongs to it at any depth.
    bool is_home(std::string_view partner) const;
    // The counterparties of an agreement: its `parties` (in order, once each) that are not
    // home; all of them without a home. Linear in the number of parties (a hash set).
    std::vector<std::string> counterparties(const Record& agreement) const;

  private:
    // The parent graph of one kind: each node has at most one parent, so it is a forest of
    // trees whose roots are either parentless or members of one loop. Cutting each loop
    // member's own parent edge leaves a forest; an Euler tour of it (enter/leave times)
    // answers "is A above B" in constant time.
    struct Hierarchy {
        std::vector<int> parent;              // node index, -1: none or not a record
        std::vector<std::string_view> named;  // the parent as written ("" if none)
        std::vector<int> loop;                // the loop a node is on, -1 if none
        std::vector<int> root;                // the forest root above a node (itself if root)
        std::vector<int> enter, leave;        // Euler tour times in the cut forest
        std::vector<int> loop_before;         // for a loop member: the member whose parent it is
    };
    struct KindIndex {
        std::unordered_map<std::string_view, const Record*> by_id;
        std::unordered_map<std::string_view, int> node;  // id -> index into `ids`
        std::vector<std::string> ids;
        std::vector<const Record*> records;  // in the order of `ids`
        Hierarchy tree;
    };
    void build_hierarchy(KindIndex& k);
    std::vector<KindIndex> kinds_;
    std::string home_;
};

}  // namespace collab
