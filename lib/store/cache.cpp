#include "store/cache.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store_paths.h"
#include "util/atomic_write.h"
#include "util/file.h"

namespace fs = std::filesystem;

namespace collab {

std::optional<FileStamp> stamp_of(const char* path) {
    struct stat st {};
    if (::stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    FileStamp s;
    s.size = static_cast<std::uint64_t>(st.st_size);
    s.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    s.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
    s.inode = static_cast<std::uint64_t>(st.st_ino);
    return s;
}

std::string bound_version(const fs::path& dir, std::string_view version) {
    struct statx sx {};
    if (::statx(AT_FDCWD, dir.c_str(), AT_SYMLINK_NOFOLLOW, STATX_INO | STATX_BTIME, &sx) != 0) {
        // statx refused (an old container's seccomp profile): the inode alone. A folder
        // that cannot even be lstat'ed cannot be read from either.
        struct stat st {};
        if (::lstat(dir.c_str(), &st) != 0) return std::string(version) + " unbound";
        return fmt::format("{} {}", version, st.st_ino);
    }
    std::string out = fmt::format("{} {}", version, sx.stx_ino);
    if (sx.stx_mask & STATX_BTIME)
        out += fmt::format(" {}.{}", sx.stx_btime.tv_sec, sx.stx_btime.tv_nsec);
    return out;
}

std::int64_t unsettled_since() {
    timespec now{}, tick{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    std::int64_t margin = 10'000'000;  // 10 ms when the tick cannot be known
    if (::clock_getres(CLOCK_REALTIME_COARSE, &tick) == 0)
        margin = 2 * (static_cast<std::int64_t>(tick.tv_sec) * 1'000'000'000 + tick.tv_nsec);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec - margin;
}

FileStamp settled(const FileStamp& stamp, std::int64_t since) {
    if (stamp.mtime_ns < since && stamp.ctime_ns < since) return stamp;
    FileStamp never;
    never.size = ~std::uint64_t{0};  // no file is that long
    return never;
}

namespace {

// The bytes of `path` mapped read-only, refused when it is a link (O_NOFOLLOW: a committed
// link to /proc/self/pagemap is never opened), not a regular file, empty or over `limit`.
std::optional<std::pair<std::shared_ptr<const void>, std::string_view>> map_file(
    const fs::path& path, std::size_t limit) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        static_cast<std::uint64_t>(st.st_size) > limit) {
        ::close(fd);
        return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    // MAP_POPULATE: the whole file is read by the checksum anyway; fault it in at once.
    void* addr = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (addr == MAP_FAILED) return std::nullopt;
    std::shared_ptr<const void> owner(
        addr, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
    return std::pair{std::move(owner), std::string_view(static_cast<const char*>(addr), size)};
}

}  // namespace

RecordCache RecordCache::open(const fs::path& root, std::string_view version) {
    RecordCache cache;
    // A cache too large to be ours is not read at all; nor is one under a `.collab` link or
    // a `cache` link.
    const auto dir = collab_dir(root, /*create=*/false);
    if (!dir) return cache;
    auto mapped = map_file(*dir / fs::path(cache_path).filename(), std::size_t{4} << 30);
    if (!mapped) return cache;
    auto index = read_snapshot(mapped->second, bound_version(*dir, version));
    if (!index) return cache;
    cache.mapping_ = std::move(mapped->first);
    cache.index_ = std::move(*index);
    cache.by_file_.reserve(cache.index_.items.size());
    for (std::size_t i = 0; i < cache.index_.items.size(); ++i) {
        cache.by_file_.emplace(cache.index_.items[i].file, i);
    }
    return cache;
}

std::optional<LoadedFile> RecordCache::find(const std::string& file, const Digest& digest,
                                            bool placeholder) const {
    const auto it = by_file_.find(file);
    if (it == by_file_.end()) return std::nullopt;
    const SnapshotIndex::Item& item = index_.items[it->second];
    if (item.digest != digest) return std::nullopt;
    return placeholder ? placeholder_entry(file, item.blob)
                       : decode_entry(file, item.blob, index_.tables);
}

StampIndex StampIndex::open(const fs::path& root, std::string_view version) {
    StampIndex index;
    const auto dir = collab_dir(root, /*create=*/false);
    if (!dir) return index;
    const auto mapped =
        map_file(*dir / fs::path(stamp_index_path).filename(), std::size_t{1} << 30);
    if (!mapped) return index;
    auto rows = decode_stamps(mapped->second, bound_version(*dir, version));
    if (!rows) return index;
    index.rows_ = std::move(*rows);
    return index;
}

std::vector<const StampRow*> StampIndex::rows_of(const std::vector<RecordFile>& files) const {
    std::vector<const StampRow*> out(files.size(), nullptr);
    std::size_t r = 0;
    for (std::size_t i = 0; i < files.size() && r < rows_.size(); ++i) {
        while (r < rows_.size() && rows_[r].file < files[i].file) ++r;
        if (r < rows_.size() && rows_[r].file == files[i].file) out[i] = &rows_[r];
    }
    return out;
}

std::optional<Digest> StampIndex::digest(const StampRow* row, const FileStamp& stamp) {
    if (!row || !(row->stamp == stamp)) return std::nullopt;
    return row->digest;
}

bool StampIndex::holds(const std::vector<StampRow>& rows) const {
    if (rows.size() != rows_.size()) return false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].file != rows_[i].file || !(rows[i].stamp == rows_[i].stamp) ||
            rows[i].digest != rows_[i].digest)
            return false;
    }
    return true;
}

void save_stamps(const fs::path& root, const std::vector<StampRow>& rows,
                 std::string_view version) {
    AtomicWriteOptions options;
    options.durable = false;  // disposable: a lost index only means reading files again
    options.fault_hooks = false;
    try {
        if (const auto dir = collab_dir(root, /*create=*/true)) {
            write_file_atomically(*dir / fs::path(stamp_index_path).filename(),
                                  encode_stamps(rows, bound_version(*dir, version)), options);
        }
    } catch (...) {
        // A store we cannot write to works without it.
    }
}

void save_cache(const fs::path& root, const std::vector<const SnapshotEntry*>& entries,
                std::string_view version, std::string_view context) {
    // Disposable and checked when read: no fsync, and no test fault aims at it.
    AtomicWriteOptions options;
    options.durable = false;
    options.fault_hooks = false;
    try {
        std::error_code ec;
        // Never through a `.collab` that is a link out of the store.
        const auto made = collab_dir(root, /*create=*/true);
        if (!made) return;
        const fs::path dir = *made;
        // The folder ignores itself in git (as .pytest_cache does), so a cache is never
        // committed, whatever the repository's own .gitignore says.
        if (!fs::exists(fs::symlink_status(dir / ".gitignore", ec))) {
            write_file_atomically(dir / ".gitignore",
                                  "# Written by collab: the cache of parsed records. Safe to "
                                  "delete.\n*\n",
                                  options);
        }
        write_file_atomically(dir / fs::path(cache_path).filename(),
                              encode_snapshot(entries, bound_version(dir, version), context),
                              options);
    } catch (...) {
        // A store we cannot write to works without a cache.
    }
}

}  // namespace collab
