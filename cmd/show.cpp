// collab show ID|KIND/ID: one record with everything that points at it, resolved.
#include <fmt/format.h>

#include <iostream>

#include "cli.h"
#include "output/formats.h"
#include "output/show.h"

namespace collab::cli {

namespace {

struct ShowOptions {
    std::string ref;
    std::string format;
    std::string output;
};

int run_show(const ShowOptions& o, const GlobalOptions& global) {
    const OpenStore opened(global);
    const auto& [location, today, store, index] = opened;
    const Record& record = resolve_record(o.ref, index);
    warn_if_invalid(store, today);
    const std::string format = format_for(o.format, o.output, formats_of("show").formats,
                                          std::string(formats_of("show").fallback));
    emit(render_show(format, record, related(record, store.records, index),
                     ShowStyle{o.output.empty() && use_color(global, 1)}),
         o.output);
    return 0;
}

}  // namespace

Run setup_show(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<ShowOptions>();
    sub.add_option("record", o->ref,
                   "The record: its id, or KIND/ID when the id is used by several kinds")
        ->required();
    sub.add_option("--format", o->format,
                   fmt::format("{} (default: from --output, else {})", format_list("show"),
                               formats_of("show").fallback))
        ->check(CLI::IsMember(std::vector<std::string>(formats_of("show").formats.begin(),
                                                       formats_of("show").formats.end())));
    sub.add_option("-o,--output", o->output,
                   "Write to FILE (atomically) instead of stdout; the format follows its "
                   "extension (.json, .yaml, .txt) unless --format says");
    return [o, &global] { return run_show(*o, global); };
}

}  // namespace collab::cli
