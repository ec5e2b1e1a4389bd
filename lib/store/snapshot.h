// The cache's bytes: parsed record files (their Node trees with positions and their own
// diagnostics) written compactly, so a warm run loads them without reading YAML again.
// Pure: entries in, bytes out, and back. Decoding trusts nothing: any inconsistency (bad
// magic, another version, a wrong checksum, an offset or length out of range) makes the
// whole snapshot unusable, never a crash.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/digest.h"
#include "store/store.h"

namespace collab {

// What identifies a file's content without reading it: if any of these changed, it is read
// again. ctime catches a rewrite that restores size and mtime.
struct FileStamp {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;
    std::uint64_t inode = 0;
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

// A parsed file as the cache keeps it: found again by its path and the digest of its bytes
// (so a file touched but not changed still finds it; its stamp is in the stamp index).
struct SnapshotEntry {
    std::string file;  // store-relative
    Digest digest;
    LoadedFile loaded;
};

// `version` names the program that wrote it; a snapshot from another version is refused.
// `context` says what the entries' check results depend on (check_file_context).
std::string encode_snapshot(const std::vector<const SnapshotEntry*>& entries,
                            std::string_view version, std::string_view context = {});

// What every entry of a snapshot refers to, split out of the bytes once by read_snapshot so
// that decoding an entry never walks them: the string table (every key and text used more
// than once, stored once; views into the bytes given to read_snapshot) and, for each key
// context, the string index of the key that usually comes next (~0u: none).
struct SnapshotTables {
    std::vector<std::string_view> strings;
    std::vector<std::uint32_t> next_key;
};

// The entries of a snapshot, still encoded: decode each with decode_entry (in parallel if
// wanted), giving it `tables`. nullopt when the header, checksum, tables or entry table are
// not right.
struct SnapshotIndex {
    struct Item {
        std::string file;
        Digest digest;
        std::string_view blob;  // into the bytes given to read_snapshot
    };
    std::vector<Item> items;
    std::string context;
    SnapshotTables tables;
};
std::optional<SnapshotIndex> read_snapshot(std::string_view bytes, std::string_view version);

// A file's record and diagnostics back from its blob and the snapshot's tables; nullopt
// when the blob is malformed (a string index past the table, a key the key table does not
// predict, a length or count past the blob's end, a position out of range, too deep).
std::optional<LoadedFile> decode_entry(const std::string& file, std::string_view blob,
                                       const SnapshotTables& tables);

// The stand-in of a file whose record is not wanted (store.h, LoadOptions::decode): a record
// of kind, id and file with an empty mapping when the entry holds a record, none when it
// does not, and no diagnostics; only the entry's first byte is read. nullopt when the blob
// is malformed there (the caller then decodes it in full and drops it).
std::optional<LoadedFile> placeholder_entry(const std::string& file, std::string_view blob);

// A 64-bit checksum of `bytes` (not cryptographic: it catches truncation and corruption of
// a cache in the user's own store, not an attacker). Different seeds give independent sums.
std::uint64_t snapshot_checksum(std::string_view bytes, std::uint64_t seed = 0);

// The results of the cross-record checks that do not depend on today (check_across without
// check_today, see store/validate.h) for the store whose file stamps and settings `key`
// stands for (Store::check_key), with every document path the checks probed on disk and
// the probe's answer, so a warm run can ask the disk again before trusting them.
//
// With them, all that a `validate` of the same store needs besides the scan and collab.yaml,
// so that a warm run answers without decoding a record (store/verdict.h): every diagnostic
// of the record files (Store::diagnostics past the scan's, then Store::file_checks, in that
// order), which of Store::files hold a record, and `dated`, an encoded snapshot of the
// agreements and projects cut to the fields check_today reads (today_facts).
// The version the dated facts' inner snapshot is written with: the file around it already
// names collab's version (and, on disk, its folder: bound_version).
inline constexpr std::string_view dated_version = "dated-facts";
struct AcrossResults {
    std::string key;
    std::vector<std::pair<std::string, std::optional<std::string>>> probes;
    std::vector<Diagnostic> diagnostics;  // sorted (sort_diagnostics)
    std::vector<Diagnostic> file_diagnostics;
    std::vector<char> has_record;  // one 0/1 per Store::files entry
    std::string dated;             // encode_snapshot of today_facts records
};

// The stamp index, <store>/.collab/index: every record file's path,
// stamp and digest, so a warm run knows each file's digest from a stat alone, as git's index
// does. Rewritten when a stamp changed; its rows are sorted by path.
struct StampRow {
    std::string file;
    FileStamp stamp;
    Digest digest{};
};
std::string encode_stamps(const std::vector<StampRow>& rows, std::string_view version);
// The rows back, or nullopt when anything is not right (as decode_across).
std::optional<std::vector<StampRow>> decode_stamps(std::string_view bytes,
                                                   std::string_view version);
std::string seal_stamps(std::string_view payload, std::string_view version);
// For tests and the fuzz target: `payload` under a header with the right magic, format,
// version and checksum, as encode_snapshot / encode_across would write it, so hostile
// content behind a checksum that matches reaches the decoders.
std::string seal_snapshot(std::string_view payload, std::string_view version,
                          std::string_view context = {});
std::string seal_across(std::string_view payload, std::string_view version);

// Bytes of `results` for <store>/.collab/checks; `version` as in encode_snapshot.
std::string encode_across(const AcrossResults& results, std::string_view version);
// The results back, or nullopt when the magic, version, checksum, a length, a count, a
// check code or a severity is not right, or bytes are left over: never trusted in part.
std::optional<AcrossResults> decode_across(std::string_view bytes, std::string_view version);

}  // namespace collab
