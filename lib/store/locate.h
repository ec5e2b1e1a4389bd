// Finding the store: --store, then COLLAB_STORE, then walking up to a collab.yaml.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace collab {

struct StoreRequest {
    std::optional<std::string> flag;      // --store DIR
    std::optional<std::string> env;       // COLLAB_STORE
    std::optional<std::string> fallback;  // COLLAB_DEFAULT_STORE, set by scripts/collab only
    std::filesystem::path cwd;
};

struct StoreLocation {
    std::filesystem::path root;  // absolute, normalised
    std::string display;         // as a user would type it from the working directory
};

// Throws UsageError (exit 2) saying where it looked when no store is found.
StoreLocation locate_store(const StoreRequest& request);

// `path` as seen from `cwd`: relative when it lies below it, else absolute.
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& cwd);

}  // namespace collab
