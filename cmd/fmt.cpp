// collab fmt [--check] [--diff] [PATH...]: the canonical layout, keeping every comment.
#include <fmt/format.h>

#include "cli.h"
#include "edit/edits.h"
#include "edit/emit.h"
#include "escape/escape.h"
#include "store/lock.h"
#include "store/store_paths.h"
#include "store_access.h"
#include "util/atomic_write.h"
#include "util/errors.h"

namespace collab::cli {

namespace {

struct FmtOptions {
    std::vector<std::string> paths;
    bool check = false;
    bool diff = false;
};

int run_fmt(const FmtOptions& o, const GlobalOptions& global) {
    const StoreLocation location = o.check ? find_store(global) : find_writable_store(global);
    // Only a run that writes locks; the lock spans the read and the rename of every file.
    std::optional<StoreLock> lock;
    if (!o.check) lock.emplace(location.root);
    const auto prefixes = store_selection(o.paths, location);
    const Store store = load_store(location, global.jobs, !global.no_cache);
    std::vector<std::string> files = {"collab.yaml"};
    files.insert(files.end(), store.files.begin(), store.files.end());

    int would_change = 0, skipped = 0;
    for (const auto& file : files) {
        if (!selected(file, prefixes)) continue;
        // A file name is record text too: never raw on the terminal.
        const std::string shown =
            terminal_text(location.display == "." ? file : location.display + "/" + file);
        std::string error;
        bool too_large = false;
        const auto text = read_store_file(location.root, file, file_size_limit(), error, too_large);
        if (!text) {
            fmt::print(stderr, "{}: skipped: cannot read it: {}\n", shown, error);
            ++skipped;
            continue;
        }
        const std::string top = file.substr(0, file.find('/'));
        const auto kind = parse_kind(top);
        const Rank rank =
            file == "collab.yaml"
                ? Rank(config_rank)
                : Rank([k = *kind](std::string_view key) { return canonical_rank(k, key); });
        const EditResult r = format_text(*text, rank);
        if (r.problem) {
            fmt::print(stderr, "{}: skipped: {}\n", shown, *r.problem);
            ++skipped;
            continue;
        }
        if (r.text == *text) continue;
        // The file's lines are record text: YAML readers accept a raw ESC in a plain scalar.
        if (o.diff)
            fmt::print("{}",
                       terminal_lines(unified_diff("a/" + shown, "b/" + shown, *text, r.text)));
        if (o.check) {
            ++would_change;
            if (!o.diff) fmt::print("{}\n", shown);
            continue;
        }
        write_file_atomically(store_write_path(location.root, file), r.text);
        if (!o.diff) fmt::print("formatted {}\n", shown);
    }
    if (o.check && would_change) {
        fmt::print(stderr, "collab: {} file{} would be reformatted; run `collab fmt`\n",
                   would_change, would_change == 1 ? "" : "s");
    }
    if (skipped)
        fmt::print(stderr, "collab: {} file{} skipped (see above)\n", skipped,
                   skipped == 1 ? "" : "s");
    return (o.check && would_change) || skipped ? 1 : 0;
}

}  // namespace

Run setup_fmt(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<FmtOptions>();
    sub.add_option("paths", o->paths,
                   "Files or folders inside the store (default: the whole store)");
    sub.add_flag("--check", o->check, "Change nothing; exit 1 listing the files that would change");
    sub.add_flag("--diff", o->diff, "Print what would change as a unified diff");
    return [o, &global] { return run_fmt(*o, global); };
}

}  // namespace collab::cli
