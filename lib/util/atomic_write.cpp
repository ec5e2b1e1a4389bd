#include "util/atomic_write.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <set>

#include "util/errors.h"

namespace fs = std::filesystem;

namespace collab {

namespace {

std::string temp_prefix(const fs::path& target) {
    return "." + target.filename().string() + ".collab-tmp-";
}

// Temporary files of this target left by a run that was killed mid-write. Each writer's
// temporary file carries its process id, and only those of processes that are gone are
// removed: another writer's file in progress is its own (issue 15: six writers on one record
// used to delete each other's).
void remove_leftovers(const fs::path& dir, const fs::path& target) {
    std::error_code ec;
    const std::string prefix = temp_prefix(target);
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const std::string_view rest = std::string_view(name).substr(prefix.size());
        const auto dash = rest.find('-');
        long pid = 0;
        const bool has_pid = dash != std::string_view::npos && dash > 0 && dash < 10 &&
                             std::all_of(rest.begin(), rest.begin() + dash,
                                         [](char c) { return c >= '0' && c <= '9'; });
        if (has_pid) pid = std::stol(std::string(rest.substr(0, dash)));
        // Without a pid: left by a version that did not write one.
        const bool alive =
            has_pid && pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
        if (!alive) fs::remove(it->path(), ec);
    }
}

[[noreturn]] void fail(const fs::path& path, const std::string& what, int err) {
    throw UsageError(
        fmt::format("cannot write {}: {}: {}", path.string(), what, std::strerror(err)));
}

// Writes `content` to a new temporary file beside `path` (its mode: the target's, or what a
// plain create gives) and returns the temporary file's name. `durable`: fsync it (a batch
// leaves that to one syncfs). `failure`: the fault hook's injected error (EACCES, ENOSPC) or "".
std::string write_temp(const fs::path& path, std::string_view content, std::string_view failure,
                       bool durable) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::string temp = (dir / fmt::format("{}{}-XXXXXX", temp_prefix(path), ::getpid())).string();
    if (failure == "EACCES") fail(path, "cannot create a temporary file beside it", EACCES);
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) fail(path, "cannot create a temporary file beside it", errno);
    const auto abandon = [&](const char* what) {
        const int err = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        fail(path, what, err);
    };
    struct stat st {};
    mode_t mode = 0;
    if (::stat(path.c_str(), &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    if (::fchmod(fd, mode) != 0) abandon("cannot set the mode of the temporary file");
    for (std::size_t done = 0; done < content.size();) {
        if (failure == "ENOSPC" && done > 0) {
            errno = ENOSPC;
            abandon("writing failed");
        }
        const std::size_t chunk = failure == "ENOSPC" ? std::max<std::size_t>(1, content.size() / 2)
                                                      : content.size() - done;
        const ssize_t n = ::write(fd, content.data() + done, chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) abandon("writing failed");
        done += static_cast<std::size_t>(n);
    }
    if (durable && ::fsync(fd) != 0) abandon("fsync failed");
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        fail(path, "closing failed", err);
    }
    return temp;
}

}  // namespace

void write_file_atomically(const fs::path& path, std::string_view content, bool replace) {
    write_file_atomically(path, content, AtomicWriteOptions{replace, true, true});
}

