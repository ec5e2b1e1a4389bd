// Writing the site: the one file of lib/site/ that touches the disk (site.h builds the pages).
#include "site/publish.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>  // renameat2 (glibc >= 2.28)
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

#include "util/errors.h"

namespace collab {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& path, std::string_view what, int err) {
    throw UsageError(fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(err)));
}

void fsync_path(const fs::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) fail(path, "open", errno);
    const bool ok = ::fsync(fd) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok) fail(path, "sync", err);
}

void write_new_file(const fs::path& path, std::string_view content) {
    // O_EXCL | O_NOFOLLOW: the folder is new and ours, so nothing may be there already.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) fail(path, "create", errno);
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            fail(path, "write", err);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) fail(path, "write", errno);
}

// Every file of the new site on disk before it is swapped in: one syncfs() of the file system
// rather than an fsync per file (thousands of pages; each fsync waits for the disk).
void sync_tree(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) fail(folder, "open", errno);
    const bool ok = ::syncfs(fd) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok) fail(folder, "sync", err);
}

void remove_tree(const fs::path& path) {
    std::error_code ec;
    fs::remove_all(path, ec);  // best effort: a leftover is reported by nothing worse than disk use
}

// What is at `out` now: nothing, a folder collab may replace, or a reason to refuse.
void check_target(const fs::path& out, bool force) {
    std::error_code ec;
    const auto st = fs::symlink_status(out, ec);
    if (ec || st.type() == fs::file_type::not_found) return;
    if (st.type() == fs::file_type::symlink) {
        throw UsageError(
            fmt::format("{} is a symbolic link; collab site replaces folders only", out.string()),
            "give the folder the link points to");
    }
    if (st.type() != fs::file_type::directory) {
        throw UsageError(fmt::format("{} exists and is not a folder", out.string()),
                         "give collab site a folder name");
    }
    if (force || fs::exists(out / std::string(site_marker_name))) return;
    if (fs::directory_iterator(out, ec) == fs::directory_iterator()) return;  // empty
    throw UsageError(
        fmt::format("{} is not a site collab wrote (it has no {} file); collab site replaces the "
                    "whole folder, so it refuses to",
                    out.string(), site_marker_name),
        "give a new or empty folder, or --force to replace this one and everything in it");
}

}  // namespace

void publish_site(const fs::path& out_arg, std::span<const SiteFile> files, bool force) {
    // Without a trailing slash, so that the sibling folders sit beside it, not inside.
    fs::path out = out_arg.lexically_normal();
    if (!out.has_filename()) out = out.parent_path();
    if (out.empty() || out.filename() == "." || out.filename() == "..")
        throw UsageError(
            fmt::format("'{}' cannot be replaced: name the site's own folder", out_arg.string()),
            "e.g. collab site public");
    check_target(out, force);
    const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(parent, ec)) {
        throw UsageError(fmt::format("cannot write {}: the folder {} does not exist", out.string(),
                                     parent.string()),
                         "create it first, or give another folder");
    }
    const std::string pid = std::to_string(::getpid());
    const fs::path fresh = parent / (out.filename().string() + ".collab-new-" + pid);
    remove_tree(fresh);
    try {
        if (::mkdir(fresh.c_str(), 0755) != 0) fail(fresh, "create", errno);
        for (const SiteFile& f : files) {
            // Paths come from build_site: relative, safe names, no "..". Checked all the same.
            const fs::path rel(f.path);
            if (rel.is_absolute() || f.path.find("..") != std::string::npos)
                throw UsageError(fmt::format("internal: unsafe site path '{}'", f.path));
            const fs::path target = fresh / rel;
            if (!fs::exists(target.parent_path())) fs::create_directories(target.parent_path());
            write_new_file(target, f.content);
        }
        sync_tree(fresh);
    } catch (const fs::filesystem_error& e) {
        remove_tree(fresh);
        throw UsageError(
            fmt::format("cannot write the site beside {}: {}", out.string(), e.code().message()));
    } catch (...) {
        remove_tree(fresh);
        throw;
    }
    if (!fs::exists(fs::symlink_status(out, ec))) {
        if (::rename(fresh.c_str(), out.c_str()) != 0) {
            const int err = errno;
            remove_tree(fresh);
            fail(out, "create", err);
        }
    } else if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) == 0) {
        remove_tree(fresh);  // it now holds the previous site
    } else {
        // No RENAME_EXCHANGE here (an old kernel, some file systems): the old site is renamed
        // aside, then the new one in. Between the two renames `out` does not exist.
        const fs::path old = parent / (out.filename().string() + ".collab-old-" + pid);
        remove_tree(old);
        if (::rename(out.c_str(), old.c_str()) != 0) {
            const int err = errno;
            remove_tree(fresh);
            fail(out, "replace", err);
        }
        if (::rename(fresh.c_str(), out.c_str()) != 0) {
            const int err = errno;
            ::rename(old.c_str(), out.c_str());  // put the old site back
            remove_tree(fresh);
            fail(out, "replace", err);
        }
        remove_tree(old);
    }
    fsync_path(parent, O_RDONLY | O_DIRECTORY);
}

}  // namespace collab
