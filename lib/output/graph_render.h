// The partner graph (report/graph.h) as text: Graphviz DOT, Mermaid and JSON. Labels are
// record text, quoted for each language (DOT: the Graphviz grammar's quoted strings; Mermaid:
// entity codes), so no record can break the graph's syntax.
#pragma once
#include <string>

#include "report/graph.h"

namespace collab {

std::string graph_dot(const Graph& graph);
std::string graph_mermaid(const Graph& graph);
std::string graph_json(const Graph& graph);

}  // namespace collab
