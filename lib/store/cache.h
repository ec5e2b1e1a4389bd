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

#include "store/snapshot.h"

namespace collab {

inline constexpr std::string_view cache_path = ".collab/cache";

// The stamp of the file a path leads to (links followed); nullopt when it cannot be stat'ed.
std::optional<FileStamp> stamp_of(const std::filesystem::path& path);

class RecordCache {
  public:
    // Maps <root>/.collab/cache into memory read-only (mmap) and checks it once (checksum,
    // table bounds); entries are decoded from the mapping in place. `version` must match
    // the writer's. The cache is only ever replaced by a rename, never changed in place, so
    // the mapped bytes stay as they were checked.
    static RecordCache open(const std::filesystem::path& root, std::string_view version);

    // The cached result for `file` when its stamp is unchanged and the entry decodes; with
    // `placeholder`, only its stand-in (snapshot.h, placeholder_entry): the tree is not read.
    std::optional<LoadedFile> find(const std::string& file, const FileStamp& stamp,
                                   bool placeholder = false) const;
    std::size_t size() const { return index_.items.size(); }
    // The settings the cached check results were made with (check_file_context).
    const std::string& context() const { return index_.context; }

  private:
    std::shared_ptr<const void> mapping_;  // unmapped when the last copy goes
    SnapshotIndex index_;
    std::unordered_map<std::string_view, std::size_t> by_file_;
};

// Writes the cache atomically (temporary file, rename); failures are ignored.
void save_cache(const std::filesystem::path& root, const std::vector<const SnapshotEntry*>& entries,
                std::string_view version, std::string_view context);

}  // namespace collab
