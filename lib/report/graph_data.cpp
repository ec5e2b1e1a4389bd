#include "report/graph.h"

#include <algorithm>
#include <set>

#include "query/related.h"
#include "report/common.h"
#include "report/terms.h"

namespace collab {

Graph build_graph(const Scope& scope) {
    Graph g;
    g.title = "Partners and agreements of " + scope.config.name;
    std::set<std::string> ids;
    for (const Record* r : scope.selected) {
        if (r->kind == Kind::Partner) {
            ids.insert(r->id);
        }
    }
    const auto agreements = scope.of(Kind::Agreement);
    for (const Record* a : agreements) {
        for (const auto& p : list_values(*a, "parties")) {
            if (scope.index.find(Kind::Partner, p)) ids.insert(p);
        }
    }
    // Complete the parent chains, so each group shows how its members hang together.
    // A walk stops at a partner already taken: its own chain is (or will be) walked, so a
    // long chain costs its length once, not once per member.
    const std::set<std::string> named = ids;
    for (const auto& id : named) {
        std::string_view current = id;
        while (const Record* p = scope.index.find(Kind::Partner, current)) {
            const std::string_view up = p->root.scalar("parent");
            if (up.empty() || !ids.insert(std::string(up)).second) break;
            current = up;
        }
    }
    for (const auto& id : ids) {
        const Record* p = scope.index.find(Kind::Partner, id);
        if (!p) continue;
        g.nodes.push_back(
            {id, label_of(*p), std::string(p->root.scalar("type")), top_level(scope.index, id)});
        const std::string parent(p->root.scalar("parent"));
        if (!parent.empty() && ids.contains(parent)) g.parent_links.emplace_back(id, parent);
    }
    std::stable_sort(g.nodes.begin(), g.nodes.end(),
                     [](const GraphNode& a, const GraphNode& b) { return a.group < b.group; });
    for (const Record* a : agreements) {
        GraphAgreement ga{a->id,
                          label_of(*a),
                          std::string(a->root.scalar("type")),
                          std::string(a->root.scalar("status")),
                          {}};
        for (const auto& p : list_values(*a, "parties")) {
            if (ids.contains(p) &&
                std::find(ga.parties.begin(), ga.parties.end(), p) == ga.parties.end()) {
                ga.parties.push_back(p);
            }
        }
        if (ga.parties.size() >= 2) g.agreements.push_back(std::move(ga));
    }
    return g;
}

}  // namespace collab
