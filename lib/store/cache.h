// The warm path: parsed record files kept in <store>/.collab/cache (a snapshot, see
// snapshot.h), so a file whose size, times and inode have not changed is never read again.
// Best effort in every way: a missing, unreadable, corrupt, truncated or foreign cache is
// ignored and rebuilt, and a store where it cannot be written (read-only) works without.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/scan.h"
#include "store/snapshot.h"

namespace collab {

inline constexpr std::string_view cache_path = ".collab/cache";

// The version to write into and expect in the files of the `.collab` folder `dir` (the
// record cache, the stamp index, the saved checks): `version` plus the folder's identity
// (inode and birth time in nanoseconds, statx(2)). The store key and the record cache's keys
// are digests of contents anyone can compute, so a pull request could commit a `.collab/`
// (`git add -f` beats its .gitignore) crafted for its own records; a checkout makes a new
// folder whose identity the author cannot know, so such files are refused as foreign. A
// copied store (`cp -a`) starts cold once for the same reason. Without a birth time (a file
// system that keeps none, or statx refused) only the inode binds them.
std::string bound_version(const std::filesystem::path& dir, std::string_view version);

// The stamp of the file a path leads to (links followed); nullopt when it cannot be stat'ed.
std::optional<FileStamp> stamp_of(const char* path);

class RecordCache {
  public:
    // Maps <root>/.collab/cache into memory read-only (mmap) and checks it once (checksum,
    // table bounds); entries are decoded from the mapping in place. `version` must match
    // the writer's. The cache is only ever replaced by a rename, never changed in place, so
    // the mapped bytes stay as they were checked.
    static RecordCache open(const std::filesystem::path& root, std::string_view version);

    // The cached result for `file` when the digest of its bytes is the one it was cached
    // with and the entry decodes; with `placeholder`, only its stand-in (snapshot.h,
    // placeholder_entry): the tree is not read.
    std::optional<LoadedFile> find(const std::string& file, const Digest& digest,
                                   bool placeholder = false) const;
    std::size_t size() const { return index_.items.size(); }
    // The settings the cached check results were made with (check_file_context).
    const std::string& context() const { return index_.context; }

  private:
    std::shared_ptr<const void> mapping_;  // unmapped when the last copy goes
    SnapshotIndex index_;
    std::unordered_map<std::string_view, std::size_t> by_file_;
};

// The stamp index (<root>/.collab/index, see StampRow in snapshot.h), mapped and decoded
// once; empty when absent, a link, corrupt, truncated or from another version.
class StampIndex {
  public:
    static StampIndex open(const std::filesystem::path& root, std::string_view version);
    // For each of `files` (sorted by file, as scan_store gives them) its row, or nullptr:
    // one pass over both sorted lists, no hash table (100,000 look-ups were a tenth of a warm
    // validate). A row out of order in a damaged index is only missed, never mismatched.
    std::vector<const StampRow*> rows_of(const std::vector<RecordFile>& files) const;
    // The digest in `row` when the file's stamp is still `stamp`: its bytes are then known
    // without reading them.
    static std::optional<Digest> digest(const StampRow* row, const FileStamp& stamp);
    // True when `rows` (sorted by file) are exactly what the index holds: no rewrite needed.
    bool holds(const std::vector<StampRow>& rows) const;

  private:
    std::vector<StampRow> rows_;
};

// The time (CLOCK_REALTIME, ns) from which a file's stamp cannot be vouched for by a run
// starting now: now less two ticks of the coarse clock the kernel stamps files with. Taken
// before the files are stat'ed.
std::int64_t unsettled_since();
// `stamp` when both its times are before `since`; otherwise a stamp no file has (git's
// "racy git": a file changed again in the tick collab stat'ed it, with the same size, keeps
// its stamp, so the index must not vouch for it): it is read and hashed on the next run.
// A modification time in the future (a clock set back) is such a case too.
FileStamp settled(const FileStamp& stamp, std::int64_t since);

inline constexpr std::string_view stamp_index_path = ".collab/index";

// Writes the stamp index atomically; failures are ignored (as save_cache).
void save_stamps(const std::filesystem::path& root, const std::vector<StampRow>& rows,
                 std::string_view version);

// Writes the cache atomically (temporary file, rename); failures are ignored.
void save_cache(const std::filesystem::path& root, const std::vector<const SnapshotEntry*>& entries,
                std::string_view version, std::string_view context);

}  // namespace collab
