#include "store/store.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "check/checks.h"
#include "model/values.h"
#include "store/cache.h"
#include "store/digest.h"
#include "store/scan.h"
#include "store/store_paths.h"
#include "util/file.h"
#include "util/parallel.h"
#include "yaml/parse_yaml.h"

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
    for (std::size_t i = first; i < out.size(); ++i) out[i].file = "collab.yaml";
    return config;
}

void add_file(Store& store, LoadedFile&& loaded) {
    for (auto& d : loaded.diagnostics) store.diagnostics.push_back(std::move(d));
    for (auto& d : loaded.checks) store.file_checks.push_back(std::move(d));
    if (loaded.record) store.records.push_back(std::move(*loaded.record));
}

LoadedFile checked(LoadedFile loaded, const Config& config) {
    if (loaded.record) loaded.checks = check_file(*loaded.record, config);
    return loaded;
}

// The diagnostic of a record file whose bytes could not be read (`too_large`: over the limit).
LoadedFile unread_record_file(const RecordFile& f, const std::string& error, bool too_large) {
    LoadedFile out;
    out.diagnostics.push_back(
        too_large ? make_diagnostic("too-large", Mark{},
                                    fmt::format("the file is too large to be a record: {}; set "
                                                "COLLAB_MAX_FILE_SIZE to raise the limit",
                                                error))
                  : make_diagnostic("unreadable", Mark{}, "cannot read the file: " + error));
    tag(out.diagnostics, 0, f.file, f.kind, id_of(f.file));
    return out;
}

std::atomic<bool> keep_records{false};

}  // namespace

void keep_records_until_exit(bool on) {
    keep_records = on;
}

bool records_kept_until_exit() {
    return keep_records;
}

void keep_until_exit(std::shared_ptr<void> value) {
    static std::mutex mutex;
    static auto* kept = new std::vector<std::shared_ptr<void>>;  // never deleted, reachable
    const std::lock_guard lock(mutex);
    kept->push_back(std::move(value));
}

Store::~Store() {
    if (!keep_records || records.empty()) return;
    // Moving the vector hands over its buffer: O(1), nothing freed. Never deleted.
    static std::mutex mutex;
    static auto* kept = new std::vector<std::vector<Record>>;
    const std::lock_guard lock(mutex);
    kept->push_back(std::move(records));
}

LoadedFile parse_record_file(Kind kind, const std::string& file, std::string_view bytes) {
    LoadedFile out;
    ParsedYaml parsed = parse_yaml(bytes);
    out.diagnostics = std::move(parsed.diagnostics);
    if (parsed.root) out.record = make_record(kind, file, std::move(*parsed.root), out.diagnostics);
    tag(out.diagnostics, 0, file, kind, id_of(file));
    return out;
}

std::optional<std::string> read_config(const fs::path& root, std::vector<Diagnostic>& out,
                                       std::size_t max_file_size) {
    std::string error;
    bool too_large = false;
    // The path rule (store/store_paths.h): a collab.yaml linked to a secret or to /proc is
    // never read, so never echoed in a diagnostic.
    auto bytes = read_store_file(root, "collab.yaml", max_file_size, error, too_large);
    if (!bytes) {
        out.push_back(make_diagnostic(
            "config", Mark{},
            fmt::format("cannot read collab.yaml: {}; every store needs one (`collab init`)",
                        error)));
        out.back().file = "collab.yaml";
    }
    return bytes;
}

Config config_from(const std::optional<std::string>& bytes, std::vector<Diagnostic>& out) {
    return bytes ? parse_config_bytes(*bytes, out) : Config{};
}

Config load_config(const fs::path& root, std::vector<Diagnostic>& out, std::size_t max_file_size) {
    return config_from(read_config(root, out, max_file_size), out);
}

ScanResult scan_records(const fs::path& root, std::vector<Diagnostic>& out) {
    ScanResult scan = scan_store(root);
    for (auto& d : scan.diagnostics) {
        if (!d.file.empty() && d.kind.empty()) {
            const std::string top = d.file.substr(0, d.file.find('/'));
            if (const auto kind = parse_kind(top)) {
                d.kind = std::string(kind_name(*kind));
                d.id = id_of(d.file);
            }
        }
        out.push_back(std::move(d));
    }
    scan.diagnostics.clear();
    return scan;
}

