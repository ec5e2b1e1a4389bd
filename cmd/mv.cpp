// collab mv OLD NEW: rename a record (its file, its `id:`) and every reference to it.
#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>

#include "cli.h"
#include "edit/edits.h"
#include "edit/rename.h"
#include "escape/escape.h"
#include "model/refs.h"
#include "model/values.h"
#include "query/related.h"
#include "store/lock.h"
#include "store/store_paths.h"
#include "store_access.h"
#include "util/atomic_write.h"
#include "util/errors.h"
#include "yaml/parse_yaml.h"

namespace fs = std::filesystem;

namespace collab::cli {

namespace {

struct MvOptions {
    std::string from;
    std::string to;
    bool dry_run = false;
};

struct Change {
    std::string file;  // store-relative
    std::string before;
    std::string after;
};

// For tests (tests/cli/mv_test.py): COLLAB_TEST_MV_FAIL_AFTER=N fails the step after N
// completed writes as a full disk would; COLLAB_TEST_MV_CRASH_AFTER=N kills the process there.
void test_hooks(int steps_done) {
    if (const char* v = std::getenv("COLLAB_TEST_MV_CRASH_AFTER");
        v && std::atoi(v) == steps_done) {
        std::raise(SIGKILL);
    }
    if (const char* v = std::getenv("COLLAB_TEST_MV_FAIL_AFTER"); v && std::atoi(v) == steps_done) {
        throw UsageError("cannot write: No space left on device (COLLAB_TEST_MV_FAIL_AFTER)");
    }
}

int run_mv(const MvOptions& o, const GlobalOptions& global) {
    const StoreLocation location = find_writable_store(global);
    const StoreLock lock(location.root);
    const OpenStore opened(global);
    const auto& [loc, today, store, index] = opened;
    // A file that does not load may name the record too, and its references cannot be found.
    if (store.records.size() != store.files.size()) {
        std::string first;
        for (const auto& f : store.files) {
            if (std::none_of(store.records.begin(), store.records.end(),
                             [&](const Record& r) { return r.file == f; })) {
                first = f;
                break;
            }
        }
        throw UsageError(
            fmt::format("{} does not load as a record, so its references cannot be rewritten",
                        terminal_text(first)),
            "fix it first (collab validate shows why), then run mv again");
    }
    const Record& record = resolve_record(o.from, index);
    const Kind kind = record.kind;
    const std::string old_id = record.id;

    std::string new_id = o.to;
    if (const auto slash = new_id.find('/'); slash != std::string::npos) {
        const auto k = parse_kind(new_id.substr(0, slash));
        if (!k || *k != kind) {
            throw UsageError(fmt::format("'{}' is not {}: mv keeps a record's kind", o.to,
                                         kind_with_article(kind)),
                             fmt::format("give the new id alone: collab mv {} NEW-ID", o.from));
        }
        new_id = new_id.substr(slash + 1);
    }
    if (!is_id(new_id)) {
        throw UsageError(fmt::format("'{}' is not a valid id", new_id),
                         "ids are lower-case letters, digits and '-', at most 64 characters");
    }
    if (new_id == old_id)
        throw UsageError(fmt::format("{} is already called '{}'", record.file, new_id));
    if (const Record* other = index.find(kind, new_id)) {
        throw UsageError(
            fmt::format("{} '{}' exists already ({})", kind_name(kind), new_id, other->file),
            "choose another id, or merge the two records by hand");
    }
    // Same sub-folder, same extension.
    const fs::path old_path(record.file);
    const std::string new_file =
        (old_path.parent_path() / (new_id + old_path.extension().string())).generic_string();
    if (fs::exists(fs::symlink_status(location.root / new_file))) {
        throw UsageError(fmt::format("{} exists already", new_file));
    }

    // Every file that names the record, edited in memory first: nothing is written unless
    // every edit succeeded.
    std::vector<Change> changes;  // changes[0] is the renamed record itself
    for (const Record& r : store.records) {
        bool names_it = &r == &record;
        for_each_ref(r, [&](const RefUse& use) {
            if (use.spec.target == kind && use.value.text == old_id) names_it = true;
        });
        if (!names_it) continue;
        std::string error;
        bool too_large = false;
        const auto text =
            read_store_file(location.root, r.file, file_size_limit(), error, too_large);
        if (!text) throw UsageError(fmt::format("cannot read {}: {}", r.file, error));
        ParsedYaml parsed = parse_yaml(*text);
        if (!parsed.root) {
            throw UsageError(
                fmt::format("{} does not parse; fix it first (collab validate)", r.file));
        }
        const Record fresh{r.kind, r.id, r.file, std::move(*parsed.root)};
        const RenameEdit edit =
            rename_references(*text, fresh, kind, old_id, new_id, &r == &record);
        if (edit.problem) throw UsageError(fmt::format("{}: {}", r.file, *edit.problem));
        Change change{r.file, *text, edit.text};
        if (&r == &record) {
            changes.insert(changes.begin(), std::move(change));
        } else if (edit.replaced > 0) {
            changes.push_back(std::move(change));
        }
    }
    // collab.yaml's `home` names a partner too (contract v2, "The home institution").
    if (kind == Kind::Partner && store.config.home == old_id) {
        std::string error;
        bool too_large = false;
        const auto text =
            read_store_file(location.root, "collab.yaml", file_size_limit(), error, too_large);
        if (!text) throw UsageError(fmt::format("cannot read collab.yaml: {}", error));
        ParsedYaml parsed = parse_yaml(*text);
        const Node* home = parsed.root ? parsed.root->get("home") : nullptr;
        if (!home || !home->is_scalar()) throw UsageError("collab.yaml: `home` cannot be read");
        const RenameEdit edit = rename_scalars(*text, *parsed.root, {home->mark}, old_id, new_id);
        if (edit.problem) throw UsageError(fmt::format("collab.yaml: {}", *edit.problem));
        changes.push_back({"collab.yaml", *text, edit.text});
    }

    if (o.dry_run) {
        for (const Change& c : changes) {
            const bool renamed = c.file == record.file;
            const std::string to = renamed ? new_file : c.file;
            if (renamed) fmt::print("rename {} => {}\n", terminal_text(c.file), terminal_text(to));
            fmt::print("{}",
                       terminal_lines(unified_diff("a/" + c.file, "b/" + to, c.before, c.after)));
        }
        fmt::print("collab: dry run: {} file{} would change; nothing written\n", changes.size(),
                   changes.size() == 1 ? "" : "s");
        return 0;
    }

    // The order keeps every intermediate store valid (docs/authoring.md, "Renaming a
    // record"): the record under its new id first (both exist for a moment), then each file
    // that names it, then the old file removed. A failure restores what was written.
    std::vector<const Change*> rewritten;
    bool created = false;
    int steps = 0;
    try {
        test_hooks(steps);
        write_file_atomically(store_write_path(location.root, new_file), changes[0].after,
                              /*replace=*/false);
        created = true;
        ++steps;
        for (std::size_t i = 1; i < changes.size(); ++i) {
            test_hooks(steps);
            write_file_atomically(store_write_path(location.root, changes[i].file),
                                  changes[i].after);
            rewritten.push_back(&changes[i]);
            ++steps;
        }
        test_hooks(steps);
        fs::remove(store_write_path(location.root, record.file));
    } catch (...) {
        // Restore: the referring files get their old text back, the new file goes.
        for (const Change* c : rewritten) {
            try {
                write_file_atomically(
                    store_write_path(location.root, c->file), c->before,
                    AtomicWriteOptions{.replace = true, .durable = true, .fault_hooks = false});
            } catch (const std::exception& e) {
                fmt::print(stderr, "collab: could not restore {}: {}\n", c->file, e.what());
            }
        }
        if (created) {
            std::error_code ec;
            fs::remove(location.root / new_file, ec);
        }
        fmt::print(stderr, "collab: nothing renamed: every file written was restored\n");
        throw;
    }
    fmt::print("renamed {} => {}\n", terminal_text(record.file), terminal_text(new_file));
    for (std::size_t i = 1; i < changes.size(); ++i) {
        fmt::print("updated {}\n", terminal_text(changes[i].file));
    }
    return 0;
}

}  // namespace

Run setup_mv(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<MvOptions>();
    sub.add_option("old", o->from, "The record: its id, KIND/ID or its name")->required();
    sub.add_option("new", o->to, "Its new id (the file is renamed in its folder)")->required();
    sub.add_flag("-n,--dry-run", o->dry_run, "Print the unified diff of every file; write nothing");
    return [o, &global] { return run_mv(*o, global); };
}

}  // namespace collab::cli
