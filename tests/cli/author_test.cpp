// Authoring commands through the real binary: fmt keeps meaning (validate says the same
// before and after), a kill between the temporary write and the rename loses nothing, and
// --edit validates what the editor left.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "run_process.h"

using namespace collab::testing;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

struct Sandbox {
    fs::path root = fs::temp_directory_path() / ("collab-author-" + std::to_string(::getpid()));
    explicit Sandbox(const fs::path& from) {
        fs::remove_all(root);
        fs::copy(from, root, fs::copy_options::recursive);
    }
    ~Sandbox() { fs::remove_all(root); }
};

ProcessResult run(const fs::path& store, std::vector<std::string> args,
                  std::map<std::string, std::string> env = {}) {
    return run_collab_on(COLLAB_BINARY, store, args, env);
}

bool is_temporary(const fs::path& p) {
    return p.filename().string().find(".collab-tmp-") != std::string::npos;
}

// Everything in the store but temporary files, file by file, to prove nothing changed.
// Every file of the store but the cache, which any run may rewrite (it is not the user's).
std::map<std::string, std::string> snapshot(const fs::path& root) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        const std::string rel = e.path().lexically_relative(root).string();
        if (e.is_regular_file() && !is_temporary(e.path()) && !rel.starts_with(".collab/"))
            files[rel] = slurp(e.path());
    }
    return files;
}

// validate's findings without positions: fmt moves lines, not meaning.
std::multiset<std::string> findings(const fs::path& store) {
    const auto r = run(store, {"validate", "--format", "json"});
    std::multiset<std::string> out;
    // Named: a temporary's member would dangle inside a range-for before C++23.
    const json report = json::parse(r.out);
    for (const auto& d : report["diagnostics"]) {
        out.insert(d["file"].get<std::string>() + " " + d["code"].get<std::string>() + " " +
                   d.value("field", std::string()) + " " + d["message"].get<std::string>());
    }
    return out;
}

const std::string messy =
    "# A messy agreement with problems\n\n"
    "parties: [hkust, uni-b, hkust]  # repeated on purpose\n"
    "status: active # no signed date: an error\n"
    "# the title\n"
    "title: Messy   \n"
    "type: mou\r\n"
    "areas: [research]\n"
    "tpye: typo\n"
    "short: ON\n"
    "\n\n"
    "x-a: 1\n";

}  // namespace

TEST_CASE("fmt, then validate, gives the same diagnostics as before") {
    Sandbox s(CONSORTIUM_STORE);
    std::ofstream(s.root / "agreements" / "messy.yaml", std::ios::binary) << messy;
    const auto before = findings(s.root);
    CHECK(before.size() >= 4);
    const auto r = run(s.root, {"fmt"});
    CHECK(r.status == 0);
    CHECK(r.out.find("agreements/messy.yaml") != std::string::npos);
    CHECK(findings(s.root) == before);
    // And it is stable: a second fmt changes nothing.
    const auto again = snapshot(s.root);
    CHECK(run(s.root, {"fmt"}).out.empty());
    CHECK(snapshot(s.root) == again);
}

TEST_CASE("a kill between the temporary write and the rename leaves every file as it was") {
    Sandbox s(CONSORTIUM_STORE);
    std::ofstream(s.root / "agreements" / "messy.yaml", std::ios::binary) << messy;
    const std::map<std::string, std::string> crash = {{"COLLAB_TEST_CRASH_BEFORE_RENAME", "1"}};
    const std::vector<std::vector<std::string>> writes = {
        {"new", "partner", "epfl", "name=EPFL", "type=university", "country=CH"},
        {"set", "hkust-zju-framework", "status=expired", "--force"},
        {"renew", "hkust-zju-som-mou-2024", "--signed", "2026-03-01"},
        {"fmt"},
        {"report", "summary", "-o", (s.root / "summary.html").string()},
    };
    for (const auto& args : writes) {
        CAPTURE(args[0]);
        const auto before = snapshot(s.root);
        const auto r = run(s.root, args, crash);
        CHECK(r.status == 128 + 9);
        // Only a temporary file may be new; every other file is byte-identical.
        CHECK(snapshot(s.root) == before);
    }
    // The same commands complete without the fault, and leave no temporary files behind.
    for (const auto& args : writes) {
        const auto r = run(s.root, args);
        CHECK_MESSAGE(r.status == 0, args[0] << ": " << r.err);
    }
    for (const auto& e : fs::recursive_directory_iterator(s.root))
        CHECK_FALSE(is_temporary(e.path()));
    CHECK(fs::exists(s.root / "partners" / "epfl.yaml"));
    CHECK(slurp(s.root / "agreements" / "hkust-zju-som-mou-2024.yaml").find("status: superseded") !=
          std::string::npos);
}

TEST_CASE("new --edit opens the editor and validates what it leaves") {
    Sandbox s(CONSORTIUM_STORE);
    auto r = run(s.root,
                 {"new", "agreement", "edited", "title=T", "type=mou", "status=draft",
                  "parties=hkust,tum", "--edit"},
                 {{"EDITOR", "sed -i s/draft/negotiating/"}});
    CHECK(r.status == 0);
    CHECK(slurp(s.root / "agreements" / "edited.yaml").find("status: negotiating") !=
          std::string::npos);
    // An edit that breaks the record is reported, exit 1 (the file is the user's now).
    r = run(s.root,
            {"new", "agreement", "broken-edit", "title=T", "type=mou", "status=draft",
             "parties=hkust,tum", "--edit"},
            {{"VISUAL", "sed -i s/draft/drafty/"}, {"EDITOR", "false"}});
    CHECK(r.status == 1);
    CHECK(r.out.find("error[bad-value]") != std::string::npos);
    CHECK(r.out.find("did you mean 'draft'?") != std::string::npos);
}

TEST_CASE("new never overwrites, even a file that does not load") {
    Sandbox s(CONSORTIUM_STORE);
    std::ofstream(s.root / "partners" / "broken.yaml") << "name: [unclosed\n";
    const std::string before = slurp(s.root / "partners" / "broken.yaml");
    const auto r =
        run(s.root, {"new", "partner", "broken", "name=B", "type=company", "country=HK"});
    CHECK(r.status == 2);
    CHECK(r.err.find("exists already") != std::string::npos);
    CHECK(slurp(s.root / "partners" / "broken.yaml") == before);
}

TEST_CASE("init with no folder names the store after the working directory (issue 13)") {
    const fs::path dir =
        fs::temp_directory_path() / ("collab-init-" + std::to_string(::getpid())) / "partnerships";
    fs::remove_all(dir.parent_path());
    fs::create_directories(dir);
    ProcessSpec spec;
    spec.argv = {COLLAB_BINARY, "init"};
    spec.env = clean_env();
    spec.cwd = dir.string();
    const auto r = run_process(spec);
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find("created store 'partnerships' in .") != std::string::npos);
    CHECK(slurp(dir / "collab.yaml").find("\nname: partnerships\n") != std::string::npos);
    fs::remove_all(dir.parent_path());
}
