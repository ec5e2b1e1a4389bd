// Finding the record files of a store: <kind folder>/**/<id>.yaml or .yml.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "model/kind.h"

namespace collab {

struct RecordFile {
    Kind kind = Kind::Partner;
    std::string file;  // relative to the store root, '/' separators
    std::string path;  // where to read it (a native path; kept as a string, since
                       // 100,000 std::filesystem::path objects cost tens of MB)
};

struct ScanResult {
    std::vector<RecordFile> files;        // sorted by `file`
    std::vector<Diagnostic> diagnostics;  // `unreadable` for folders, loops, escaping links
    std::vector<std::string> unread;      // record files that were found but not to be read
};

// The kind of a store-relative path when it names a record file the scan would find:
// <kind folder>/.../<name>.yaml or .yml, no part starting with '.'. For files that do not
// come from the disk (git revisions).
std::optional<Kind> record_file_kind(std::string_view file);

// Files and folders starting with '.' and files that are not .yaml/.yml are skipped.
// Links are followed when they stay inside the store; a link leaving it, a broken link and a
// loop are `unreadable`, reported at the link.
ScanResult scan_store(const std::filesystem::path& root);

}  // namespace collab
