// Reading a store as it was at a git revision, through the git command line (ls-tree and
// cat-file --batch), so collab needs no git library and sees exactly what git sees.
#pragma once
#include <filesystem>
#include <string>

#include "store/store.h"

namespace collab {

struct GitRepository {
    std::filesystem::path top;  // the work tree's root
    std::string prefix;         // the store's folder inside it, "" or ending in '/'
};

// The repository holding the store. UsageError (exit 2) when the store is not inside a git
// work tree or git cannot be run.
GitRepository find_git_repository(const std::filesystem::path& store_root);

// The full commit id `revision` names. UsageError for an unknown revision.
std::string resolve_revision(const GitRepository& repo, const std::string& revision);

// The store as committed in `commit`: the files under the store's folder, parsed like the
// working tree's. Files git stores as links or submodules are not records and are skipped;
// only collab.yaml and record files are read from git, and a file over `max_file_size`
// bytes is not read at all (a `too-large` diagnostic, as Store::load gives).
Store load_store_at(const GitRepository& repo, const std::string& commit,
                    const StoreLocation& location,
                    std::size_t max_file_size = default_max_file_size);

}  // namespace collab
