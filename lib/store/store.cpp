#include "store/store.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/values.h"
#include "store/parse_yaml.h"
#include "store/scan.h"
#include "util/file.h"

namespace fs = std::filesystem;

namespace collab {

namespace {

void tag(std::vector<Diagnostic>& ds, std::size_t from, const std::string& file, Kind kind,
         const std::string& id) {
    for (std::size_t i = from; i < ds.size(); ++i) {
        ds[i].file = file;
        ds[i].kind = std::string(kind_name(kind));
        ds[i].id = id;
    }
}

std::string id_of(const std::string& file) {
    const fs::path p(file);
    return p.stem().string();
}

Config parse_config_bytes(std::string_view bytes, std::vector<Diagnostic>& out) {
    const std::size_t first = out.size();
    Config config;
    {
        ParsedYaml parsed = parse_yaml(bytes);
        for (auto& d : parsed.diagnostics) {
            // collab.yaml is no record, so "not a record" means "not settings".
            if (d.code == "not-a-record") {
                d = make_diagnostic("config", d.mark,
                                    "collab.yaml must be a mapping with at least `name: ...`");
            }
            out.push_back(std::move(d));
        }
        if (parsed.root) config = parse_config(*parsed.root, out);
    }
    for (std::size_t i = first; i < out.size(); ++i) out[i].file = "collab.yaml";
    return config;
}

// Parses one record file's bytes into the store: its record, if it is a mapping, and its
// diagnostics, tagged with the file, kind and id.
void add_file(Store& store, Kind kind, const std::string& file, std::string_view bytes) {
    const std::size_t first = store.diagnostics.size();
    ParsedYaml parsed = parse_yaml(bytes);
    for (auto& d : parsed.diagnostics) store.diagnostics.push_back(std::move(d));
    if (parsed.root) {
        store.records.push_back(
            make_record(kind, file, std::move(*parsed.root), store.diagnostics));
    }
    tag(store.diagnostics, first, file, kind, id_of(file));
}

}  // namespace

Config load_config(const fs::path& root, std::vector<Diagnostic>& out) {
    std::string error;
    const auto bytes = read_file(root / "collab.yaml", error);
    if (!bytes) {
        out.push_back(make_diagnostic(
            "config", Mark{},
            fmt::format("cannot read collab.yaml: {}; every store needs one (`collab init`)",
                        error)));
        out.back().file = "collab.yaml";
        return Config{};
    }
    return parse_config_bytes(*bytes, out);
}

Record make_record(Kind kind, std::string file, Node root, std::vector<Diagnostic>& out) {
    Record r;
    r.kind = kind;
    r.id = id_of(file);
    r.file = std::move(file);
    r.root = std::move(root);
    const Entry* id_entry = r.root.entry("id");
    const bool has_id = id_entry && !id_entry->value.is_absent();
    if (!is_id(r.id)) {
        out.push_back(make_diagnostic(
            "bad-id", has_id ? id_entry->value.mark : Mark{},
            fmt::format("the file name '{}' is not a valid id: use lower-case letters, digits and "
                        "'-', at most 64 characters",
                        r.id),
            "id"));
    } else if (has_id && (!id_entry->value.is_scalar() || id_entry->value.text != r.id)) {
        out.push_back(make_diagnostic(
            "bad-id", id_entry->value.mark,
            fmt::format("`id: {}` differs from the file name '{}'; the id is the file name, so "
                        "rename the file or fix the id",
                        id_entry->value.is_scalar() ? id_entry->value.text : "...", r.id),
            "id"));
    }
    return r;
}

Store Store::load(const StoreLocation& location, std::size_t max_file_size) {
    Store store;
    store.location = location;
    store.config = load_config(location.root, store.diagnostics);

    ScanResult scan = scan_store(location.root);
    for (auto& d : scan.diagnostics) {
        if (!d.file.empty() && d.kind.empty()) {
            const std::string top = d.file.substr(0, d.file.find('/'));
            if (const auto kind = parse_kind(top)) {
                d.kind = std::string(kind_name(*kind));
                d.id = id_of(d.file);
            }
        }
        store.diagnostics.push_back(std::move(d));
    }
    store.files = std::move(scan.unread);
    for (const RecordFile& f : scan.files) {
        store.files.push_back(f.file);
        const std::size_t first = store.diagnostics.size();
        std::string error;
        bool too_large = false;
        const auto bytes = read_file_limited(f.path, max_file_size, error, too_large);
        if (!bytes) {
            store.diagnostics.push_back(
                too_large
                    ? make_diagnostic("too-large", Mark{},
                                      fmt::format("the file is too large to be a record: {}; set "
                                                  "COLLAB_MAX_FILE_SIZE to raise the limit",
                                                  error))
                    : make_diagnostic("unreadable", Mark{}, "cannot read the file: " + error));
            tag(store.diagnostics, first, f.file, f.kind, id_of(f.file));
            continue;
        }
        add_file(store, f.kind, f.file, *bytes);
    }
    std::sort(store.files.begin(), store.files.end());
    return store;
}

Store Store::from_sources(const StoreLocation& location, const std::optional<std::string>& config,
                          const std::vector<Source>& files) {
    Store store;
    store.location = location;
    if (config) store.config = parse_config_bytes(*config, store.diagnostics);
    std::vector<const Source*> sorted;
    for (const Source& s : files) {
        if (record_file_kind(s.file)) sorted.push_back(&s);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const Source* a, const Source* b) { return a->file < b->file; });
    for (const Source* s : sorted) {
        store.files.push_back(s->file);
        add_file(store, *record_file_kind(s->file), s->file, s->bytes);
    }
    return store;
}

}  // namespace collab
