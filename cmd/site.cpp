// collab site OUT_DIR [FILTER...]: the store as a static website (lib/site/).
#include <fmt/format.h>

#include <iostream>

#include "cli.h"
#include "model/kind.h"
#include "site/publish.h"
#include "site/site.h"
#include "store/store_paths.h"
#include "store/validate.h"
#include "util/errors.h"

namespace collab::cli {

namespace {

namespace fs = std::filesystem;

struct SiteOptions {
    std::string out;
    std::vector<std::string> filters;
    bool force = false;
};

// True when replacing `out` would delete the store or a folder holding it.
bool holds_store(const fs::path& out, const fs::path& store_root) {
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(fs::absolute(out), ec);
    if (ec) return false;
    const fs::path root = real_store_root(store_root);
    auto t = target.begin(), r = root.begin();
    for (; t != target.end() && r != root.end(); ++t, ++r) {
        if (*t != *r) return false;
    }
    return t == target.end();  // target is the root or above it
}

// The store's own folder that `out` is in or is (a kind's record folder, .collab, .git), or
// "" when there is none: replacing it would delete records, the cache or the history, even
// with --force (which is for a folder of the user's, not the store's).
std::string store_folder_of(const fs::path& out, const fs::path& store_root) {
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(fs::absolute(out), ec);
    if (ec) return {};
    const fs::path root = real_store_root(store_root);
    auto t = target.begin(), r = root.begin();
    for (; t != target.end() && r != root.end(); ++t, ++r) {
        if (*t != *r) return {};
    }
    if (r != root.end() || t == target.end()) return {};  // not below the root
    const std::string first = t->string();
    if (first == ".collab" || first == ".git") return first;
    for (Kind k : all_kinds) {
        if (first == kind_folder(k)) return first;
    }
    return {};
}

int run_site(const SiteOptions& o, const GlobalOptions& global) {
    if (o.out.empty()) throw UsageError("the output folder is empty", "e.g. collab site public");
    const OpenStore opened(global);
    const auto& [location, today, store, index] = opened;
    if (holds_store(o.out, location.root)) {
        throw UsageError(fmt::format("{} holds the store; collab site replaces its whole output "
                                     "folder, so it must be somewhere else",
                                     o.out),
                         "e.g. collab site public, with public/ in .gitignore");
    }
    if (const std::string folder = store_folder_of(o.out, location.root); !folder.empty()) {
        throw UsageError(fmt::format("{} is in the store's {}/ folder; collab site replaces its "
                                     "whole output folder, so it must be somewhere else",
                                     o.out, folder),
                         "e.g. collab site public, with public/ in .gitignore");
    }
    warn_if_invalid(store, today);
    const Tally validation = tally(validate(store, today));
    const auto files =
        build_site(SiteInput{store.config, store.records, index, today, o.filters, validation});
    publish_site(o.out, files, o.force);
    std::cerr << fmt::format("collab: wrote {} files to {}\n", files.size(), o.out);
    return 0;
}

}  // namespace

Run setup_site(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<SiteOptions>();
    sub.add_option("out", o->out,
                   "The folder to write the site to; it is replaced as a whole, so it must be "
                   "new, empty or a site collab wrote before (see --force)")
        ->required();
    sub.add_option("filters", o->filters,
                   "Filter expressions as for `list`: the site shows only the records they keep");
    sub.add_flag("--force", o->force,
                 "Replace OUT even when it is not a site collab wrote (everything in it is lost)");
    return [o, &global] { return run_site(*o, global); };
}

}  // namespace collab::cli
