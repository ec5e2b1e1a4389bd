// Writing a site to disk: the edge of lib/site/.
#pragma once
#include <filesystem>
#include <span>

#include "site/site.h"

namespace collab {

// Replaces the folder `out` with exactly `files`, atomically as far as the file system
// allows: the site is written in a sibling folder (`out` + ".collab-new-<pid>") and synced to
// disk with one syncfs(), then swapped in with renameat2(RENAME_EXCHANGE) where the kernel and file
// system support it (no moment without a complete site); else `out` is renamed aside and the new
// folder renamed in (a window of two renames in which `out` does not exist). The old site is then
// removed. `out` must be missing, empty, or a previous site (it holds site_marker_name) unless
// `force`; otherwise, or when anything cannot be written, a UsageError (exit 2) says why and
// `out` is untouched (the sibling folder is removed).
void publish_site(const std::filesystem::path& out, std::span<const SiteFile> files, bool force);

}  // namespace collab
