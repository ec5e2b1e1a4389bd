#include "store/cache.h"

#include <sys/stat.h>

#include "util/atomic_write.h"
#include "util/file.h"

namespace fs = std::filesystem;

namespace collab {

std::optional<FileStamp> stamp_of(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    FileStamp s;
    s.size = static_cast<std::uint64_t>(st.st_size);
    s.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    s.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
    s.inode = static_cast<std::uint64_t>(st.st_ino);
    return s;
}

RecordCache RecordCache::open(const fs::path& root, std::string_view version) {
    RecordCache cache;
    std::string error;
    // A cache too large to be ours is not read at all.
    bool too_large = false;
    auto bytes = read_file_limited(root / cache_path, std::size_t{4} << 30, error, too_large);
    if (!bytes) return cache;
    cache.bytes_ = std::move(*bytes);
    auto index = read_snapshot(cache.bytes_, version);
    if (!index) {
        cache.bytes_.clear();
        return cache;
    }
    cache.index_ = std::move(*index);
    cache.by_file_.reserve(cache.index_.items.size());
    for (std::size_t i = 0; i < cache.index_.items.size(); ++i) {
        cache.by_file_.emplace(cache.index_.items[i].file, i);
    }
    return cache;
}

std::optional<LoadedFile> RecordCache::find(const std::string& file, const FileStamp& stamp) const {
    const auto it = by_file_.find(file);
    if (it == by_file_.end()) return std::nullopt;
    const SnapshotIndex::Item& item = index_.items[it->second];
    if (!(item.stamp == stamp)) return std::nullopt;
    return decode_entry(file, item.blob);
}

void save_cache(const fs::path& root, const std::vector<const SnapshotEntry*>& entries,
                std::string_view version, std::string_view context) {
    // Disposable and checked when read: no fsync, and no test fault aims at it.
    AtomicWriteOptions options;
    options.durable = false;
    options.fault_hooks = false;
    try {
        std::error_code ec;
        const fs::path dir = root / fs::path(cache_path).parent_path();
        fs::create_directories(dir, ec);
        if (ec) return;
        // The folder ignores itself in git (as .pytest_cache does), so a cache is never
        // committed, whatever the repository's own .gitignore says.
        if (!fs::exists(dir / ".gitignore", ec)) {
            write_file_atomically(dir / ".gitignore",
                                  "# Written by collab: the cache of parsed records. Safe to "
                                  "delete.\n*\n",
                                  options);
        }
        write_file_atomically(root / cache_path, encode_snapshot(entries, version, context),
                              options);
    } catch (...) {
        // A store we cannot write to works without a cache.
    }
}

}  // namespace collab
