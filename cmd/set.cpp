// collab set ID field=value ... [--unset field]: change fields of a record in place.
#include <fmt/format.h>

#include "cli.h"
#include "core/suggest.h"
#include "edit/edits.h"
#include "edit/emit.h"
#include "model/schema.h"
#include "escape/escape.h"
#include "query/related.h"
#include "store/lock.h"
#include "store/store_paths.h"
#include "store/validate.h"
#include "store_access.h"
#include "util/atomic_write.h"
#include "util/errors.h"

namespace collab::cli {

namespace {

struct SetOptions {
    std::string ref;
    std::vector<std::string> fields;
    std::vector<std::string> unset;
    bool force = false;
};

void check_unset(Kind kind, const std::vector<std::string>& unset) {
    std::vector<std::string_view> names;
    for (const auto& f : fields_of(kind)) names.push_back(f.name);
    for (const auto& u : unset) {
        if (u == "id") throw UsageError("the id is the file name; it cannot be unset");
        if (!is_extension_key(u) && std::find(names.begin(), names.end(), u) == names.end()) {
            throw UsageError(fmt::format("--unset: unknown field '{}' for {}{}", u,
                                         kind_with_article(kind), did_you_mean(u, names)));
        }
    }
}

int run_set(const SetOptions& o, const GlobalOptions& global) {
    if (o.fields.empty() && o.unset.empty()) {
        throw UsageError("nothing to change", "give field=value arguments or --unset FIELD");
    }
    // Refuses the example store, then holds the lock from before the read until after the
    // rename: no other writer's change is lost.
    const StoreLock lock(find_writable_store(global).root);
    const OpenStore opened(global);
    const auto& [location, today, store, index] = opened;
    const Record& record = resolve_record(o.ref, index);

    std::vector<Assignment> assignments;
    for (const auto& f : o.fields) {
        assignments.push_back(parse_assignment(f));
        if (assignments.back().value.empty()) {
            throw UsageError(
                fmt::format("'{}' has no value", f),
                fmt::format("to remove the field use --unset {}", assignments.back().field));
        }
    }
    const std::vector<Entry> changes =
        build_fields(record.kind, assignments, /*allow_nested=*/false);
    check_unset(record.kind, o.unset);

    const auto path = store_write_path(location.root, record.file);
    std::string error;
    bool too_large = false;
    const auto before =
        read_store_file(location.root, record.file, file_size_limit(), error, too_large);
    if (!before) throw UsageError(fmt::format("cannot read {}: {}", record.file, error));
    const EditResult edit = set_fields(*before, record.kind, changes, o.unset);
    if (edit.problem) throw UsageError(fmt::format("{}: {}", record.file, *edit.problem));
    if (edit.text == *before) {
        fmt::print("{}: no change\n", terminal_text(record.file));
        return 0;
    }
    const bool errors =
        report_candidate(validate_candidate(store, record.kind, record.file, edit.text, today),
                         location, edit.text, global);
    if (errors && !o.force) {
        fmt::print(stderr,
                   "collab: nothing written: {} would have errors (--force writes it anyway)\n",
                   record.file);
        return 1;
    }
    write_file_atomically(path, edit.text);
    fmt::print("updated {}\n", terminal_text(record.file));
    return 0;
}

}  // namespace

Run setup_set(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<SetOptions>();
    sub.add_option("record", o->ref, "The record: its id, or KIND/ID")->required();
    sub.add_option("fields", o->fields,
                   "field=value for top-level fields; lists by commas; a whole mapping or list of "
                   "entries in YAML "
                   "flow style (renewal='{notice: 6m}')");
    sub.add_option("--unset", o->unset, "Remove this field (repeatable)");
    sub.add_flag("--force", o->force, "Write the change even when the record then has errors");
    return [o, &global] { return run_set(*o, global); };
}

}  // namespace collab::cli
