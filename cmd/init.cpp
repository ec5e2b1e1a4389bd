// collab init [DIR] [--name NAME]: a new, empty store that validates clean.
#include <fmt/format.h>

#include <filesystem>

#include "cli.h"
#include "escape/escape.h"
#include "edit/emit.h"
#include "util/atomic_write.h"
#include "util/errors.h"

namespace fs = std::filesystem;

namespace collab::cli {

namespace {

struct InitOptions {
    std::string dir = ".";
    std::string name;
};

int run_init(const InitOptions& o) {
    const fs::path dir = fs::absolute(o.dir).lexically_normal();
    std::error_code ec;
    if (fs::exists(dir / "collab.yaml", ec)) {
        throw UsageError(
            fmt::format("{} already holds a store (collab.yaml); nothing was changed", o.dir),
            "`collab validate` checks it; for a new store name another folder: `collab init DIR`");
    }
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw UsageError(fmt::format("{} is not a folder", o.dir));
    fs::create_directories(dir, ec);
    if (ec) throw UsageError(fmt::format("cannot create {}: {}", o.dir, ec.message()));

    std::string name = o.name;
    // `collab init` and `collab init DIR/` end in a separator, whose filename() is empty: the
    // name is the folder's own, as the help says.
    if (name.empty()) name = (dir.has_filename() ? dir : dir.parent_path()).filename().string();
    if (name.empty()) name = "Collaborations";
    for (Kind kind : all_kinds) {
        const fs::path folder = dir / kind_folder(kind);
        fs::create_directories(folder, ec);
        if (ec)
            throw UsageError(fmt::format("cannot create {}: {}", folder.string(), ec.message()));
        // A README keeps the empty folder in git; one already there is the user's.
        if (!fs::exists(folder / "README.md", ec))
            write_file_atomically(folder / "README.md", kind_info(kind).readme);
    }
    if (!fs::exists(dir / ".gitignore", ec)) {
        write_file_atomically(dir / ".gitignore",
                              "# Caches collab may keep; never commit them.\n.collab/\n");
    }
    // collab.yaml last: until it exists the folder is not a store, so a failure above leaves
    // nothing that looks finished.
    write_file_atomically(dir / "collab.yaml",
                          fmt::format("# The settings of this collab store (see docs/format.md).\n"
                                      "name: {}\n"
                                      "# areas: [research, medical-education, exchange]   # "
                                      "vocabulary of every `areas` field\n"
                                      "# expiring: 180d                                   # window "
                                      "of `collab report expiring`\n",
                                      yaml_scalar(name, nullptr)),
                          false);
    fmt::print("created store '{}' in {}\n", terminal_text(name), terminal_text(o.dir));
    fmt::print("next: collab --store {} new partner ID name=... type=... country=...\n",
               terminal_text(shell_word(o.dir)));
    return 0;
}

}  // namespace

Run setup_init(CLI::App& sub, const GlobalOptions&) {
    auto o = std::make_shared<InitOptions>();
    sub.add_option("dir", o->dir, "Where to create the store (default: the working directory)");
    sub.add_option("--name", o->name,
                   "The store's name, shown in reports (default: the folder's name)");
    return [o] { return run_init(*o); };
}

}  // namespace collab::cli
