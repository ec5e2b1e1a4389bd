#include "store/store.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "check/checks.h"
#include "model/values.h"
#include "store/cache.h"
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

// `read` says whether the bytes could be read, i.e. whether the result may be cached: an
// unreadable or oversized file is tried again every time.
LoadedFile read_record_file(const RecordFile& f, std::size_t max_file_size, bool& read) {
    std::string error;
    bool too_large = false;
    const auto bytes = read_file_limited(f.path, max_file_size, error, too_large);
    read = bytes.has_value();
    if (bytes) return parse_record_file(f.kind, f.file, *bytes);
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

void put_stamp(std::string& key, const FileStamp& s) {
    key += fmt::format("{} {} {} {}\n", s.size, s.mtime_ns, s.ctime_ns, s.inode);
}

// Store::check_key: collab's version, the size limit, collab.yaml's stamp and every record
// file's path and stamp, summed up twice (128 bits); empty when a file could not be stamped.
// Every input of the cross-record checks but today and the document paths on disk (which
// validate() asks again) is a function of these.
std::string check_key_of(const std::vector<RecordFile>& files,
                         const std::vector<SnapshotEntry>& entries,
                         const std::vector<char>& stamped,
                         const std::optional<FileStamp>& config_stamp, std::size_t max_file_size) {
    std::string key = fmt::format("{}\n{}\n", COLLAB_VERSION, max_file_size);
    if (config_stamp) {
        put_stamp(key, *config_stamp);
    } else {
        key += "no collab.yaml\n";
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!stamped[i]) return {};
        key += files[i].file;
        key += '\n';
        put_stamp(key, entries[i].stamp);
    }
    return fmt::format("{:016x}{:016x}", snapshot_checksum(key, 1), snapshot_checksum(key, 2));
}

std::atomic<bool> keep_records{false};

}  // namespace

void keep_records_until_exit(bool on) {
    keep_records = on;
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

Config load_config(const fs::path& root, std::vector<Diagnostic>& out, std::size_t max_file_size) {
    std::string error;
    bool too_large = false;
    // The path rule (store/store_paths.h): a collab.yaml linked to a secret or to /proc is
    // never read, so never echoed in a diagnostic.
    const auto bytes = read_store_file(root, "collab.yaml", max_file_size, error, too_large);
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

Store Store::load(const StoreLocation& location, const LoadOptions& options) {
    Store store;
    store.location = location;
    // Stamped before it is read, so a collab.yaml changed meanwhile is a new key next time.
    const std::optional<FileStamp> config_stamp =
        options.use_cache ? stamp_of(location.root / "collab.yaml") : std::nullopt;
    store.config = load_config(location.root, store.diagnostics, options.max_file_size);

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

    // Each file from the cache when its stamp is unchanged, else read and parsed; on every
    // core. The stamp is taken before reading, so a file changed meanwhile is read again
    // next time.
    const std::size_t n = scan.files.size();
    std::optional<RecordCache> cache;
    if (options.use_cache) cache = RecordCache::open(location.root, COLLAB_VERSION);
    // Cached check results hold for the settings they were made with.
    const std::string context = check_file_context(store.config);
    const bool cached_checks = cache && cache->context() == context;
    std::vector<SnapshotEntry> entries(n);
    std::vector<char> cacheable(n, 0), hit(n, 0), stamped(n, 0), placeholder(n, 0);
    // A record left undecoded needs no check_file, so only cached check results allow it.
    const bool lazy = cache && cached_checks && !options.decode.is_all();
    parallel_for(n, thread_count(options.jobs), [&](std::size_t i) {
        const RecordFile& f = scan.files[i];
        SnapshotEntry& e = entries[i];
        e.file = f.file;
        std::optional<FileStamp> stamp;
        if (cache) {
            stamp = stamp_of(f.path);
            if (stamp) {
                e.stamp = *stamp;
                stamped[i] = 1;
            }
            // Past the size limit (which may have changed since) it is read to be refused.
            if (stamp && stamp->size <= options.max_file_size) {
                const bool stand_in = lazy && !options.decode.has(f.kind);
                if (auto found = cache->find(f.file, *stamp, stand_in)) {
                    e.loaded = cached_checks ? std::move(*found)
                                             : checked(std::move(*found), store.config);
                    hit[i] = cacheable[i] = 1;
                    placeholder[i] = stand_in ? 1 : 0;
                    return;
                }
            }
        }
        bool read = false;
        e.loaded = checked(read_record_file(f, options.max_file_size, read), store.config);
        if (stamp && read) cacheable[i] = 1;
    });
    if (cache) {
        std::vector<const SnapshotEntry*> keep;
        std::size_t hits = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (cacheable[i]) keep.push_back(&entries[i]);
            hits += static_cast<std::size_t>(hit[i]);
        }
        // Rewritten when a file was parsed, or one the cache holds is gone.
        if (keep.size() != hits || hits != cache->size() || !cached_checks) {
            // The simplest correct rule: a cache that changes is written whole from decoded
            // entries, and the store is then loaded in full, as without LoadOptions::decode.
            parallel_for(n, thread_count(options.jobs), [&](std::size_t i) {
                if (!placeholder[i]) return;
                placeholder[i] = 0;
                SnapshotEntry& e = entries[i];
                if (auto found = cache->find(e.file, e.stamp)) {
                    e.loaded = std::move(*found);
                    return;
                }
                bool read = false;
                e.loaded = checked(read_record_file(scan.files[i], options.max_file_size, read),
                                   store.config);
                cacheable[i] = read ? 1 : 0;
            });
            keep.clear();
            for (std::size_t i = 0; i < n; ++i) {
                if (cacheable[i]) keep.push_back(&entries[i]);
            }
            save_cache(location.root, keep, COLLAB_VERSION, context);
        }
        store.check_key =
            check_key_of(scan.files, entries, stamped, config_stamp, options.max_file_size);
    }
    // Merged in file order, so the result is the same on any number of threads.
    store.records.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        store.files.push_back(scan.files[i].file);
        add_file(store, std::move(entries[i].loaded));
    }
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
