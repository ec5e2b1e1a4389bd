// collab diff [REV] [REV2]: what changed in the records between two git revisions.
#include <fmt/format.h>

#include "cli.h"
#include "diff/store_diff.h"
#include "output/diff_render.h"
#include "output/formats.h"
#include "store/git.h"
#include "util/errors.h"

namespace collab::cli {

namespace {

struct DiffOptions {
    std::vector<std::string> revisions;
    std::string format;
    std::string output;
    bool exit_code = false;
};

int run_diff(const DiffOptions& o, const GlobalOptions& global) {
    const std::string format = format_for(o.format, o.output, formats_of("diff").formats,
                                          std::string(formats_of("diff").fallback));
    std::vector<std::string> revisions = o.revisions;
    // git's A..B, for those who type it out of habit.
    if (revisions.size() == 1) {
        if (const auto dots = revisions[0].find(".."); dots != std::string::npos) {
            const std::string range = revisions[0];
            revisions = {range.substr(0, dots), range.substr(dots + 2)};
            if (revisions[0].empty()) revisions[0] = "HEAD";
            if (revisions[1].empty()) revisions[1] = "HEAD";
        }
    }
    if (revisions.size() > 2) {
        throw UsageError("collab diff takes at most two revisions",
                         "collab diff [REV [REV2]]: REV against the working tree, or REV to REV2");
    }
    const StoreLocation location = find_store(global);
    const GitRepository repo = find_git_repository(location.root);
    const std::string from = revisions.empty() ? "HEAD" : revisions[0];
    const Store before =
        load_store_at(repo, resolve_revision(repo, from), location, file_size_limit());
    const Store after =
        revisions.size() == 2
            ? load_store_at(repo, resolve_revision(repo, revisions[1]), location, file_size_limit())
            : load_store(location, global.jobs, !global.no_cache);
    const DiffSides sides{from, revisions.size() == 2 ? revisions[1] : "the working tree"};
    const StoreDiff diff = diff_stores(before, after);

    emit(format == "json" ? diff_json(diff, sides)
         : format == "md" ? diff_markdown(diff, sides)
                          : diff_text(diff, sides, o.output.empty() && use_color(global, 1)),
         o.output);
    return o.exit_code && !diff.empty() ? 1 : 0;
}

}  // namespace

Run setup_diff(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<DiffOptions>();
    sub.add_option("revisions", o->revisions,
                   "REV (default HEAD) against the working tree, or REV to REV2; A..B works too");
    sub.add_option("--format", o->format,
                   "text, md (for a pull-request comment) or json (default: from --output, else "
                   "text)")
        ->check(CLI::IsMember(std::vector<std::string>(formats_of("diff").formats.begin(),
                                                       formats_of("diff").formats.end())));
    sub.add_option("-o,--output", o->output, "Write to FILE (atomically) instead of stdout");
    sub.add_flag("--exit-code", o->exit_code, "Exit 1 when records changed, as git diff does");
    return [o, &global] { return run_diff(*o, global); };
}

}  // namespace collab::cli
