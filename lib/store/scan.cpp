#include "store/scan.h"

#include <fmt/format.h>

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <set>

#include "util/utf8.h"

namespace fs = std::filesystem;

namespace collab {

namespace {

bool is_record_name(std::string_view name) {
    // As fs::path::extension: the dot must not start the name.
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    const std::string_view ext = name.substr(dot);
    return ext == ".yaml" || ext == ".yml";
}

bool is_record_name(const fs::path& p) {
    return is_record_name(std::string_view(p.filename().native()));
}

bool inside(const fs::path& root, const fs::path& p) {
    const auto rel = p.lexically_relative(root);
    return !rel.empty() && *rel.begin() != "..";
}

class Scanner {
  public:
    explicit Scanner(fs::path root) : root_(std::move(root)) {
        std::error_code ec;
        real_root_ = fs::canonical(root_, ec);
        if (ec) real_root_ = root_;
    }

    void scan_kind(Kind kind) {
        const fs::path dir = root_ / kind_folder_name(kind);
        std::error_code ec;
        if (!fs::exists(dir, ec) && !fs::is_symlink(dir, ec)) return;
        walk(kind, dir, kind_folder_name(kind) + "/");
    }

    ScanResult take() {
        // Walked folder by folder in name order, the files are nearly always sorted already
        // (a name like `2024-b.yaml` beside a folder `2024/` is the exception): check first.
        const auto by_file = [](const auto& a, const auto& b) { return a.file < b.file; };
        if (!std::is_sorted(result_.files.begin(), result_.files.end(), by_file))
            std::sort(result_.files.begin(), result_.files.end(), by_file);
        return std::move(result_);
    }

  private:
    static std::string kind_folder_name(Kind kind) {
        return std::string(collab::kind_folder(kind));
    }

    std::string relative(const fs::path& p) const {
        return p.lexically_relative(root_).generic_string();
    }

    void unreadable(const fs::path& p, std::string message) {
        Diagnostic d = make_diagnostic("unreadable", Mark{}, std::move(message));
        d.file = relative(p);
        // A record that cannot be read still counts as a record file found.
        if (is_record_name(p)) result_.unread.push_back(d.file);
        result_.diagnostics.push_back(std::move(d));
    }

    // Where a link leads, when it may be followed; reports and returns nothing otherwise.
    std::optional<fs::path> follow(const fs::path& link) {
        std::error_code ec;
        const fs::path target = fs::canonical(link, ec);
        if (ec) {
            const bool loop = ec == std::errc::too_many_symbolic_link_levels;
            unreadable(link, loop ? "symbolic link loop; the link is not followed"
                                  : "broken symbolic link: its target does not exist");
            return std::nullopt;
        }
        if (!inside(real_root_, target)) {
            std::error_code read_ec;
            const fs::path written = fs::read_symlink(link, read_ec);
            unreadable(link, fmt::format("link leaves the store (it points to {}); records must "
                                         "live inside the store",
                                         shorten(written.generic_string(), 200)));
            return std::nullopt;
        }
        return target;
    }

    // `prefix`: `dir` relative to the root, with a '/' at its end (how files are named).
    void walk(Kind kind, const fs::path& dir, const std::string& prefix) {
        std::error_code ec;
        fs::path real = dir;
        if (fs::is_symlink(dir, ec)) {
            auto target = follow(dir);
            if (!target) return;
            real = *target;
        }
        const fs::path canonical = fs::canonical(real, ec);
        // A folder reached twice (through links) would list its records twice, or forever.
        if (!ec && !visited_.insert(canonical).second) return;

        // readdir directly: each name with the type it reports, so a plain file costs
        // neither a stat nor a std::filesystem::path of its own (at 100,000 records, building
        // and freeing path objects was a tenth of a warm validate).
        DIR* folder = ::opendir(dir.c_str());
        if (!folder) {
            const std::error_code open_ec(errno, std::system_category());
            unreadable(dir, fmt::format("cannot read folder: {}", open_ec.message()));
            return;
        }
        std::vector<std::pair<std::string, unsigned char>> entries;
        while (const dirent* e = ::readdir(folder)) {
            if (e->d_name[0] == '.') continue;  // hidden, and `.` and `..`
            entries.emplace_back(e->d_name, e->d_type);
        }
        ::closedir(folder);
        // Sorted by file name as a plain string: the same order as comparing the paths (they
        // share this folder), without std::filesystem's comparison by components.
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        const std::string base = dir.native() + "/";
        for (auto& [name, type] : entries) {
            std::string path = base + name;
            if (type == DT_UNKNOWN) {  // file systems that do not say: ask, without following
                struct stat st {};
                if (::lstat(path.c_str(), &st) != 0) continue;
                type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
            }
            if (type == DT_LNK) {
                const fs::path p(path);
                // A link to anything but a folder or a record file (a scanned PDF, say) is not
                // ours to judge; broken or looping links named like records are reported.
                if (!is_record_name(std::string_view(name)) && !fs::is_directory(p, ec)) continue;
                const auto target = follow(p);
                if (!target) continue;
                if (fs::is_directory(*target, ec)) {
                    // A link to a folder above it (`up -> ..`) would walk the store again, as
                    // records of this kind: collab.yaml as a partner.
                    const fs::path here = fs::canonical(dir, ec);
                    const auto rel = here.lexically_relative(*target);
                    if (!ec && !rel.empty() && *rel.begin() != "..") {
                        unreadable(p, "symbolic link loop: it leads back to a folder above it");
                        continue;
                    }
                    walk(kind, p, prefix + name + "/");
                } else {
                    result_.files.push_back(RecordFile{kind, prefix + name, std::move(path)});
                }
                continue;
            }
            if (type == DT_DIR) {
                walk(kind, fs::path(path), prefix + name + "/");
            } else if (is_record_name(std::string_view(name))) {
                // The name under the folder's own prefix: no lexically_relative per file.
                result_.files.push_back(RecordFile{kind, prefix + name, std::move(path)});
            }
        }
    }

    fs::path root_;
    fs::path real_root_;
    std::set<fs::path> visited_;
    ScanResult result_;
};

}  // namespace

std::optional<Kind> record_file_kind(std::string_view file) {
    const auto slash = file.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto kind = parse_kind(file.substr(0, slash));
    if (!kind || kind_folder(*kind) != file.substr(0, slash)) return std::nullopt;
    std::size_t start = 0;
    while (start < file.size()) {
        const auto end = std::min(file.find('/', start), file.size());
        if (end == start || file[start] == '.') return std::nullopt;
        start = end + 1;
    }
    if (!is_record_name(fs::path(std::string(file)))) return std::nullopt;
    return kind;
}

ScanResult scan_store(const fs::path& root) {
    Scanner scanner(root);
    for (Kind kind : all_kinds) scanner.scan_kind(kind);
    return scanner.take();
}

}  // namespace collab
