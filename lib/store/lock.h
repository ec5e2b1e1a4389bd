// The writers' lock of a store (docs/robustness.md, "Writers"; issue 15): every command that
// writes records holds it from before it reads the store until its last rename, so two
// writers never interleave their read-modify-write and no reported change is lost.
#pragma once
#include <filesystem>

namespace collab {

// An exclusive flock(2) on <root>/.collab/lock, waited for, released by the destructor (and
// by the kernel when the process dies, so a killed writer never leaves the store locked).
// Advisory: readers do not take it, and need not, since every write is an atomic rename.
// Throws UsageError (exit 2) when .collab is a link or not a folder, or the lock file cannot
// be made (a read-only store cannot be written either).
class StoreLock {
  public:
    explicit StoreLock(const std::filesystem::path& root);
    ~StoreLock();
    StoreLock(const StoreLock&) = delete;
    StoreLock& operator=(const StoreLock&) = delete;

  private:
    int fd_ = -1;
};

}  // namespace collab