std::string store_key(const std::optional<Digest>& config, std::size_t max_file_size,
                      const std::vector<std::string>& unread,
                      const std::vector<std::pair<const std::string*, Digest>>& files) {
    std::string key = fmt::format("{}\n{}\n", COLLAB_VERSION, max_file_size);
    key += config ? "collab.yaml " + hex(*config) + "\n" : "no collab.yaml\n";
    // Every name with its length first: a name may hold spaces and newlines, and one that
    // spells out other lines (`q.yaml <digest>` + newline + `partners/r.yaml`) must not give
    // the key of the store it imitates.
    for (const auto& u : unread) key += fmt::format("unread {}:{}\n", u.size(), u);
    for (const auto& [file, digest] : files) {
        key += fmt::format("{}:", file->size());
        key += *file;
        key += ' ';
        key += hex(digest);
        key += '\n';
    }
    return hex(digest_of(key));
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

Store Store::load(const StoreLocation& location, const LoadOptions& options) {
    Store store;
    store.location = location;
    // collab.yaml is read every run (it is small) and digested from the very bytes parsed.
    const auto config_bytes = read_config(location.root, store.diagnostics, options.max_file_size);
    store.config = config_from(config_bytes, store.diagnostics);
    ScanResult scan = scan_records(location.root, store.diagnostics);
    store.setup_diagnostics = store.diagnostics.size();
    store.files = std::move(scan.unread);

    // Each file's digest from the stamp index when its stamp is unchanged, else from its
    // bytes; its parsed form from the record cache when cached under that digest, else
    // parsed; on every core. The stamp is taken before reading, so a file changed meanwhile
    // is read again next time.
    const std::size_t n = scan.files.size();
    const std::int64_t since = unsettled_since();
    std::optional<RecordCache> cache;
    StampIndex stamps;
    if (options.use_cache) {
        cache = RecordCache::open(location.root, COLLAB_VERSION);
        stamps = StampIndex::open(location.root, COLLAB_VERSION);
    }
    // Cached check results hold for the settings they were made with.
    const std::string context = check_file_context(store.config);
    const bool cached_checks = cache && cache->context() == context;
    std::vector<SnapshotEntry> entries(n);
    std::vector<FileStamp> file_stamps(n);
    std::vector<char> digested(n, 0), hit(n, 0), placeholder(n, 0);
    // A record left undecoded needs no check_file, so only cached check results allow it.
    const bool lazy = cache && cached_checks && !options.decode.is_all();
    const std::vector<const StampRow*> known_rows =
        options.use_cache ? stamps.rows_of(scan.files) : std::vector<const StampRow*>(n, nullptr);
    parallel_for(n, thread_count(options.jobs), [&](std::size_t i) {
        const RecordFile& f = scan.files[i];
        SnapshotEntry& e = entries[i];
        e.file = f.file;
        std::optional<FileStamp> stamp;
        if (cache) {
            stamp = stamp_of(f.path.c_str());
            // Past the size limit (which may have changed since) it is read to be refused.
            if (stamp && stamp->size <= options.max_file_size) {
                file_stamps[i] = *stamp;
                if (const auto known = StampIndex::digest(known_rows[i], *stamp)) {
                    const bool stand_in = lazy && !options.decode.has(f.kind);
                    if (auto found = cache->find(f.file, *known, stand_in)) {
                        e.digest = *known;
                        digested[i] = hit[i] = 1;
                        placeholder[i] = stand_in ? 1 : 0;
                        e.loaded = cached_checks ? std::move(*found)
                                                 : checked(std::move(*found), store.config);
                        return;
                    }
                }
            }
        }
        std::string error;
        bool too_large = false;
        const auto bytes = read_file_limited(f.path, options.max_file_size, error, too_large);
        if (!bytes) {
            // Unreadable or too large: tried again every time, and no key (no digest).
            e.loaded = unread_record_file(f, error, too_large);
            return;
        }
        if (stamp && stamp->size <= options.max_file_size) {
            e.digest = digest_of(*bytes);
            digested[i] = 1;
            // Touched but not changed: the cached parse is still the parse of these bytes.
            if (auto found = cache->find(f.file, e.digest)) {
                hit[i] = 1;
                e.loaded =
                    cached_checks ? std::move(*found) : checked(std::move(*found), store.config);
                return;
            }
        }
        e.loaded = checked(parse_record_file(f.kind, f.file, *bytes), store.config);
    });
    if (cache) {
        const auto count = [](const std::vector<char>& v) {
            return static_cast<std::size_t>(std::count(v.begin(), v.end(), 1));
        };
        // Rewritten when a file was parsed, or one the cache holds is gone. The simplest
        // correct rule: a cache that changes is written whole from decoded entries, and the
        // store is then loaded in full, as without LoadOptions::decode.
        const bool rewrite =
            count(digested) != count(hit) || count(hit) != cache->size() || !cached_checks;
        if (rewrite) {
            parallel_for(n, thread_count(options.jobs), [&](std::size_t i) {
                if (!placeholder[i]) return;
                placeholder[i] = 0;
                SnapshotEntry& e = entries[i];
                if (auto found = cache->find(e.file, e.digest)) {
                    e.loaded = std::move(*found);
                    return;
                }
                // Its entry does not decode after all: read and parse the file.
                std::string error;
                bool too_large = false;
                const RecordFile& f = scan.files[i];
                const auto bytes =
                    read_file_limited(f.path, options.max_file_size, error, too_large);
                if (!bytes) {
                    e.loaded = unread_record_file(f, error, too_large);
                    digested[i] = hit[i] = 0;
                    return;
                }
                e.digest = digest_of(*bytes);
                hit[i] = 0;
                e.loaded = checked(parse_record_file(f.kind, f.file, *bytes), store.config);
            });
        }
        std::vector<const SnapshotEntry*> keep;
        std::vector<StampRow> rows;
        std::vector<std::pair<const std::string*, Digest>> digests;
        bool complete = config_bytes.has_value();
        for (std::size_t i = 0; i < n; ++i) {
            if (digested[i]) {
                keep.push_back(&entries[i]);
                rows.push_back(
                    StampRow{entries[i].file, settled(file_stamps[i], since), entries[i].digest});
                digests.emplace_back(&entries[i].file, entries[i].digest);
            } else {
                complete = false;
            }
        }
        std::optional<Digest> config_digest;
        if (config_bytes) config_digest = digest_of(*config_bytes);
        if (rewrite) {
            save_cache(location.root, keep, COLLAB_VERSION, context);
        }
        if (!stamps.holds(rows)) save_stamps(location.root, rows, COLLAB_VERSION);
        // Only when every file has a digest: otherwise the next run could not tell.
        if (complete)
            store.check_key = store_key(config_digest, options.max_file_size, store.files, digests);
    }
    // Merged in file order, so the result is the same on any number of threads.
    store.records.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        store.files.push_back(scan.files[i].file);
        add_file(store, std::move(entries[i].loaded));
    }
    // The scan's files are sorted already; only files found but not read come first.
    if (!std::is_sorted(store.files.begin(), store.files.end()))
        std::sort(store.files.begin(), store.files.end());
    if (std::find(placeholder.begin(), placeholder.end(), 1) != placeholder.end()) {
        store.partial = true;
        store.decoded = options.decode;
    }
    return store;
}

Store Store::from_sources(const StoreLocation& location, const std::optional<std::string>& config,
                          const std::vector<Source>& files) {
    Store store;
    store.location = location;
    if (config) store.config = parse_config_bytes(*config, store.diagnostics);
    store.setup_diagnostics = store.diagnostics.size();
    std::vector<const Source*> sorted;
    for (const Source& s : files) {
        if (record_file_kind(s.file)) sorted.push_back(&s);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const Source* a, const Source* b) { return a->file < b->file; });
    for (const Source* s : sorted) {
        store.files.push_back(s->file);
        const Kind kind = *record_file_kind(s->file);
        if (s->too_large) {
            LoadedFile out;
            out.diagnostics.push_back(make_diagnostic(
                "too-large", Mark{},
                fmt::format("the file is too large to be a record: {} bytes, more than the limit; "
                            "set COLLAB_MAX_FILE_SIZE to raise the limit",
                            s->too_large)));
            tag(out.diagnostics, 0, s->file, kind, id_of(s->file));
            add_file(store, std::move(out));
            continue;
        }
        add_file(store, checked(parse_record_file(kind, s->file, s->bytes), store.config));
    }
    return store;
}

}  // namespace collab
