// The partner graph: partners grouped by their top-level organisation, `parent` links, and
// agreements as edges (two parties) or as a node joined to each party (three or more).
#pragma once
#include <string>
#include <vector>

#include "report/scope.h"

namespace collab {

struct GraphNode {
    std::string id;
    std::string label;
    std::string type;
    std::string group;  // the top-level organisation it belongs to
};

struct GraphAgreement {
    std::string id;
    std::string label;
    std::string type;
    std::string status;
    std::vector<std::string> parties;  // those that are nodes of the graph
};

struct Graph {
    std::string title;
    std::vector<GraphNode> nodes;                                   // sorted by group, then id
    std::vector<std::pair<std::string, std::string>> parent_links;  // child, parent
    std::vector<GraphAgreement> agreements;
};

// Nodes: the partners the filter keeps (when it applies to partners) and the parties of the
// agreements it keeps, with their parent chains so that groups are complete.
Graph build_graph(const Scope& scope);
// Its DOT, Mermaid and JSON forms are in output/graph_render.h: lib/report returns data.

}  // namespace collab
