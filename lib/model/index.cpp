#include "model/index.h"

#include <algorithm>
#include <unordered_set>

namespace collab {

Index::Index(std::span<const Record> records, std::string home)
    : kinds_(all_kinds.size()), home_(std::move(home)) {
    for (const Record& r : records) {
        KindIndex& k = kinds_[static_cast<std::size_t>(r.kind)];
        if (k.by_id.emplace(r.id, &r).second) k.ids.push_back(r.id);
    }
    for (auto& k : kinds_) {
        std::sort(k.ids.begin(), k.ids.end());
        k.records.reserve(k.ids.size());
        for (std::size_t i = 0; i < k.ids.size(); ++i) {
            // Keyed by the record's own id (like by_id): the views stay valid however the
            // index is moved.
            k.records.push_back(k.by_id.at(k.ids[i]));
            k.node.emplace(k.records.back()->id, static_cast<int>(i));
        }
    }
    build_hierarchy(kinds_[static_cast<std::size_t>(Kind::Partner)]);
    build_hierarchy(kinds_[static_cast<std::size_t>(Kind::Agreement)]);
}

void Index::build_hierarchy(KindIndex& k) {
    const int n = static_cast<int>(k.ids.size());
    Hierarchy& h = k.tree;
    h.parent.assign(n, -1);
    h.named.assign(n, {});
    h.loop.assign(n, -1);
    h.root.assign(n, -1);
    h.enter.assign(n, 0);
    h.leave.assign(n, 0);
    h.loop_before.assign(n, -1);
    for (int i = 0; i < n; ++i) {
        h.named[i] = k.records[i]->root.scalar("parent");
        if (h.named[i].empty()) continue;
        const auto it = k.node.find(h.named[i]);
        if (it != k.node.end()) h.parent[i] = it->second;
    }
    // Loops: walk from each unvisited node, colouring the path; meeting the current path
    // again closes a loop. Every node is walked once.
    std::vector<int> state(n, 0), path;  // 0 new, 1 on the current path, 2 done
    int loops = 0;
    for (int start = 0; start < n; ++start) {
        path.clear();
        int x = start;
        while (x >= 0 && state[x] == 0) {
            state[x] = 1;
            path.push_back(x);
            x = h.parent[x];
        }
        if (x >= 0 && state[x] == 1) {
            // x .. end of path is a loop.
            const auto from = std::find(path.begin(), path.end(), x);
            for (auto it = from; it != path.end(); ++it) {
                h.loop[*it] = loops;
                h.loop_before[h.parent[*it]] = *it;
            }
            ++loops;
        }
        for (int p : path) state[p] = 2;
    }
    // The cut forest: loop members are roots. Children lists, then an iterative Euler tour.
    std::vector<std::vector<int>> children(n);
    for (int i = 0; i < n; ++i) {
        if (h.parent[i] >= 0 && h.loop[i] < 0) children[h.parent[i]].push_back(i);
    }
    int clock = 0;
    std::vector<std::pair<int, std::size_t>> stack;
    for (int r = 0; r < n; ++r) {
        if (h.parent[r] >= 0 && h.loop[r] < 0) continue;  // not a root
        stack.push_back({r, 0});
        h.enter[r] = clock++;
        h.root[r] = r;
        while (!stack.empty()) {
            auto& [node, next] = stack.back();
            if (next < children[node].size()) {
                const int c = children[node][next++];
                h.enter[c] = clock++;
                h.root[c] = r;
                stack.push_back({c, 0});
            } else {
                h.leave[node] = clock++;
                stack.pop_back();
            }
        }
    }
}

const Record* Index::find(Kind kind, std::string_view id) const {
    const auto& map = kinds_[static_cast<std::size_t>(kind)].by_id;
    const auto it = map.find(id);
    return it == map.end() ? nullptr : it->second;
}

const std::vector<std::string>& Index::ids(Kind kind) const {
    return kinds_[static_cast<std::size_t>(kind)].ids;
}

std::vector<std::string> Index::ancestors(Kind kind, std::string_view id) const {
    std::vector<std::string> chain;
    // A set, not a search of the chain: each step costs O(1), the walk O(chain).
    std::unordered_set<std::string_view> seen;
    std::string_view current = id;
    while (const Record* r = find(kind, current)) {
        const std::string_view parent = r->root.scalar("parent");
        if (parent.empty() || parent == id || seen.count(parent)) break;
        chain.emplace_back(parent);
        seen.insert(parent);
        current = parent;
    }
    return chain;
}

std::string Index::top_level(Kind kind, std::string_view id) const {
    const KindIndex& k = kinds_[static_cast<std::size_t>(kind)];
    const auto it = k.node.find(id);
    if (it == k.node.end() || k.tree.parent.empty()) return std::string(id);
    const Hierarchy& h = k.tree;
    const int root = h.root[it->second];
    // Into a loop: the walk goes round and stops before the member it entered by.
    if (h.loop[root] >= 0) return k.ids[h.loop_before[root]];
    // A parent that is no record ends the chain, as its last element.
    if (!h.named[root].empty()) return std::string(h.named[root]);
    return k.ids[root];
}

bool Index::belongs_to(std::string_view partner, std::string_view organisation) const {
    return reaches(Kind::Partner, partner, organisation);
}

bool Index::reaches(Kind kind, std::string_view from, std::string_view to) const {
    if (from == to) return true;
    const KindIndex& k = kinds_[static_cast<std::size_t>(kind)];
    const auto p = k.node.find(from);
    if (p == k.node.end() || k.tree.parent.empty()) return false;
    const Hierarchy& h = k.tree;
    const int x = p->second;
    const int root = h.root[x];
    const auto o = k.node.find(to);
    if (o == k.node.end()) {
        // Only the top of a chain can name a parent that is no record.
        return h.loop[root] < 0 && h.named[root] == to;
    }
    const int org = o->second;
    // Above x in the cut forest (the path up to its root) ...
    if (h.enter[org] <= h.enter[x] && h.leave[x] <= h.leave[org]) return true;
    // ... or anywhere on the loop that path runs into.
    return h.loop[root] >= 0 && h.loop[org] == h.loop[root];
}

bool Index::is_home(std::string_view partner) const {
    return !home_.empty() && belongs_to(partner, home_);
}

std::vector<std::string> Index::counterparties(const Record& agreement) const {
    std::vector<std::string> out;
    // A hash set of those already taken: a long parties list stays linear, where searching
    // `out` for each party was quadratic (issue 18's register at scale).
    std::unordered_set<std::string> seen;
    for (auto& p : agreement.root.values("parties")) {
        if (!seen.insert(p).second || is_home(p)) continue;
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace collab
