// Issue 15, "nothing outside the store is read or written": each finding of the hostile
// tester as a test of the real binary. Stores are made at test time, because links, FIFOs
// and devices cannot live in git.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "run_process.h"

using namespace collab::testing;
namespace fs = std::filesystem;

namespace {

// A store and, beside it, a folder standing for "outside the store".
struct Scratch {
    fs::path base, root, outside;
    explicit Scratch(const std::string& name) {
        base = fs::temp_directory_path() /
               ("collab-confine-" + name + "-" + std::to_string(::getpid()));
        fs::remove_all(base);
        root = base / "store";
        outside = base / "outside";
        fs::create_directories(root / "partners");
        fs::create_directories(outside);
        write("collab.yaml", "name: Confined\n");
        write("partners/uni-a.yaml", "name: Uni A\ntype: university\ncountry: HK\n");
    }
    ~Scratch() { fs::remove_all(base); }
    void write(const std::string& file, const std::string& text) const {
        fs::create_directories((root / file).parent_path());
        std::ofstream(root / file, std::ios::binary) << text;
    }
};

ProcessResult run_collab(const fs::path& store, std::vector<std::string> args,
                         std::map<std::string, std::string> env = {}) {
    return run_collab_on(COLLAB_BINARY, store, args, env);
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::size_t entries(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST_CASE("a collab.yaml that links out of the store is never read, so never printed") {
    Scratch s("config-link");
    // A "credentials file" whose line would be shown in a diagnostic excerpt.
    std::ofstream(s.outside / "secret.yaml") << "name: [TOPSECRET-TOKEN\n";
    fs::remove(s.root / "collab.yaml");
    fs::create_symlink(s.outside / "secret.yaml", s.root / "collab.yaml");
    const auto r = run_collab(s.root, {"validate"});
    CHECK(r.status == 1);
    CHECK_FALSE(contains(r.out + r.err, "TOPSECRET"));
    CHECK(contains(r.out, "leads out of the store"));

    // The environment of the process, and a file that never ends.
    fs::remove(s.root / "collab.yaml");
    fs::create_symlink("/proc/self/environ", s.root / "collab.yaml");
    const auto e = run_collab(s.root, {"validate"}, {{"PLANTED", "ENV-SECRET-VALUE"}});
    CHECK(e.status == 1);
    CHECK_FALSE(contains(e.out + e.err, "ENV-SECRET-VALUE"));
    fs::remove(s.root / "collab.yaml");
    fs::create_symlink("/proc/self/pagemap", s.root / "collab.yaml");
    CHECK(run_collab(s.root, {"validate"}).status == 1);

    // A link inside the store is followed.
    fs::remove(s.root / "collab.yaml");
    s.write("settings/real.yaml", "name: Linked settings\n");
    fs::create_symlink("settings/real.yaml", s.root / "collab.yaml");
    CHECK(run_collab(s.root, {"validate"}).status == 0);
}

TEST_CASE("a .collab that links out of the store gets no cache, and writers refuse it") {
    Scratch s("dot-collab");
    fs::create_directory_symlink(s.outside, s.root / ".collab");
    CHECK(run_collab(s.root, {"validate"}).status == 0);
    CHECK(run_collab(s.root, {"list", "partners"}).status == 0);
    CHECK(entries(s.outside) == 0);  // no cache, no .gitignore written there
    const auto w = run_collab(s.root, {"set", "uni-a", "city=Hong Kong"});
    CHECK(w.status == 2);
    CHECK(contains(w.err, "cannot lock the store"));
    CHECK(entries(s.outside) == 0);
    CHECK_FALSE(contains(run_collab(s.root, {"show", "uni-a"}).out, "Hong Kong"));
}

TEST_CASE("a .collab/cache that links to /proc/self/pagemap is not read") {
    Scratch s("cache-link");
    fs::create_directories(s.root / ".collab");
    fs::create_symlink("/proc/self/pagemap", s.root / ".collab" / "cache");
    std::ofstream(s.outside / "target") << "unchanged";
    // Reading the link would take gigabytes; refused, the run is an ordinary one.
    const auto r = run_collab(s.root, {"list", "partners", "--format", "ids"});
    CHECK(r.status == 0);
    CHECK(r.out == "uni-a\n");
    // A cache link to a file outside: the cache is written beside it, the file is untouched.
    fs::remove(s.root / ".collab" / "cache");
    fs::create_symlink(s.outside / "target", s.root / ".collab" / "cache");
    CHECK(run_collab(s.root, {"validate"}).status == 0);
    CHECK(slurp(s.outside / "target") == "unchanged");
}

TEST_CASE("a .collab/checks that is a link is neither read nor written through") {
    Scratch s("checks-link");
    fs::create_directories(s.root / ".collab");
    fs::create_symlink("/proc/self/pagemap", s.root / ".collab" / "checks");
    const auto r = run_collab(s.root, {"list", "partners", "--format", "ids"});
    CHECK(r.status == 0);
    CHECK(r.out == "uni-a\n");
    std::ofstream(s.outside / "target") << "unchanged";
    fs::remove(s.root / ".collab" / "checks");
    fs::create_symlink(s.outside / "target", s.root / ".collab" / "checks");
    CHECK(run_collab(s.root, {"validate"}).status == 0);
    CHECK(run_collab(s.root, {"validate"}).status == 0);
    CHECK(slurp(s.outside / "target") == "unchanged");
}

TEST_CASE("new refuses a kind folder that links out of the store") {
    Scratch s("kind-link");
    fs::create_directories(s.outside / "events");
    fs::create_directory_symlink(s.outside / "events", s.root / "events");
    const auto r = run_collab(s.root, {"new", "event", "launch", "title=Launch", "type=visit",
                                       "date=2026-01-10", "partners=uni-a"});
    CHECK(r.status == 2);
    CHECK(contains(r.err, "leads out of the store"));
    CHECK(entries(s.outside / "events") == 0);
    // A kind folder that links to a folder inside the store is written through.
    fs::remove(s.root / "events");
    fs::create_directories(s.root / "archive" / "events");
    fs::create_directory_symlink("archive/events", s.root / "events");
    const auto ok = run_collab(s.root, {"new", "event", "launch", "title=Launch", "type=visit",
                                        "date=2026-01-10", "partners=uni-a"});
    CHECK_MESSAGE(ok.status == 0, ok.err);
    CHECK(fs::exists(s.root / "archive" / "events" / "launch.yaml"));
}

TEST_CASE("set and fmt write through a record link inside the store, keeping the link") {
    Scratch s("record-link");
    s.write("shared/uni-b.yaml", "type: university\nname: Uni B\ncountry: HK\n");
    fs::create_symlink("../shared/uni-b.yaml", s.root / "partners" / "uni-b.yaml");
    const auto r = run_collab(s.root, {"set", "uni-b", "city=Hong Kong"});
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(fs::is_symlink(s.root / "partners" / "uni-b.yaml"));
    CHECK(contains(slurp(s.root / "shared" / "uni-b.yaml"), "city: Hong Kong"));
    const auto f = run_collab(s.root, {"fmt"});
    CHECK_MESSAGE(f.status == 0, f.err);
    CHECK(fs::is_symlink(s.root / "partners" / "uni-b.yaml"));
    // fmt puts the name first.
    CHECK(slurp(s.root / "shared" / "uni-b.yaml").starts_with("name: Uni B\n"));
}

TEST_CASE("-o refuses anything but a regular file or a new path; -o - is stdout") {
    Scratch s("output");
    const auto refused = [&](const fs::path& target) {
        const auto r =
            run_collab(s.root, {"list", "partners", "--format", "ids", "-o", target.string()});
        CHECK(r.status == 2);
        CHECK(contains(r.err, "nothing was written"));
    };
    REQUIRE(::mkfifo((s.base / "fifo").c_str(), 0644) == 0);
    refused(s.base / "fifo");
    CHECK(fs::is_fifo(s.base / "fifo"));
    fs::create_symlink("/proc/self/fd/1", s.base / "stdout-link");
    refused(s.base / "stdout-link");
    CHECK(fs::is_symlink(s.base / "stdout-link"));
    refused(s.outside);  // a folder
    fs::create_symlink(s.base / "nowhere", s.base / "broken");
    refused(s.base / "broken");
    // A device node (root may make one; skipped where the container forbids it).
    if (::mknod((s.base / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
        refused(s.base / "null");
        CHECK(fs::is_character_file(s.base / "null"));
    }
    const auto dash = run_collab(s.root, {"list", "partners", "--format", "ids", "-o", "-"});
    CHECK(dash.status == 0);
    CHECK(dash.out == "uni-a\n");
    CHECK_FALSE(fs::exists(s.root / "-"));
    // A new file, and a link to a regular file, written through.
    const auto fresh = run_collab(
        s.root, {"list", "partners", "--format", "ids", "-o", (s.base / "ids.txt").string()});
    CHECK(fresh.status == 0);
    CHECK(slurp(s.base / "ids.txt") == "uni-a\n");
    std::ofstream(s.outside / "real.txt") << "old";
    fs::create_symlink(s.outside / "real.txt", s.base / "link.txt");
    CHECK(run_collab(s.root,
                     {"list", "partners", "--format", "ids", "-o", (s.base / "link.txt").string()})
              .status == 0);
    CHECK(fs::is_symlink(s.base / "link.txt"));
    CHECK(slurp(s.outside / "real.txt") == "uni-a\n");
}

TEST_CASE("list --format ids prints valid ids only, whatever the file names") {
    Scratch s("ids");
    s.write("partners/$(touch${IFS}pwned).yaml", "name: Evil\ntype: company\ncountry: HK\n");
    s.write("partners/a b.yaml", "name: Spaced\ntype: company\ncountry: HK\n");
    const auto r = run_collab(s.root, {"list", "partners", "--format", "ids"});
    CHECK(r.out == "uni-a\n");
}
