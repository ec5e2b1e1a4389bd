#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/suggest.h"

using namespace collab;

TEST_CASE("edit distance counts a swap of neighbours as one") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("abc", "abc") == 0);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("zju-fha", "zju-fah") == 1);
    CHECK(edit_distance("nmae", "name") == 1);
}

TEST_CASE("nearest suggests only plausible typos") {
    const std::vector<std::string> ids = {"hkust", "zju", "zju-fah", "zju-sah"};
    CHECK(nearest("zju-fha", std::span<const std::string>(ids)) == "zju-fah");
    CHECK(nearest("hkus", std::span<const std::string>(ids)) == "hkust");
    CHECK_FALSE(nearest("oxford", std::span<const std::string>(ids)));
    CHECK(did_you_mean("zju-fha", std::span<const std::string>(ids)) ==
          "; did you mean 'zju-fah'?");
    CHECK(did_you_mean("completely-different", std::span<const std::string>(ids)).empty());
}

TEST_CASE("the bounded distance equals the full one up to its limit") {
    const char* words[] = {
        "",        "a",      "ab",      "ba",    "abc",  "zju-fah",       "zju-fha",
        "zju-sah", "kitten", "sitting", "hkust", "hkus", "partner-00001", "qartner-00001",
        "xyz"};
    for (const char* a : words) {
        for (const char* b : words) {
            for (std::size_t limit = 0; limit <= 4; ++limit) {
                const std::size_t full = edit_distance(a, b);
                CAPTURE(a);
                CAPTURE(b);
                CAPTURE(limit);
                CHECK(bounded_edit_distance(a, b, limit) == std::min(full, limit + 1));
            }
        }
    }
}

TEST_CASE("once the budget of a run is spent, suggestions stop and errors stay") {
    reset_suggestion_budget();
    std::vector<std::string> many;
    for (int i = 0; i < 100000; ++i) many.push_back("partner-" + std::to_string(100000 + i));
    const std::span<const std::string> candidates(many);
    CHECK(nearest("partner-1000000", candidates));  // one edit away from the first
    long asked = 1;
    // Each call compares with all 100,000 candidates (one edit each): 20 calls spend it.
    while (nearest("qartner-" + std::to_string(100000 + asked), candidates)) ++asked;
    CHECK(asked <= suggestion_budget / 100000 + 1);
    CHECK_FALSE(nearest("partner-100005x", candidates));  // one edit away, but spent
    reset_suggestion_budget();
    CHECK(nearest("partner-100005x", candidates) == "partner-100005");
    const std::vector<std::string> ids = {"hkust"};
    CHECK(nearest("hkus", std::span<const std::string>(ids)) == "hkust");
}
