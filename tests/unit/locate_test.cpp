#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "store/locate.h"
#include "util/errors.h"

using namespace collab;
namespace fs = std::filesystem;

namespace {

// A fresh folder tree under the temporary directory, removed at the end of the test.
struct TempTree {
    fs::path root;
    TempTree() {
        root = fs::temp_directory_path() / ("collab-locate-" + std::to_string(::getpid()));
        fs::remove_all(root);
        fs::create_directories(root / "store/partners/deep");
        fs::create_directories(root / "other");
        std::ofstream(root / "store/collab.yaml") << "name: S\n";
        std::ofstream(root / "other/collab.yaml") << "name: O\n";
    }
    ~TempTree() { fs::remove_all(root); }
};

}  // namespace

TEST_CASE("the store is found walking up from the working directory, like git") {
    TempTree t;
    StoreRequest r;
    r.cwd = t.root / "store/partners/deep";
    const auto loc = locate_store(r);
    CHECK(loc.root == t.root / "store");
    CHECK(loc.display == "../..");
    r.cwd = t.root / "store";
    CHECK(locate_store(r).display == ".");
}

TEST_CASE("--store wins over COLLAB_STORE, which wins over walking up") {
    TempTree t;
    StoreRequest r;
    r.cwd = t.root / "store";
    r.env = (t.root / "other").string();
    CHECK(locate_store(r).root == t.root / "other");
    r.flag = "../store";
    const auto loc = locate_store(r);
    CHECK(loc.root == t.root / "store");
    CHECK(loc.display == "../store");
}

TEST_CASE("the example-store fallback is used only when nothing else is found") {
    TempTree t;
    StoreRequest r;
    r.cwd = t.root / "store";
    r.fallback = (t.root / "other").string();
    CHECK(locate_store(r).root == t.root / "store");
}

TEST_CASE("no store is a usage error that says where it looked") {
    TempTree t;
    StoreRequest r;
    r.cwd = fs::path("/");
    CHECK_THROWS_AS(locate_store(r), UsageError);
    r.flag = (t.root / "missing").string();
    try {
        locate_store(r);
        FAIL("expected a UsageError");
    } catch (const UsageError& e) {
        CHECK(std::string(e.what()).find("is not a directory") != std::string::npos);
        CHECK_FALSE(e.hint.empty());
    }
}
