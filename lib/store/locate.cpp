#include "store/locate.h"

#include <fmt/format.h>

#include "util/errors.h"

namespace fs = std::filesystem;

namespace collab {

std::string display_path(const fs::path& path, const fs::path& cwd) {
    const fs::path rel = path.lexically_normal().lexically_relative(cwd.lexically_normal());
    if (rel.empty()) return path.lexically_normal().generic_string();
    if (rel == ".") return ".";
    const std::string s = rel.generic_string();
    // Above the working directory a short relative path still helps; a long climb does not.
    if (s.starts_with("../../..")) return path.lexically_normal().generic_string();
    return s;
}

namespace {

StoreLocation named(const std::string& dir, const fs::path& cwd, std::string_view source) {
    const fs::path p = fs::path(dir).is_absolute() ? fs::path(dir) : cwd / dir;
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
        throw UsageError(fmt::format("store '{}' (from {}) is not a directory", dir, source),
                         "create one with `collab init DIR`");
    }
    // Keep the user's spelling, minus trailing slashes, so paths in diagnostics read naturally.
    std::string display = fs::path(dir).lexically_normal().generic_string();
    while (display.size() > 1 && display.back() == '/') display.pop_back();
    return StoreLocation{p.lexically_normal(), display};
}

}  // namespace

StoreLocation locate_store(const StoreRequest& request) {
    if (request.flag) return named(*request.flag, request.cwd, "--store");
    if (request.env && !request.env->empty())
        return named(*request.env, request.cwd, "COLLAB_STORE");
    std::error_code ec;
    for (fs::path dir = request.cwd; !dir.empty(); dir = dir.parent_path()) {
        if (fs::exists(dir / "collab.yaml", ec)) {
            return StoreLocation{dir, display_path(dir, request.cwd)};
        }
        if (dir == dir.root_path()) break;
    }
    if (request.fallback && !request.fallback->empty()) {
        return named(*request.fallback, request.cwd, "the example store");
    }
    throw UsageError(
        fmt::format("no store found: no --store, no COLLAB_STORE, and no collab.yaml in {} or "
                    "any folder above it",
                    request.cwd.generic_string()),
        "create a store with `collab init`, or name one with --store DIR");
}

}  // namespace collab
