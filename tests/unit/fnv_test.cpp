#include <doctest/doctest.h>

#include "util/fnv.h"

using namespace collab;

TEST_CASE("fnv1a_64: the published FNV-1a 64 test vectors; pieces chain as one run of bytes") {
    CHECK(fnv1a_64("") == 0xcbf29ce484222325ULL);
    CHECK(fnv1a_64("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(fnv1a_64("foobar") == 0x85944171f73967e8ULL);
    CHECK(fnv1a_64("bar", fnv1a_64("foo")) == fnv1a_64("foobar"));
}
