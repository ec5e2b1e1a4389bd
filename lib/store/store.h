// A loaded store: settings, records and what went wrong while reading them.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/config.h"
#include "model/record.h"
#include "store/digest.h"
#include "store/locate.h"
#include "store/scan.h"

namespace collab {

// Records are small; a file past this is a mistake or hostile. COLLAB_MAX_FILE_SIZE changes it.
inline constexpr std::size_t default_max_file_size = 10 * 1024 * 1024;

struct LoadOptions {
    std::size_t max_file_size = default_max_file_size;
    unsigned jobs = 0;       // threads parsing files; 0: one per core
    bool use_cache = false;  // read and update .collab/cache (see store/cache.h)
    // The kinds whose records the command reads. A file of another kind that the cache holds
    // unchanged is not decoded: it stands in the Store as a placeholder (kind, id, file, an
    // empty mapping), so ids, look-ups by id and did-you-mean stay as with a full load, and
    // the Store is `partial`. Only with use_cache and a cache that stays as it is; when it
    // must be rewritten (a file changed or is gone, other settings), everything is decoded.
    KindSet decode = KindSet::all();
};

// What one record file yields: its record when it is a mapping, and its own diagnostics
// (tagged with file, kind and id). Checks across records come later, on the whole set.
struct LoadedFile {
    std::optional<Record> record;
    std::vector<Diagnostic> diagnostics;
    std::vector<Diagnostic> checks;  // check_file of the record, made by the loader
};

// Parses one record file's bytes. Pure: the same bytes always give the same result.
LoadedFile parse_record_file(Kind kind, const std::string& file, std::string_view bytes);

struct Store {
    Store() = default;
    Store(const Store&) = default;
    Store(Store&&) = default;
    Store& operator=(const Store&) = default;
    Store& operator=(Store&&) = default;
    // Frees the records, unless keep_records_until_exit(true) was called.
    ~Store();

    StoreLocation location;
    Config config;
    std::vector<std::string> files;       // record files found (not collab.yaml), sorted
    std::vector<Record> records;          // the files that loaded as a mapping
    std::vector<Diagnostic> diagnostics;  // from reading and parsing: unreadable, YAML, config
    // The first this many of `diagnostics` come from collab.yaml and the scan, the rest from
    // record files (the part store/verdict.h can save).
    std::size_t setup_diagnostics = 0;
    std::vector<Diagnostic> file_checks;  // check_file of every record (see check/checks.h)
    // Stands for everything the records and settings were made from (collab's version, the
    // size limit, the digests of collab.yaml and of every record file, the files not read)
    // when loaded with the cache and every file was digested; empty otherwise (store_key).
    // validate() reuses the cross-record results saved under this key (.collab/checks). Code that
    // changes `records` or `config` in memory must clear it.
    std::string check_key;
    // Some records are placeholders (LoadOptions::decode): only their kind, id and file are
    // real, and `diagnostics` and `file_checks` hold only the decoded files'. Nothing that
    // reads every record (validate(), reports, exports) may be given such a store; validate()
    // refuses it. The decoded kinds are `decoded`.
    bool partial = false;
    KindSet decoded = KindSet::all();

    // Files are parsed on `options.jobs` threads; the result does not depend on how many.
    static Store load(const StoreLocation& location, const LoadOptions& options = {});

    // A store from files held in memory (a git revision): `files` are store-relative paths
    // with their bytes; those the scan would not take as records are skipped. Without
    // `config` the settings are empty and no `config` diagnostic is made.
    struct Source {
        std::string file;
        std::string bytes;
        std::uint64_t too_large = 0;  // not 0: the file's size, over the limit; bytes unread
    };
    static Store from_sources(const StoreLocation& location,
                              const std::optional<std::string>& config,
                              const std::vector<Source>& files);
};

// No tear-down (docs/performance.md): once turned on, a destroyed Store hands its records to
// a list that lives until the process ends instead of freeing them node by node (tenths of a
// second at 100,000 records). For the command-line program, which exits right after its
// command; the list stays reachable, so leak checkers do not report it. Off by default.
void keep_records_until_exit(bool on);

// With keep_records_until_exit on, `value` joins the list that lives until the process ends
// (a move, O(1)); otherwise it is freed here. For the warm path's large temporaries (the
// scan's 100,000 paths, the stamp index) that a process about to exit need not free.
bool records_kept_until_exit();
void keep_until_exit(std::shared_ptr<void> value);
template <class T>
void let_go(T&& value) {
    if (records_kept_until_exit())
        keep_until_exit(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
}

// Reads collab.yaml alone (its diagnostics have file "collab.yaml"), under the path rule of
// store/store_paths.h: a link that leaves the store, a non-regular file or one over
// `max_file_size` bytes is a `config` diagnostic and is never read.
Config load_config(const std::filesystem::path& root, std::vector<Diagnostic>& out,
                   std::size_t max_file_size = default_max_file_size);

// collab.yaml's bytes, read under the path rule; nullopt (and a `config` diagnostic in `out`)
// when it cannot be. config_from parses them (empty settings for nullopt).
std::optional<std::string> read_config(const std::filesystem::path& root,
                                       std::vector<Diagnostic>& out, std::size_t max_file_size);
Config config_from(const std::optional<std::string>& bytes, std::vector<Diagnostic>& out);

// scan_store, with its diagnostics given the kind and id of the record file they are about
// and appended to `out` (the result's own `diagnostics` is left empty).
ScanResult scan_records(const std::filesystem::path& root, std::vector<Diagnostic>& out);

// Store::check_key: 32 hex digits of the SHA-256 of collab's version, the size limit, the
// digest of collab.yaml, the record files found but not read, and every record file's path
// (with its length: no name can spell out another line) and digest (`files` in scan order).
// Every input of validate() but today and the document paths on disk (asked again) is these.
std::string store_key(const std::optional<Digest>& config, std::size_t max_file_size,
                      const std::vector<std::string>& unread,
                      const std::vector<std::pair<const std::string*, Digest>>& files);

// Turns the parsed root of one file into a record, checking its id.
Record make_record(Kind kind, std::string file, Node root, std::vector<Diagnostic>& out);

}  // namespace collab
