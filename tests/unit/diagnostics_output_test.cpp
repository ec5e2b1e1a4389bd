#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "output/diagnostics.h"

using namespace collab;

namespace {

std::vector<Diagnostic> sample() {
    Diagnostic d = make_diagnostic("dangling-ref", Mark{4, 18},
                                   "no partner 'zju-fha'; did you mean 'zju-fah'?", "parties");
    d.file = "agreements/hkust-zju-fah-mou.yaml";
    d.kind = "agreement";
    d.id = "hkust-zju-fah-mou";
    Diagnostic c = make_diagnostic("config", Mark{1, 1}, "collab.yaml has no `name`");
    c.file = "collab.yaml";
    Diagnostic w = make_diagnostic("ambiguous-scalar", Mark{2, 8}, "unquoted ON");
    w.file = "partners/x.yaml";
    return {d, c, w};
}

}  // namespace

TEST_CASE("json output has the documented shape and key order") {
    const std::string text = render_json(sample(), ValidationSummary{"data", 17, 17});
    const auto j = nlohmann::ordered_json::parse(text);
    std::vector<std::string> keys;
    for (auto& [k, v] : j.items()) keys.push_back(k);
    CHECK(keys == std::vector<std::string>{"store", "files", "records", "errors", "warnings",
                                           "diagnostics"});
    CHECK(j["errors"] == 2);
    CHECK(j["warnings"] == 1);
    const auto& d = j["diagnostics"][0];
    std::vector<std::string> dkeys;
    for (auto& [k, v] : d.items()) dkeys.push_back(k);
    CHECK(dkeys == std::vector<std::string>{"file", "path", "line", "column", "severity", "code",
                                            "kind", "id", "field", "message"});
    CHECK(d["path"] == "data/agreements/hkust-zju-fah-mou.yaml");
    CHECK(d["line"] == 4);
    CHECK(d["column"] == 18);
    // collab.yaml's diagnostics have no kind or id.
    CHECK_FALSE(j["diagnostics"][1].contains("kind"));
    CHECK_FALSE(j["diagnostics"][1].contains("id"));
    CHECK(j["diagnostics"][2]["severity"] == "warning");
}

TEST_CASE("text output: compiler style, source line, caret under wide characters, summary") {
    const SourceLines source = [](const std::string& file, int line) -> std::optional<std::string> {
        if (file == "partners/x.yaml" && line == 2) return std::string("名稱: ON");
        return std::nullopt;
    };
    auto ds = sample();
    ds[2].mark = Mark{2, 5};
    const std::string text =
        render_text(std::vector<Diagnostic>{ds[2]}, ValidationSummary{"s", 1, 1}, source, {});
    CHECK(text ==
          "s/partners/x.yaml:2:5: warning[ambiguous-scalar]: unquoted ON\n"
          " 2 | 名稱: ON\n"
          "   |       ^\n"
          "1 file, 1 record: 0 errors, 1 warning\n");
}

TEST_CASE("text output never passes control characters through") {
    auto ds = sample();
    ds[0].message = "bad \033[31mred\033[0m";
    const std::string text =
        render_text(std::vector<Diagnostic>{ds[0]}, ValidationSummary{".", 1, 1}, {}, {});
    CHECK(text.find('\033') == std::string::npos);
}

TEST_CASE("very long source lines are windowed around the caret") {
    const std::string long_line = "x: " + std::string(5000, 'a') + "!" + std::string(5000, 'b');
    const SourceLines source = [&](const std::string&, int) -> std::optional<std::string> {
        return long_line;
    };
    auto ds = sample();
    ds[2].mark = Mark{1, 5004};
    const std::string text =
        render_text(std::vector<Diagnostic>{ds[2]}, ValidationSummary{".", 1, 1}, source, {});
    CHECK(text.size() < 400);
    const auto line_start = text.find(" 1 | ") + 5;
    const auto caret_line = text.find("   | ", line_start) + 5;
    const auto bang = text.find('!', line_start) - line_start;
    const auto caret = text.find('^', caret_line) - caret_line;
    // "…" is three bytes but one column: the caret sits under the '!'.
    CHECK(caret + 2 == bang);
}
