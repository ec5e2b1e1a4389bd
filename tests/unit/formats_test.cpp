// The format registry (output/formats.h): -o inference and the commands' format lists.
#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "output/formats.h"

using namespace collab;

TEST_CASE("format registry: -o FILE's extension picks a format the command offers") {
    const auto report = formats_of("report").formats;
    CHECK(format_of_extension("html", report) == "html");
    CHECK(format_of_extension("htm", report) == "html");
    CHECK(format_of_extension("markdown", report) == "md");
    CHECK(format_of_extension("txt", report) == "text");
    CHECK_FALSE(format_of_extension("xml", report).has_value());
    // Upper- or mixed-case extensions, as Windows users write them.
    CHECK(format_of_extension("XLSX", report) == "xlsx");
    CHECK(format_of_extension("Html", report) == "html");
    CHECK(format_of_extension("ICS", formats_of("calendar").formats) == "ics");
    CHECK(format_of_extension("xml", formats_of("validate").formats) == "junit");
    CHECK(format_of_extension("db", formats_of("export").formats) == "sqlite");
    CHECK(format_of_extension("sqlite3", formats_of("export").formats) == "sqlite");
    CHECK(format_of_extension("gv", formats_of("graph").formats) == "dot");
    CHECK(format_of_extension("yml", formats_of("show").formats) == "yaml");
    CHECK_FALSE(format_of_extension("yml", formats_of("diff").formats).has_value());
    // Issue 18: -o FILE.xlsx for list, report and export; .ics for calendar.
    for (const char* command : {"list", "report", "export"})
        CHECK(format_of_extension("xlsx", formats_of(command).formats) == "xlsx");
    CHECK_FALSE(format_of_extension("xlsx", formats_of("show").formats).has_value());
    CHECK(format_of_extension("ics", formats_of("calendar").formats) == "ics");
    CHECK(format_of_extension("ical", formats_of("calendar").formats) == "ics");
}

TEST_CASE("format registry: every command's formats are registered, with its fallback") {
    for (const CommandFormats& c : command_formats()) {
        INFO(c.command);
        CHECK(std::find(c.formats.begin(), c.formats.end(), c.fallback) != c.formats.end());
        for (std::string_view name : c.formats) {
            const auto all = output_formats();
            CHECK(std::any_of(all.begin(), all.end(),
                              [&](const OutputFormat& f) { return f.name == name; }));
        }
    }
    // --help lists them in this order; the goldens of every command's help depend on it.
    const auto list = formats_of("list").formats;
    CHECK(std::vector<std::string_view>(list.begin(), list.end()) ==
          std::vector<std::string_view>{"table", "json", "jsonl", "csv", "tsv", "yaml", "ids",
                                        "xlsx"});
    CHECK(format_list("report") == "text, md, csv, json, html or xlsx");
    CHECK_THROWS_AS(formats_of("frobnicate"), std::logic_error);
}
