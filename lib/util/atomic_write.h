// Writing a file so that it is never seen half-written: a temporary file in the same folder,
// flushed and fsynced, then renamed over the target (keeping the target's mode).
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

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

// One file of a batch: where, what, and whether an existing file may be replaced.
struct BatchWrite {
    std::filesystem::path path;
    std::string content;
    bool replace = true;
};

// Writes many files so that, at every moment, each target is either absent (or its old
// version) or complete, and the targets appear in the order given: a crash leaves a prefix of
// `files` written and nothing else visible. Cheaper than one write_file_atomically per file
// (issue 17: 20,000 records took 628 s, two fsyncs each): (1) every content goes to a
// temporary file beside its target (`.NAME.collab-tmp-PID-XXXXXX`, which the store scanner
// skips as a dot-file); (2) one syncfs(2) makes them all durable; (3) each is renamed into
// place in order; (4) each touched folder is fsynced once. Temporary files of dead processes
// in those folders (left by a killed writer) are removed first.
//
// Throws UsageError (exit 2) on the first failure: before any rename nothing is changed; in
// the rename phase the files already renamed stay (a valid prefix) and the rest of the
// temporary files are removed. `renamed`, if given, is set to how many were renamed.
// The fault hooks of write_file_atomically apply (WRITE_FAILURE to the first file,
// CRASH_BEFORE_RENAME once before the first rename), and COLLAB_TEST_CRASH_AFTER_RENAMES=N
// kills the process after the N-th rename (tests of the prefix property).
void write_files_atomically(const std::vector<BatchWrite>& files, std::size_t* renamed = nullptr);

}  // namespace collab
