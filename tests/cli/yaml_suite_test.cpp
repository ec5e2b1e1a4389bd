// The official YAML test suite through `collab validate`: every case as a record file in
// one store. Never a crash or hang; every case a conforming parser must reject ends in a
// YAML-level diagnostic with a position, except the known gaps listed in
// tests/yaml-suite-known-gaps.txt (a gap that closes must be taken off the list).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "run_process.h"

using namespace collab::testing;
namespace fs = std::filesystem;

namespace {

std::string file_name(const std::string& id) {
    std::string name = id;
    std::replace(name.begin(), name.end(), '/', '-');
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return "partners/" + name + ".yaml";
}

}  // namespace

TEST_CASE("the YAML test suite: no crash, and every invalid case rejected with a position") {
    const fs::path suite = YAML_SUITE;
    REQUIRE_MESSAGE(fs::is_directory(suite), "the YAML test suite is expected at " << suite);
    const fs::path store =
        fs::temp_directory_path() / ("collab-yaml-suite-" + std::to_string(::getpid()));
    fs::remove_all(store);
    fs::create_directories(store / "partners");
    std::ofstream(store / "collab.yaml") << "name: YAML test suite\n";

    std::map<std::string, bool> cases;  // id -> must be rejected
    for (const auto& e : fs::recursive_directory_iterator(suite)) {
        if (e.path().filename() != "in.yaml") continue;
        const std::string id = e.path().parent_path().lexically_relative(suite).generic_string();
        cases[id] = fs::exists(e.path().parent_path() / "error");
        fs::copy_file(e.path(), store / file_name(id));
    }
    REQUIRE(cases.size() >= 400);

    ProcessSpec spec;
    spec.argv = {COLLAB_BINARY, "--store", store.string(), "validate", "--format", "json"};
    spec.env = clean_env();
    const auto r = run_process(spec);
    fs::remove_all(store);
    REQUIRE_MESSAGE((r.status == 0 || r.status == 1),
                    "collab ended with " << r.status << ": " << r.err);
    const auto report = nlohmann::json::parse(r.out);

    const std::set<std::string> yaml_level = {"yaml-syntax", "not-a-record", "unsupported-yaml",
                                              "duplicate-key", "merge-conflict"};
    std::map<std::string, std::vector<const nlohmann::json*>> by_file;
    for (const auto& d : report["diagnostics"]) by_file[d["file"].get<std::string>()].push_back(&d);

    std::set<std::string> known_gaps;
    std::istringstream gaps(slurp(KNOWN_GAPS));
    for (std::string line; std::getline(gaps, line);) {
        if (!line.empty() && line[0] != '#') known_gaps.insert(line);
    }
    int invalid = 0, rejected = 0, valid = 0, valid_clean_yaml = 0;
    for (const auto& [id, must_reject] : cases) {
        CAPTURE(id);
        bool yaml_diagnostic = false;
        for (const auto* d : by_file[file_name(id)]) {
            CHECK((*d)["line"].get<int>() >= 1);
            CHECK((*d)["column"].get<int>() >= 1);
            if (yaml_level.contains((*d)["code"].get<std::string>())) yaml_diagnostic = true;
        }
        if (must_reject) {
            ++invalid;
            rejected += yaml_diagnostic ? 1 : 0;
            if (known_gaps.contains(id)) {
                CHECK_MESSAGE(!yaml_diagnostic,
                              "known gap closed: take it off tests/yaml-suite-known-gaps.txt");
            } else {
                CHECK_MESSAGE(yaml_diagnostic, "an invalid case accepted as YAML");
            }
        } else {
            ++valid;
            valid_clean_yaml += yaml_diagnostic ? 0 : 1;
        }
    }
    // The figures docs/robustness.md reports.
    std::cout << "yaml-test-suite: " << cases.size() << " cases; invalid " << invalid
              << ", rejected " << rejected << "; valid " << valid << ", of which "
              << valid_clean_yaml << " load as records without a YAML-level diagnostic\n";
}
