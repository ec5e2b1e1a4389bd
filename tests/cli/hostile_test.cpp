// Hostile stores, made at test time (some cannot live in git: FIFOs, 100 MB files, loops):
// each ends in a clear diagnostic and exit 1, or exit 2 for the tool's own usage errors;
// never a crash, a hang or unbounded memory. And writes that fail lose nothing.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_process.h"

using namespace collab::testing;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

struct Store {
    fs::path root;
    explicit Store(const std::string& name) {
        root = fs::temp_directory_path() /
               ("collab-hostile-" + name + "-" + std::to_string(::getpid()));
        fs::remove_all(root);
        fs::create_directories(root / "partners");
        std::ofstream(root / "collab.yaml") << "name: Hostile\n";
    }
    ~Store() { fs::remove_all(root); }
    void write(const std::string& file, const std::string& text) const {
        fs::create_directories((root / file).parent_path());
        std::ofstream(root / file, std::ios::binary) << text;
    }
};

ProcessResult run_collab(const fs::path& store, std::vector<std::string> args,
                         std::map<std::string, std::string> env = {}) {
    return run_collab_on(COLLAB_BINARY, store, args, env);
}

// validate --format json: the diagnostics' "file code" pairs.
std::vector<std::string> findings(const fs::path& store, int expected_status = 1) {
    const auto r = run_collab(store, {"validate", "--format", "json"});
    REQUIRE_MESSAGE(r.status == expected_status, r.err);
    const json report = json::parse(r.out);
    std::vector<std::string> out;
    for (const auto& d : report["diagnostics"])
        out.push_back(d["file"].get<std::string>() + " " + d["code"].get<std::string>());
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("a 100 MB file is too-large, and is never read") {
    Store s("large");
    { std::ofstream f(s.root / "partners" / "huge.yaml"); }
    fs::resize_file(s.root / "partners" / "huge.yaml", 100u << 20);  // sparse: no 100 MB write
    CHECK(findings(s.root) == std::vector<std::string>{"partners/huge.yaml too-large"});
    // Raising the limit reads it: a file of NUL bytes is not YAML.
    const auto r =
        run_collab(s.root, {"validate", "--format", "json"}, {{"COLLAB_MAX_FILE_SIZE", "200M"}});
    CHECK(r.status == 1);
    CHECK(r.out.find("NUL byte") != std::string::npos);
}

TEST_CASE("100,000 keys in one mapping, and a 1 MB line") {
    Store s("wide");
    std::string many = "name: Wide\ntype: company\ncountry: HK\n";
    for (int i = 0; i < 100000; ++i) many += "x-k" + std::to_string(i) + ": v\n";
    s.write("partners/many.yaml", many);
    s.write("partners/long.yaml",
            "name: " + std::string(1 << 20, 'a') + "\ntype: company\ncountry: HK\n");
    CHECK(findings(s.root, 0).empty());
    // 100,000 unknown keys: 100,000 diagnostics, and the text output stays line by line.
    std::string unknown = "name: Wide\ntype: company\ncountry: HK\n";
    for (int i = 0; i < 100000; ++i) unknown += "k" + std::to_string(i) + ": v\n";
    s.write("partners/unknown.yaml", unknown);
    CHECK(findings(s.root).size() == 100000);
    const auto text = run_collab(s.root, {"validate"});
    CHECK(text.status == 1);
    CHECK(text.out.size() < 40u * 1024 * 1024);
}

TEST_CASE("FIFOs, folders named like records and directory link loops neither block nor loop") {
    Store s("special");
    REQUIRE(::mkfifo((s.root / "partners" / "fifo.yaml").c_str(), 0644) == 0);
    fs::create_directories(s.root / "partners" / "folder.yaml");
    fs::create_directory_symlink("..", s.root / "partners" / "up");
    fs::create_directory_symlink(".", s.root / "partners" / "self");
    s.write("partners/ok.yaml", "name: OK\ntype: company\ncountry: HK\n");
    const auto f = findings(s.root);
    CHECK(has(f, "partners/fifo.yaml unreadable"));
    // Links back up the tree are loops: reported, never walked (collab.yaml is no partner).
    CHECK(has(f, "partners/up unreadable"));
    CHECK(has(f, "partners/self unreadable"));
    CHECK(f.size() == 3);
}

TEST_CASE("ids that collide only by case or by Unicode look-alikes are bad ids") {
    Store s("ids");
    s.write("partners/hkust.yaml", "name: HKUST\ntype: university\ncountry: HK\n");
    s.write("partners/HKUST.yaml", "name: HKUST again\ntype: university\ncountry: HK\n");
    s.write("partners/hku\xd1\x95t.yaml",
            "name: Cyrillic s\ntype: university\ncountry: HK\n");  // U+0455
    const auto f = findings(s.root);
    CHECK(has(f, "partners/HKUST.yaml bad-id"));
    CHECK(has(f, "partners/hku\xd1\x95t.yaml bad-id"));
    CHECK(f.size() == 2);
}

TEST_CASE("collab.yaml missing, empty or malformed") {
    Store s("config");
    fs::remove(s.root / "collab.yaml");
    CHECK(findings(s.root) == std::vector<std::string>{"collab.yaml config"});
    s.write("collab.yaml", "");
    CHECK(findings(s.root) == std::vector<std::string>{"collab.yaml config"});
    s.write("collab.yaml", "name: [unclosed\n");
    CHECK(findings(s.root) == std::vector<std::string>{"collab.yaml yaml-syntax"});
}

TEST_CASE("a disk that fills up or a folder that refuses the write leaves the file as it was") {
    Store s("writes");
    const std::string original = "# keep me\nname: Uni A\ntype: university\ncountry: HK\n";
    s.write("partners/uni-a.yaml", original);
    for (const char* failure : {"ENOSPC", "EACCES"}) {
        CAPTURE(std::string(failure));
        const auto r = run_collab(s.root, {"set", "uni-a", "city=Hong Kong"},
                                  {{"COLLAB_TEST_WRITE_FAILURE", failure}});
        CHECK(r.status == 2);
        CHECK(r.err.find("cannot write") != std::string::npos);
        CHECK(
            r.err.find(failure == std::string("ENOSPC") ? "No space left" : "Permission denied") !=
            std::string::npos);
        CHECK(slurp(s.root / "partners" / "uni-a.yaml") == original);
        for (const auto& e : fs::directory_iterator(s.root / "partners")) {
            CHECK(e.path().filename().string().find(".collab-tmp-") == std::string::npos);
        }
    }
    const auto r = run_collab(s.root, {"report", "summary", "-o", (s.root / "r.html").string()},
                              {{"COLLAB_TEST_WRITE_FAILURE", "ENOSPC"}});
    CHECK(r.status == 2);
    CHECK_FALSE(fs::exists(s.root / "r.html"));
}

TEST_CASE("documents cannot lead out of the store, not even through a link") {
    Store s("documents");
    const fs::path outside =
        s.root.parent_path() / ("collab-outside-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(outside) << "secret";
    fs::create_directories(s.root / "agreements");
    fs::create_symlink(outside, s.root / "agreements" / "scan.pdf");
    s.write("partners/a.yaml", "name: A\ntype: company\ncountry: HK\n");
    s.write("partners/b.yaml", "name: B\ntype: company\ncountry: HK\n");
    s.write("agreements/m.yaml",
            "title: M\ntype: mou\nstatus: draft\nparties: [a, b]\ndocuments:\n  - {title: link, "
            "path: agreements/scan.pdf}\n"
            "  - {title: up, path: ../" +
                outside.filename().string() + "}\n  - {title: abs, path: " + outside.string() +
                "}\n");
    const auto f = findings(s.root);
    CHECK(std::count(f.begin(), f.end(), "agreements/m.yaml missing-document") == 3);
    fs::remove(outside);
}
