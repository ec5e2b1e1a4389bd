// write_files_atomically (lib/util/atomic_write.h): the batch writer of `collab import`.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "util/atomic_write.h"
#include "util/errors.h"

namespace fs = std::filesystem;
using collab::BatchWrite;
using collab::write_files_atomically;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string t = (fs::temp_directory_path() / "collab-batch-XXXXXX").string();
        path = ::mkdtemp(t.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Names in `dir` that are temporary files of a writer.
int temps_in(const fs::path& dir) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().filename().string().find(".collab-tmp-") != std::string::npos) ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("write_files_atomically writes every file in two folders, no temporary file left") {
    TempDir d;
    fs::create_directories(d.path / "a");
    fs::create_directories(d.path / "b");
    std::size_t renamed = 99;
    write_files_atomically({{d.path / "a/x.yaml", "x: 1\n", false},
                            {d.path / "b/y.yaml", "y: 2\n", false},
                            {d.path / "a/z.yaml", "", false}},
                           &renamed);
    CHECK(renamed == 3);
    CHECK(slurp(d.path / "a/x.yaml") == "x: 1\n");
    CHECK(slurp(d.path / "b/y.yaml") == "y: 2\n");
    CHECK(fs::exists(d.path / "a/z.yaml"));
    CHECK(fs::file_size(d.path / "a/z.yaml") == 0);
    CHECK(temps_in(d.path / "a") == 0);
    CHECK(temps_in(d.path / "b") == 0);
    write_files_atomically({});  // nothing to do is no error
}

TEST_CASE("write_files_atomically: an existing file with replace=false stops the batch there") {
    TempDir d;
    { std::ofstream(d.path / "b.yaml") << "old\n"; }
    std::size_t renamed = 99;
    CHECK_THROWS_AS(write_files_atomically({{d.path / "a.yaml", "a\n", false},
                                            {d.path / "b.yaml", "new b\n", false},
                                            {d.path / "c.yaml", "c\n", false}},
                                           &renamed),
                    collab::UsageError);
    // The prefix before the failure is written, the file that existed is untouched, the rest
    // is not there and its temporary file is gone.
    CHECK(renamed == 1);
    CHECK(slurp(d.path / "a.yaml") == "a\n");
    CHECK(slurp(d.path / "b.yaml") == "old\n");
    CHECK_FALSE(fs::exists(d.path / "c.yaml"));
    CHECK(temps_in(d.path) == 0);
    // replace=true overwrites.
    write_files_atomically({{d.path / "b.yaml", "new b\n", true}});
    CHECK(slurp(d.path / "b.yaml") == "new b\n");
}

TEST_CASE("write_files_atomically removes dead writers' temporary files, keeps live ones") {
    TempDir d;
    // A pid above any pid_max (2^22) is surely gone; our own pid is alive.
    const fs::path dead = d.path / ".other.yaml.collab-tmp-9999999-abcdef";
    const fs::path old_style = d.path / ".other.yaml.collab-tmp-abcdef";
    const fs::path live = d.path / (".x.yaml.collab-tmp-" + std::to_string(::getpid()) + "-abcdef");
    for (const fs::path& p : {dead, old_style, live}) std::ofstream(p) << "half";
    write_files_atomically({{d.path / "x.yaml", "x\n", false}});
    CHECK_FALSE(fs::exists(dead));
    CHECK_FALSE(fs::exists(old_style));
    CHECK(fs::exists(live));
    CHECK(slurp(d.path / "x.yaml") == "x\n");
}

TEST_CASE("write_files_atomically: a full disk while writing changes nothing") {
    TempDir d;
    ::setenv("COLLAB_TEST_WRITE_FAILURE", "ENOSPC", 1);
    std::size_t renamed = 99;
    CHECK_THROWS_AS(write_files_atomically({{d.path / "a.yaml", "some content\n", false},
                                            {d.path / "b.yaml", "more\n", false}},
                                           &renamed),
                    collab::UsageError);
    ::unsetenv("COLLAB_TEST_WRITE_FAILURE");
    CHECK(renamed == 0);
    CHECK_FALSE(fs::exists(d.path / "a.yaml"));
    CHECK_FALSE(fs::exists(d.path / "b.yaml"));
    CHECK(temps_in(d.path) == 0);
}
