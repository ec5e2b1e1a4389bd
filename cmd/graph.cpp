// collab graph [FILTER...]: partners, their hierarchy and their agreements as a graph.
#include "cli.h"
#include "output/formats.h"
#include "output/graph_render.h"
#include "store/validate.h"

namespace collab::cli {

namespace {

struct GraphOptions {
    std::vector<std::string> filters;
    std::string format;
    std::string output;
};

int run_graph(const GraphOptions& o, const GlobalOptions& global) {
    const std::string format = format_for(o.format, o.output, formats_of("graph").formats,
                                          std::string(formats_of("graph").fallback));
    const OpenStore opened(global);
    const auto& [location, today, store, index] = opened;
    warn_if_invalid(store, today);
    const Scope scope = make_scope(store.config, store.records, index, today, o.filters, {});
    const Graph graph = build_graph(scope);
    emit(format == "mermaid" ? graph_mermaid(graph)
         : format == "json"  ? graph_json(graph)
                             : graph_dot(graph),
         o.output);
    return 0;
}

}  // namespace

Run setup_graph(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<GraphOptions>();
    sub.add_option("filters", o->filters,
                   "Filter expressions as for `list`, e.g. 'parties under zju'");
    sub.add_option("--format", o->format,
                   "dot (Graphviz), mermaid or json (default: from --output, else dot)")
        ->check(CLI::IsMember(std::vector<std::string>(formats_of("graph").formats.begin(),
                                                       formats_of("graph").formats.end())));
    sub.add_option("-o,--output", o->output, "Write to FILE (atomically) instead of stdout");
    return [o, &global] { return run_graph(*o, global); };
}

}  // namespace collab::cli
