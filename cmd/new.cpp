// collab new KIND ID [field=value ...]: a new record in canonical order, validated first.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <iterator>

#include "cli.h"
#include "edit/edits.h"
#include "edit/emit.h"
#include "model/schema.h"
#include "store/lock.h"
#include "store/store_paths.h"
#include "store/validate.h"
#include "store_access.h"
#include "yaml/parse_yaml.h"
#include "util/atomic_write.h"
#include "util/errors.h"
#include "util/file.h"
#include "yaml/parse_yaml.h"

namespace fs = std::filesystem;

namespace collab::cli {

namespace {

struct NewOptions {
    std::string kind;
    std::string id;
    std::vector<std::string> fields;
    std::string from;
    bool edit = false;
    bool force = false;
};

// The fields of a YAML mapping given with --from FILE (or - for stdin).
std::vector<Entry> fields_from(const std::string& from) {
    std::string text;
    if (from == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::string error;
        auto bytes = read_file(from, error);
        if (!bytes) throw UsageError(fmt::format("cannot read {}: {}", from, error));
        text = std::move(*bytes);
    }
    ParsedYaml parsed = parse_yaml(text);
    if (!parsed.root || !parsed.diagnostics.empty()) {
        const std::string why =
            parsed.diagnostics.empty() ? "not a mapping" : parsed.diagnostics.front().message;
        throw UsageError(fmt::format("--from {}: {}", from, why), "give a YAML mapping of fields");
    }
    std::vector<Entry> entries;
    for (auto& e : parsed.root->entries) {
        if (e.key != "id") entries.push_back(std::move(e));
    }
    return entries;
}

int run_new(const NewOptions& o, const GlobalOptions& global) {
    const Kind kind = parse_kind_argument(o.kind);
    if (!is_id(o.id)) {
        throw UsageError(fmt::format("'{}' is not a valid id", o.id),
                         "ids are lower-case letters, digits and '-', at most 64 characters, e.g. "
                         "hkust-zju-mou-2025");
    }
    const StoreLocation location = find_writable_store(global);
    std::optional<StoreLock> lock(std::in_place, location.root);
    const Date today = cli::today(global);
    const Store store = load_store(location, global.jobs, !global.no_cache);
    for (const Record& r : store.records) {
        if (r.kind == kind && r.id == o.id) {
            throw UsageError(
                fmt::format("{} '{}' exists already ({})", kind_name(kind), o.id, r.file),
                fmt::format("change it with `collab set {} field=value`", o.id));
        }
    }
    if (o.fields.empty() && o.from.empty() && !o.edit) {
        // Nothing to write yet: say what a record of this kind needs (issue 13).
        std::vector<std::string> needed, example;
        for (const FieldSpec& spec : fields_of(kind)) {
            if (!spec.required || spec.name == "id") continue;
            if (spec.type == ValueType::Enum) {
                needed.push_back(
                    fmt::format("{} (one of: {})", spec.name, fmt::join(spec.choices, ", ")));
                example.push_back(fmt::format("{}={}", spec.name, spec.choices.front()));
            } else if (spec.type == ValueType::Ref) {
                needed.push_back(
                    fmt::format("{} ({} id{})", spec.name, kind_name(spec.target),
                                spec.shape == Shape::List ? "s, comma-separated" : ""));
                example.push_back(
                    fmt::format("{}=ID{}", spec.name, spec.shape == Shape::List ? ",ID" : ""));
            } else {
                needed.push_back(fmt::format("{} ({})", spec.name, value_type_name(spec.type)));
                example.push_back(fmt::format("{}=...", spec.name));
            }
        }
        throw UsageError(
            fmt::format("no fields given; {} needs {}", kind_with_article(kind),
                        fmt::join(needed, ", ")),
            fmt::format("collab new {} {} {}", kind_name(kind), o.id, fmt::join(example, " ")));
    }
    std::vector<Entry> entries = o.from.empty() ? std::vector<Entry>{} : fields_from(o.from);
    std::vector<Assignment> assignments;
    for (const auto& f : o.fields) assignments.push_back(parse_assignment(f));
    for (auto& e : build_fields(kind, assignments)) {
        auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const Entry& x) { return x.key == e.key; });
        if (it != entries.end()) {
            it->value = std::move(e.value);
        } else {
            entries.push_back(std::move(e));
        }
    }
    const std::string text = new_record_text(kind, std::move(entries));
    const std::string file = std::string(kind_folder(kind)) + "/" + o.id + ".yaml";
    const bool errors = report_candidate(validate_candidate(store, kind, file, text, today),
                                         location, text, global);
    if (errors && !o.force) {
        fmt::print(stderr,
                   "collab: nothing written: {} would have errors (--force writes it anyway)\n",
                   file);
        return 1;
    }
    // The kind folder may be a link, but only to a folder inside the store.
    const fs::path path = store_write_path(location.root, file);
    write_file_atomically(path, text, /*replace=*/false);
    fmt::print("created {}\n", file);
    if (!o.edit) return 0;

    // Other writers need not wait for a person in an editor.
    lock.reset();
    run_editor(path);
    // The file as the editor left it, checked again.
    const Store after = load_store(location, global.jobs, !global.no_cache);
    std::vector<Diagnostic> mine;
    for (auto& d : validate(after, today)) {
        if (d.file == file) mine.push_back(std::move(d));
    }
    std::string error;
    const auto edited = read_file(path, error);
    return report_candidate(mine, location, edited.value_or(""), global) ? 1 : 0;
}

}  // namespace

Run setup_new(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<NewOptions>();
    sub.add_option("kind", o->kind, "partner, person, agreement, project or event")->required();
    sub.add_option("id", o->id, "The new record's id, which is also its file name")->required();
    sub.add_option(
        "fields", o->fields,
        "field=value: lists by commas (parties=hkust,zju-fah); entries by repeating dotted fields "
        "(signatories.person=nancy-ip signatories.partner=hkust)");
    sub.add_option("--from", o->from, "Start from the fields of a YAML file (- for stdin)");
    sub.add_flag("--edit", o->edit,
                 "Open the new file in $VISUAL / $EDITOR, then validate it again");
    sub.add_flag("--force", o->force, "Write the record even when it has errors");
    return [o, &global] { return run_new(*o, global); };
}

}  // namespace collab::cli
