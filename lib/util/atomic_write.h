// Writing a file so that it is never seen half-written: a temporary file in the same folder,
// flushed and fsynced, then renamed over the target (keeping the target's mode).
#pragma once
#include <filesystem>
#include <string_view>

namespace collab {

// Throws UsageError (exit 2) saying why when the file cannot be written; the target is then
// untouched and no temporary file is left.
//
// For tests only: with COLLAB_TEST_CRASH_BEFORE_RENAME=1 the process kills itself after the
// temporary file is complete and before the rename, to prove the target survives. Leftover
// temporary files of the same target are removed by the next write. COLLAB_TEST_WRITE_FAILURE
// set to ENOSPC fails the write half-way (a full disk), to EACCES the creation of the
// temporary file (permission denied): root, which tests run as, cannot be refused otherwise.
// With `replace` false an existing file is never overwritten, even one created meanwhile:
// the rename fails with "exists already".
void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           bool replace = true);

struct AtomicWriteOptions {
    bool replace = true;
    // fsync the file and its folder. A disposable file that is checked when read (the
    // cache) can skip it: after a crash it is at worst ignored and rebuilt.
    bool durable = true;
    // The COLLAB_TEST_* fault injection above; off for files no test aims at (the cache).
    bool fault_hooks = true;
};
void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           const AtomicWriteOptions& options);

}  // namespace collab
