#include <doctest/doctest.h>

#include "model/config.h"
#include "yaml/parse_yaml.h"

using namespace collab;

namespace {

Config config_of(std::string_view yaml, std::vector<Diagnostic>& ds) {
    const auto p = parse_yaml(yaml);
    REQUIRE(p.root);
    return parse_config(*p.root, ds);
}

}  // namespace

TEST_CASE("collab.yaml settings") {
    std::vector<Diagnostic> ds;
    const Config c =
        config_of("name: Store\nareas: [research, exchange]\nexpiring: 90d\nx-team: a\n", ds);
    CHECK(ds.empty());
    CHECK(c.name == "Store");
    CHECK(c.has_areas);
    CHECK(c.areas == std::vector<std::string>{"research", "exchange"});
    CHECK(c.expiring.str() == "90d");
}

TEST_CASE("collab.yaml: default expiring window is 180 days") {
    std::vector<Diagnostic> ds;
    const Config c = config_of("name: Store\n", ds);
    CHECK(ds.empty());
    CHECK_FALSE(c.has_areas);
    CHECK(c.expiring.str() == "180d");
}

TEST_CASE("collab.yaml problems are config errors at the key or 1:1") {
    std::vector<Diagnostic> ds;
    config_of("nam: Store\nareas: research\nexpiring: soon\n", ds);
    REQUIRE(ds.size() == 4);
    CHECK(ds[0].code == "config");
    CHECK(ds[0].mark == Mark{1, 1});  // unknown key 'nam'
    CHECK(ds[0].message.find("did you mean 'name'?") != std::string::npos);
    CHECK(ds[1].mark == Mark{1, 1});   // no name
    CHECK(ds[2].mark == Mark{2, 8});   // areas not a list
    CHECK(ds[3].mark == Mark{3, 11});  // bad duration
}
