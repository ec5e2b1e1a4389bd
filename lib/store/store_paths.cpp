#include "store/store_paths.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "util/errors.h"
#include "util/file.h"
#include "util/utf8.h"

namespace fs = std::filesystem;

namespace collab {

namespace {

// `p` is `root` or below it (both resolved).
bool within(const fs::path& root, const fs::path& p) {
    const fs::path rel = p.lexically_relative(root);
    return !rel.empty() && *rel.begin() != "..";
}

std::string link_text(const fs::path& link) {
    std::error_code ec;
    return shorten(fs::read_symlink(link, ec).generic_string(), 200);
}

// One component that is a link: where it leads, if that is inside the store.
std::optional<fs::path> follow_link(const fs::path& real_root, const fs::path& link,
                                    const fs::path& shown, std::string& error) {
    std::error_code ec;
    const fs::path target = fs::canonical(link, ec);
    if (ec) {
        error = ec == std::errc::too_many_symbolic_link_levels
                    ? fmt::format("{} is a symbolic link loop", shown.generic_string())
                    : fmt::format("{} is a broken symbolic link", shown.generic_string());
        return std::nullopt;
    }
    if (!within(real_root, target)) {
        error = fmt::format("{} is a link that leads out of the store (to {})",
                            shown.generic_string(), link_text(link));
        return std::nullopt;
    }
    return target;
}

}  // namespace

fs::path real_store_root(const fs::path& root) {
    std::error_code ec;
    fs::path real = fs::canonical(root, ec);
    return ec ? root.lexically_normal() : real;
}

std::optional<fs::path> resolve_in_store(const fs::path& root, const fs::path& relative,
                                         bool follow_final, std::string& error) {
    if (relative.empty() || relative.is_absolute()) {
        error = "not a path inside the store";
        return std::nullopt;
    }
    const fs::path real_root = real_store_root(root);
    // Component by component, so each link is judged where it is, and a missing folder (to
    // be created) ends the walk with the rest appended as written.
    fs::path here = real_root;
    fs::path shown;
    bool missing = false;
    const fs::path parent = relative.parent_path();
    for (const fs::path& part : parent) {
        if (part == "." || part.empty()) continue;
        if (part == "..") {
            error = fmt::format("{} climbs out with '..'", relative.generic_string());
            return std::nullopt;
        }
        shown /= part;
        const fs::path next = here / part;
        struct stat st {};
        if (missing || ::lstat(next.c_str(), &st) != 0) {
            missing = true;
            here = next;
            continue;
        }
        if (S_ISLNK(st.st_mode)) {
            auto target = follow_link(real_root, next, shown, error);
            if (!target) return std::nullopt;
            here = *target;
        } else {
            here = next;
        }
    }
    const fs::path final_path = here / relative.filename();
    struct stat st {};
    if (missing || ::lstat(final_path.c_str(), &st) != 0) return final_path;
    if (!S_ISLNK(st.st_mode)) return final_path;
    if (!follow_final) {
        error = fmt::format("{} is a symbolic link, which is not allowed here",
                            relative.generic_string());
        return std::nullopt;
    }
    return follow_link(real_root, final_path, relative, error);
}

std::optional<std::string> read_store_file(const fs::path& root, const fs::path& relative,
                                           std::size_t max_bytes, std::string& error,
                                           bool& too_large, bool follow_final) {
    too_large = false;
    const auto path = resolve_in_store(root, relative, follow_final, error);
    if (!path) return std::nullopt;
    // The resolved path is no link; O_NOFOLLOW keeps it so if one is swapped in meanwhile.
    return read_file_limited(*path, max_bytes, error, too_large, /*follow_final_link=*/false);
}

fs::path store_write_path(const fs::path& root, const fs::path& relative) {
    std::string error;
    const auto path = resolve_in_store(root, relative, /*follow_final=*/true, error);
    if (!path) {
        throw UsageError(fmt::format("cannot write {}: {}", relative.generic_string(), error),
                         "records, kind folders and collab.yaml must live inside the store");
    }
    std::error_code ec;
    fs::create_directories(path->parent_path(), ec);
    if (ec) {
        throw UsageError(fmt::format("cannot write {}: cannot create its folder: {}",
                                     relative.generic_string(), ec.message()));
    }
    return *path;
}

std::optional<fs::path> collab_dir(const fs::path& root, bool create) {
    const fs::path dir = root / ".collab";
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0) {
        if (errno != ENOENT || !create) return std::nullopt;
        if (::mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST) return std::nullopt;
        if (::lstat(dir.c_str(), &st) != 0) return std::nullopt;
    }
    // A committed `.collab` link would make every command write its cache (and lock) there.
    if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) return std::nullopt;
    return dir;
}

fs::path checked_output_path(const fs::path& path) {
    const auto refuse = [&](const std::string& what) {
        throw UsageError(fmt::format("--output {}: {}; nothing was written", path.string(), what),
                         "name a new file or a regular file, or - for standard output");
    };
    const auto kind = [](mode_t mode) -> std::string {
        if (S_ISDIR(mode)) return "a folder";
        if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
        if (S_ISFIFO(mode)) return "a FIFO";
        if (S_ISSOCK(mode)) return "a socket";
        return "not a regular file";
    };
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return path;
        refuse(std::strerror(errno));
    }
    if (S_ISREG(st.st_mode)) return path;
    if (!S_ISLNK(st.st_mode)) refuse("it is " + kind(st.st_mode) + ", not a regular file");
    // A link: written through when it leads to a regular file, so the link survives.
    if (::stat(path.c_str(), &st) != 0) refuse("it is a broken symbolic link");
    if (!S_ISREG(st.st_mode))
        refuse("it is a link to " + kind(st.st_mode) + ", not a regular file");
    std::error_code ec;
    const fs::path target = fs::canonical(path, ec);
    if (ec) refuse(ec.message());
    return target;
}

}  // namespace collab