void write_file_atomically(const fs::path& path, std::string_view content,
                           const AtomicWriteOptions& options) {
    const bool replace = options.replace;
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    remove_leftovers(dir, path);
    const char* injected = options.fault_hooks ? std::getenv("COLLAB_TEST_WRITE_FAILURE") : nullptr;
    const std::string_view failure = injected ? injected : "";
    const std::string temp = write_temp(path, content, failure, options.durable);
    if (const char* crash = std::getenv("COLLAB_TEST_CRASH_BEFORE_RENAME");
        options.fault_hooks && crash && std::string_view(crash) == "1") {
        ::raise(SIGKILL);
    }
    // renameat2(RENAME_NOREPLACE) makes "never overwrite" atomic, not a check then a write.
    const int renamed =
        replace ? ::rename(temp.c_str(), path.c_str())
                : ::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
    if (renamed != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        fail(path,
             err == EEXIST ? "it exists already" : "renaming the temporary file over it failed",
             err);
    }
    if (!options.durable) return;
    // Make the rename itself durable.
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

namespace {

// Every temporary file in `dir` (of any target) whose writer is gone: one pass over the
// folder, where remove_leftovers would make one per target (n files, n passes).
void remove_dead_temps(const fs::path& dir) {
    std::error_code ec;
    static constexpr std::string_view marker = ".collab-tmp-";
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(".")) continue;
        const auto at = name.find(marker);
        if (at == std::string::npos) continue;
        const std::string_view rest = std::string_view(name).substr(at + marker.size());
        const auto dash = rest.find('-');
        const bool has_pid = dash != std::string_view::npos && dash > 0 && dash < 10 &&
                             std::all_of(rest.begin(), rest.begin() + dash,
                                         [](char c) { return c >= '0' && c <= '9'; });
        const long pid = has_pid ? std::stol(std::string(rest.substr(0, dash))) : 0;
        const bool alive =
            has_pid && pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
        if (!alive) fs::remove(it->path(), ec);
    }
}

}  // namespace

void write_files_atomically(const std::vector<BatchWrite>& files, std::size_t* renamed) {
    if (renamed) *renamed = 0;
    if (files.empty()) return;
    std::set<fs::path> dirs;
    for (const BatchWrite& f : files) {
        dirs.insert(f.path.has_parent_path() ? f.path.parent_path() : fs::path("."));
    }
    for (const fs::path& dir : dirs) remove_dead_temps(dir);

    const char* injected = std::getenv("COLLAB_TEST_WRITE_FAILURE");
    const std::string_view failure = injected ? injected : "";
    std::vector<std::string> temps;
    temps.reserve(files.size());
    std::size_t next = 0;  // the first temporary file not yet renamed
    const auto drop_temps = [&] {
        for (std::size_t i = next; i < temps.size(); ++i) ::unlink(temps[i].c_str());
    };
    try {
        for (const BatchWrite& f : files) {
            temps.push_back(
                write_temp(f.path, f.content, temps.empty() ? failure : "", /*durable=*/false));
        }
    } catch (...) {
        drop_temps();
        throw;
    }
    // One syncfs makes every temporary file durable before any becomes visible: the data of
    // a renamed file must never be lost to a crash while its name survives.
    // Once per file system the folders are on (a store is normally on one).
    std::set<dev_t> synced;
    for (const fs::path& dir : dirs) {
        struct stat st {};
        if (::stat(dir.c_str(), &st) == 0 && !synced.insert(st.st_dev).second) continue;
        const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        const int err = fd < 0 ? errno : (::syncfs(fd) == 0 ? 0 : errno);
        if (fd >= 0) ::close(fd);
        if (err != 0) {
            drop_temps();
            fail(dir, "syncfs failed", err);
        }
    }
    if (const char* crash = std::getenv("COLLAB_TEST_CRASH_BEFORE_RENAME");
        crash && std::string_view(crash) == "1") {
        ::raise(SIGKILL);
    }
    const char* after = std::getenv("COLLAB_TEST_CRASH_AFTER_RENAMES");
    const long crash_after = after ? std::atol(after) : -1;
    for (; next < files.size(); ++next) {
        const BatchWrite& f = files[next];
        const char* temp = temps[next].c_str();
        const int done =
            f.replace ? ::rename(temp, f.path.c_str())
                      : ::renameat2(AT_FDCWD, temp, AT_FDCWD, f.path.c_str(), RENAME_NOREPLACE);
        if (done != 0) {
            const int err = errno;
            drop_temps();
            if (renamed) *renamed = next;
            fail(f.path,
                 err == EEXIST ? "it exists already" : "renaming the temporary file over it failed",
                 err);
        }
        if (renamed) *renamed = next + 1;
        if (crash_after >= 0 && static_cast<long>(next + 1) == crash_after) ::raise(SIGKILL);
    }
    // Make the renames durable: each folder once.
    for (const fs::path& dir : dirs) {
        const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            ::fsync(dfd);
            ::close(dfd);
        }
    }
}

}  // namespace collab
