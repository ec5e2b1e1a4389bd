#include "report/graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <span>

#include "query/related.h"
#include "report/common.h"
#include "report/terms.h"
#include "util/utf8.h"

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

namespace {

// A DOT double-quoted string; line breaks become DOT's \n.
std::string dot_quote(std::string_view s) {
    std::string escaped;
    for (char c : s) {
        if (c == '"' || c == '\\') escaped += '\\';
        escaped += c;
    }
    return "\"" + printable(escaped, "\\n") + "\"";
}

// The nodes of each top-level organisation (they are sorted by group), in order.
std::vector<std::span<const GraphNode>> groups_of(const Graph& g) {
    std::vector<std::span<const GraphNode>> out;
    for (std::size_t i = 0; i < g.nodes.size();) {
        std::size_t end = i;
        while (end < g.nodes.size() && g.nodes[end].group == g.nodes[i].group) ++end;
        out.emplace_back(g.nodes.data() + i, end - i);
        i = end;
    }
    return out;
}

std::string group_label(const Graph& g, const std::string& group) {
    for (const auto& n : g.nodes) {
        if (n.id == group) return n.label;
    }
    return group;
}

}  // namespace

std::string graph_dot(const Graph& g) {
    std::string out = "digraph collab {\n";
    out += "  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, label=" + dot_quote(g.title) +
           "];\n";
    out +=
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f6f8fa\", "
        "fontname=\"Helvetica\"];\n";
    out += "  edge [fontname=\"Helvetica\", fontsize=10];\n";
    for (const auto group : groups_of(g)) {
        const std::string& id = group.front().group;
        const bool cluster = group.size() > 1;
        const std::string indent = cluster ? "    " : "  ";
        if (cluster) {
            out += "  subgraph " + dot_quote("cluster_" + id) +
                   " {\n    label=" + dot_quote(group_label(g, id)) +
                   ";\n    style=rounded;\n    color=\"#8c959f\";\n";
        }
        for (const auto& n : group) {
            out += indent + dot_quote(n.id) + " [label=" + dot_quote(n.label + "\n(" + n.id + ")") +
                   ", tooltip=" + dot_quote(n.type) + "];\n";
        }
        if (cluster) out += "  }\n";
    }
    for (const auto& [child, parent] : g.parent_links) {
        out += "  " + dot_quote(child) + " -> " + dot_quote(parent) +
               " [style=dashed, arrowhead=empty, color=\"#8c959f\", label=\"part of\"];\n";
    }
    for (const auto& a : g.agreements) {
        const std::string label = a.type + "\n(" + a.status + ")";
        if (a.parties.size() == 2) {
            out += "  " + dot_quote(a.parties[0]) + " -> " + dot_quote(a.parties[1]) +
                   " [dir=none, label=" + dot_quote(label) +
                   ", tooltip=" + dot_quote(a.id + ": " + a.label) + "];\n";
            continue;
        }
        const std::string hub = "agreement:" + a.id;
        out += "  " + dot_quote(hub) +
               " [shape=ellipse, style=filled, fillcolor=\"#fff8c5\", label=" +
               dot_quote(a.id + "\n" + label) + ", tooltip=" + dot_quote(a.label) + "];\n";
        for (const auto& p : a.parties)
            out += "  " + dot_quote(hub) + " -> " + dot_quote(p) + " [dir=none];\n";
    }
    return out + "}\n";
}

namespace {

// Mermaid ids cannot hold '-': ids use [a-z0-9-], so turning '-' into '_' stays unique.
std::string mermaid_id(std::string_view prefix, std::string_view id) {
    std::string out(prefix);
    for (char c : id) out += c == '-' ? '_' : c;
    return out;
}

// A Mermaid "quoted" label: quotes as entities, no line breaks.
std::string mermaid_text(std::string_view s) {
    std::string out;
    for (char c : printable(s)) {
        if (c == '"') {
            out += "#quot;";
        } else if (c == '\n' || c == '\r') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return "\"" + out + "\"";
}

}  // namespace

std::string graph_mermaid(const Graph& g) {
    std::string out = "---\ntitle: " + mermaid_text(g.title) + "\n---\nflowchart LR\n";
    for (const auto group : groups_of(g)) {
        const std::string& id = group.front().group;
        const bool cluster = group.size() > 1;
        if (cluster)
            out += "  subgraph " + mermaid_id("g_", id) + "[" + mermaid_text(group_label(g, id)) +
                   "]\n";
        for (const auto& n : group) {
            out += std::string(cluster ? "    " : "  ") + mermaid_id("p_", n.id) + "[" +
                   mermaid_text(n.label) + "]\n";
        }
        if (cluster) out += "  end\n";
    }
    for (const auto& [child, parent] : g.parent_links) {
        out += "  " + mermaid_id("p_", child) + " -.->|part of| " + mermaid_id("p_", parent) + "\n";
    }
    for (const auto& a : g.agreements) {
        const std::string label = mermaid_text(a.type + " (" + a.status + ")");
        if (a.parties.size() == 2) {
            out += "  " + mermaid_id("p_", a.parties[0]) + " ---|" + label + "| " +
                   mermaid_id("p_", a.parties[1]) + "\n";
            continue;
        }
        const std::string hub = mermaid_id("a_", a.id);
        out +=
            "  " + hub + "([" + mermaid_text(a.id + ": " + a.type + " (" + a.status + ")") + "])\n";
        for (const auto& p : a.parties) out += "  " + hub + " --- " + mermaid_id("p_", p) + "\n";
    }
    return out;
}

std::string graph_json(const Graph& g) {
    using json = nlohmann::ordered_json;
    json doc;
    doc["title"] = g.title;
    doc["nodes"] = json::array();
    for (const auto& n : g.nodes) {
        doc["nodes"].push_back(
            {{"id", n.id}, {"label", n.label}, {"type", n.type}, {"group", n.group}});
    }
    doc["parent_links"] = json::array();
    for (const auto& [child, parent] : g.parent_links)
        doc["parent_links"].push_back({{"from", child}, {"to", parent}});
    doc["agreements"] = json::array();
    for (const auto& a : g.agreements) {
        doc["agreements"].push_back({{"id", a.id},
                                     {"label", a.label},
                                     {"type", a.type},
                                     {"status", a.status},
                                     {"parties", a.parties}});
    }
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace collab
