#include <doctest/doctest.h>

#include "util/utf8.h"

using namespace collab;

TEST_CASE("UTF-8 validation finds the first bad byte") {
    CHECK_FALSE(first_invalid_utf8("plain ascii"));
    CHECK_FALSE(first_invalid_utf8("香港科技大學"));
    CHECK(first_invalid_utf8("ab\xff") == 2u);
    CHECK(first_invalid_utf8("\xc3") == 0u);              // truncated sequence
    CHECK(first_invalid_utf8("x\xc0\xaf") == 1u);         // overlong '/'
    CHECK(first_invalid_utf8("\xed\xa0\x80") == 0u);      // surrogate
    CHECK(first_invalid_utf8("\xf4\x90\x80\x80") == 0u);  // past U+10FFFF
}

TEST_CASE("characters and display width") {
    CHECK(count_chars("香港 x") == 4);
    CHECK(display_width("香港 x") == 6);
    CHECK(display_width("abc") == 3);
    CHECK(display_width("e\xcc\x81") == 1);  // e + combining acute
}

TEST_CASE("truncation respects display width and marks the cut") {
    CHECK(truncate_to_width("abcdef", 10) == "abcdef");
    CHECK(truncate_to_width("abcdef", 4) == "abc…");
    CHECK(truncate_to_width("香港科技", 5) == "香港…");
    CHECK(display_width(truncate_to_width("香港科技", 5)) <= 5);
}
