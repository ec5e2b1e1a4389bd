// store/cache.h: bound_version, what ties the files of .collab/ to the folder they were
// written in, so that a committed, copied or unpacked .collab/ is refused (docs/performance.md,
// "What is trusted"); settled, what keeps the stamp index from vouching for a file changed in
// the tick a run stat'ed it ("Limits of the stamp").
#include <doctest/doctest.h>
#include <time.h>
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

TEST_CASE("settled: only a stamp whose times are both before the run's start is vouched for") {
    FileStamp s;
    s.size = 10;
    s.mtime_ns = 1000;
    s.ctime_ns = 2000;
    s.inode = 7;
    CHECK(settled(s, 2001) == s);
    // Changed in the run's tick (ctime), or dated at or after it (mtime): never matches.
    for (const std::int64_t since : {std::int64_t{2000}, std::int64_t{1500}, std::int64_t{1000}}) {
        const FileStamp never = settled(s, since);
        CHECK_FALSE(never == s);
        CHECK(never.size == ~std::uint64_t{0});
    }
    s.mtime_ns = 5000;  // a modification time in the future (a clock set back)
    CHECK_FALSE(settled(s, 3000) == s);
    // The margin is in the past, by at most a fraction of a second.
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    const std::int64_t ns = static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
    const std::int64_t since = unsettled_since();
    CHECK(since < ns + 1'000'000);
    CHECK(since > ns - 1'000'000'000);
}
