// store/cache.h bound_version: what ties the files of .collab/ to the folder they were written
// in, so that a committed, copied or unpacked .collab/ is refused (docs/performance.md, "What
// is trusted").
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "store/cache.h"

namespace fs = std::filesystem;
using namespace collab;

TEST_CASE("bound_version: the same folder, the same version; another folder, another") {
    const fs::path root =
        fs::temp_directory_path() / ("collab-bound-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "a");
    const std::string first = bound_version(root / "a", "1.0");
    CHECK(first.starts_with("1.0 "));
    CHECK(first.size() > 4);
    // Stable while the folder lives, whatever is written in it.
    fs::create_directories(root / "a" / "x");
    CHECK(bound_version(root / "a", "1.0") == first);
    CHECK(bound_version(root / "a", "1.1") != first);
    // A second folder (a checkout's, a copy's) never has the first one's identity, even under
    // the same name once the first is gone.
    fs::create_directories(root / "b");
    CHECK(bound_version(root / "b", "1.0") != first);
    // A new folder may get the freed inode back; its birth time (where the file system keeps
    // one: ext4, XFS, btrfs, tmpfs) still tells it apart.
    const auto has_birth_time = std::count(first.begin(), first.end(), ' ') == 2;
    fs::remove_all(root / "a");
    fs::create_directories(root / "a");
    if (has_birth_time) CHECK(bound_version(root / "a", "1.0") != first);
    fs::remove_all(root);
}
