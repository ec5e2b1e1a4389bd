#include "output/graph_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <span>

#include "escape/escape.h"
#include "util/utf8.h"

namespace collab {

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
// A Mermaid node id: ids are [a-z0-9-], but a record with a bad id (from a file name, which
// can hold anything) is still graphed, so every other byte is spelled _xHH: no quote, bracket,
// `;` or `%%` from a file name reaches the diagram's syntax, and distinct ids stay distinct.
std::string mermaid_id(std::string_view prefix, std::string_view id) {
    std::string out(prefix);
    for (const char c : id) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += c;
        } else if (c == '-') {
            out += '_';
        } else {
            out += fmt::format("_x{:02X}", static_cast<unsigned char>(c));
        }
    }
    return out;
}

}  // namespace

std::string graph_mermaid(const Graph& g) {
    // The front matter is YAML, not a Mermaid label: quoted the YAML way.
    std::string out =
        "---\ntitle: " + yaml_quoted(terminal_text(g.title)) + "\n---\nflowchart LR\n";
    for (const auto group : groups_of(g)) {
        const std::string& id = group.front().group;
        const bool cluster = group.size() > 1;
        if (cluster)
            out += "  subgraph " + mermaid_id("g_", id) + "[" + mermaid_label(group_label(g, id)) +
                   "]\n";
        for (const auto& n : group) {
            out += std::string(cluster ? "    " : "  ") + mermaid_id("p_", n.id) + "[" +
                   mermaid_label(n.label) + "]\n";
        }
        if (cluster) out += "  end\n";
    }
    for (const auto& [child, parent] : g.parent_links) {
        out += "  " + mermaid_id("p_", child) + " -.->|part of| " + mermaid_id("p_", parent) + "\n";
    }
    for (const auto& a : g.agreements) {
        const std::string label = mermaid_label(a.type + " (" + a.status + ")");
        if (a.parties.size() == 2) {
            out += "  " + mermaid_id("p_", a.parties[0]) + " ---|" + label + "| " +
                   mermaid_id("p_", a.parties[1]) + "\n";
            continue;
        }
        const std::string hub = mermaid_id("a_", a.id);
        out += "  " + hub + "([" + mermaid_label(a.id + ": " + a.type + " (" + a.status + ")") +
               "])\n";
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
