#include <doctest/doctest.h>

#include <sstream>

#include "output/table.h"
#include "util/utf8.h"

using namespace collab;

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

// The display column where `needle` starts in `line`.
std::size_t column_of(const std::string& line, const std::string& needle) {
    return display_width(line.substr(0, line.find(needle)));
}

}  // namespace

TEST_CASE("columns align by display width: CJK characters take two columns") {
    const Table t{{"id", "native_name", "country"},
                  {{"hkust", "香港科技大學", "HK"}, {"zju", "浙江大学", "CN"}, {"tum", "", "DE"}}};
    const auto ls = lines(render_table(t));
    REQUIRE(ls.size() == 4);
    CHECK(ls[0] == "id     native_name   country");
    CHECK(column_of(ls[1], "HK") == column_of(ls[0], "country"));
    CHECK(column_of(ls[2], "CN") == column_of(ls[0], "country"));
    CHECK(column_of(ls[3], "DE") == column_of(ls[0], "country"));
    for (const auto& l : ls) CHECK(l.back() != ' ');
}

TEST_CASE("a table fits the width by cutting the widest columns, the first one last") {
    const Table t{{"id", "title"}, {{"hkust-zju-framework", std::string(80, 'x')}}};
    const auto ls = lines(render_table(t, TableStyle{40, false, {}}));
    for (const auto& l : ls) CHECK(display_width(l) <= 40);
    CHECK(ls[1].starts_with("hkust-zju-framework  xxx"));
    CHECK(ls[1].ends_with("…"));
    // Without a width nothing is cut.
    CHECK(lines(render_table(t))[1].size() == 19 + 2 + 80);
}

TEST_CASE("csv follows RFC 4180; tsv flattens tabs and line breaks") {
    const Table t{{"a", "b"}, {{"plain", "with, comma"}, {"say \"hi\"", "two\nlines"}}};
    CHECK(render_csv(t) == "a,b\r\nplain,\"with, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    CHECK(render_tsv(t) == "a\tb\nplain\twith, comma\nsay \"hi\"\ttwo lines\n");
}

TEST_CASE("one tabular writer serves table, csv and tsv, and the formula guard follows the style") {
    const Table t{{"name"}, {{"=1+1"}}};
    TableStyle style;
    CHECK(render_tabular("table", t, style) == render_table(t, style));
    CHECK(render_tabular("csv", t, style) == "name\r\n'=1+1\r\n");
    CHECK(render_tabular("tsv", t, style) == "name\n'=1+1\n");
    style.formula_guard = false;
    CHECK(render_tabular("csv", t, style) == "name\r\n=1+1\r\n");
    CHECK(render_tabular("tsv", t, style) == "name\n=1+1\n");
    CHECK(tabular_formats() == std::vector<std::string_view>{"table", "csv", "tsv", "xlsx"});
    // xlsx is one more row (issue 18): a workbook, a zip archive (tests/cli/xlsx_test.py reads it).
    CHECK(render_tabular("xlsx", t, style).starts_with(std::string("PK\x03\x04", 4)));
    CHECK(is_tabular("csv"));
    CHECK_FALSE(is_tabular("json"));
    CHECK_THROWS_AS(render_tabular("json", t, style), std::logic_error);
}
