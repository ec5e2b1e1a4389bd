// The one rule for every path collab opens or writes in a store (docs/robustness.md, "The
// path rule"; issue 15): a path is resolved with every link followed, and must end inside the
// store's real root; only regular files are read, within the size limit; a final link is
// refused where none is allowed (the cache, the lock); writes through a record link that
// stays inside the store go to its target, so the link survives.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace collab {

// `root` with every link resolved (as given, normalised, when it cannot be resolved).
std::filesystem::path real_store_root(const std::filesystem::path& root);

// Where the store-relative path `relative` really is: the folders on the way resolved through
// their links and, with `follow_final`, the last component too (a missing last component is
// fine: a file about to be created). Returns nullopt with `error` saying why when the result
// would lie outside the store, when a link on the way is broken or loops, or when the last
// component is a link and `follow_final` is false.
std::optional<std::filesystem::path> resolve_in_store(const std::filesystem::path& root,
                                                      const std::filesystem::path& relative,
                                                      bool follow_final, std::string& error);

// The bytes of the store file `relative` under the rule above: regular files only, at most
// `max_bytes` (else nullopt, `too_large` set), never a target outside the store.
std::optional<std::string> read_store_file(const std::filesystem::path& root,
                                           const std::filesystem::path& relative,
                                           std::size_t max_bytes, std::string& error,
                                           bool& too_large, bool follow_final = true);

// The path to write the store file `relative` at (the target of a record link inside the
// store). Throws UsageError (exit 2) when it would be written outside the store.
std::filesystem::path store_write_path(const std::filesystem::path& root,
                                       const std::filesystem::path& relative);

// <root>/.collab, created when `create` is set; nullopt when it is (or would be reached
// through) a link, is not a folder, or cannot be created. The cache and the lock live there.
std::optional<std::filesystem::path> collab_dir(const std::filesystem::path& root, bool create);

// The file `-o PATH` may write: PATH itself when it does not exist or is a regular file, the
// target when it is a link to a regular file. Anything else (a device, a FIFO, a socket, a
// folder, a broken link, /proc/self/fd/1) throws UsageError: replacing it would destroy it or
// write where the user did not mean. `-` is stdout and is handled by the caller.
std::filesystem::path checked_output_path(const std::filesystem::path& path);

}  // namespace collab
