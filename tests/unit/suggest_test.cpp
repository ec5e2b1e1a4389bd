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
