#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>

#include "yaml/parse_yaml.h"

using namespace collab;

namespace {

// The only diagnostic of a parse, which must have failed.
Diagnostic only_problem(std::string_view text) {
    const ParsedYaml p = parse_yaml(text);
    REQUIRE(p.diagnostics.size() == 1);
    return p.diagnostics.front();
}

}  // namespace

TEST_CASE("a record keeps a 1-based line and character column for every key and value") {
    const ParsedYaml p =
        parse_yaml("name: HKUST\n\"香港\": 科技 v\nparties: [a, b]\nnested:\n  - x: 1\n");
    REQUIRE(p.root);
    CHECK(p.diagnostics.empty());
    const Entry* name = p.root->entry("name");
    REQUIRE(name);
    CHECK(name->key_mark == Mark{1, 1});
    CHECK(name->value.mark == Mark{1, 7});
    const Entry* cjk = p.root->entry("香港");
    REQUIRE(cjk);
    // "香港": is 5 characters then a space: the value starts at character column 7,
    // although it is byte 11 of the line.
    CHECK(cjk->value.mark == Mark{2, 7});
    const Node* parties = p.root->get("parties");
    REQUIRE(parties);
    REQUIRE(parties->items.size() == 2);
    CHECK(parties->items[1].mark == Mark{3, 14});
    CHECK(p.root->get("nested")->items[0].get("x")->mark == Mark{5, 8});
}

TEST_CASE("plain and quoted scalars are told apart; empty values are null") {
    const ParsedYaml p = parse_yaml("a: ON\nb: \"ON\"\nc:\nd: ~\ne: ''\n");
    REQUIRE(p.root);
    CHECK(p.root->get("a")->plain);
    CHECK_FALSE(p.root->get("b")->plain);
    CHECK(p.root->get("c")->is_null());
    CHECK(p.root->get("d")->is_null());
    CHECK(p.root->get("e")->is_absent());
    // An empty value points at its key, not at the next line.
    CHECK(p.root->get("c")->mark == Mark{3, 1});
}

TEST_CASE("duplicate keys are reported at the second one and the first value kept") {
    const ParsedYaml p = parse_yaml("name: a\ntype: x\nname: b\n");
    REQUIRE(p.root);
    REQUIRE(p.diagnostics.size() == 1);
    CHECK(p.diagnostics[0].code == "duplicate-key");
    CHECK(p.diagnostics[0].mark == Mark{3, 1});
    CHECK(p.root->scalar("name") == "a");
    CHECK(p.root->entries.size() == 2);
}

TEST_CASE("anchors, aliases, merge keys and tags are unsupported-yaml at the first one") {
    auto d = only_problem("a: 1\nb: &x [1, 2]\nc: *x\n");
    CHECK(d.code == "unsupported-yaml");
    CHECK(d.mark == Mark{2, 4});
    d = only_problem("base: {a: 1}\nother:\n  <<: {b: 2}\n");
    CHECK(d.code == "unsupported-yaml");
    CHECK(d.mark == Mark{3, 3});
    d = only_problem("a: !!python/object:os.system x\n");
    CHECK(d.code == "unsupported-yaml");
    CHECK(d.mark == Mark{1, 4});
    d = only_problem("a: ! x\n");  // a non-specific tag looks like a quote to yaml-cpp
    CHECK(d.code == "unsupported-yaml");
    d = only_problem("a: !!str 5\n");
    CHECK(d.code == "unsupported-yaml");
}

TEST_CASE("a billion-laughs file stops at its first anchor, before anything expands") {
    std::string bomb =
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    char prev = 'a';
    for (char c = 'b'; c <= 'i'; ++c, ++prev) {
        bomb += fmt::format("{}: &{} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n", c, c,
                            fmt::arg("p", prev));
    }
    const auto d = only_problem(bomb);
    CHECK(d.code == "unsupported-yaml");
    CHECK(d.mark == Mark{1, 4});
}

TEST_CASE("deep nesting is rejected with a diagnostic, flow or block") {
    const std::string flow = "a: " + std::string(10000, '[') + std::string(10000, ']') + "\n";
    auto d = only_problem(flow);
    CHECK(d.code == "unsupported-yaml");
    CHECK(d.message.find("nesting") != std::string::npos);
    std::string block;
    for (int i = 0; i < 10000; ++i) block += "- ";
    block += "x\n";
    d = only_problem(block);
    CHECK(d.code == "unsupported-yaml");
}

TEST_CASE("several documents: not-a-record at the second document") {
    const auto d = only_problem("a: 1\n---\nb: 2\n");
    CHECK(d.code == "not-a-record");
    CHECK(d.mark == Mark{2, 1});
}

TEST_CASE("empty files and non-mapping roots are not records") {
    for (const char* text :
         {"", "# only a comment\n", "---\n", "~\n", "- a\n- b\n", "just text\n"}) {
        CAPTURE(std::string(text));
        const auto d = only_problem(text);
        CHECK(d.code == "not-a-record");
        CHECK(d.mark == Mark{1, 1});
    }
}

TEST_CASE("syntax errors carry the parser's position and a hint") {
    auto d = only_problem("a: 1\nb: [1, 2\nc: 3\n");
    CHECK(d.code == "yaml-syntax");
    CHECK(d.mark.line >= 2);
    CHECK(d.message.find("not closed") != std::string::npos);
    d = only_problem("a: b: c\n");
    CHECK(d.code == "yaml-syntax");
    CHECK(d.mark == Mark{1, 5});
}

TEST_CASE("BOM and CRLF line endings are accepted") {
    const ParsedYaml p = parse_yaml("\xEF\xBB\xBFname: x\r\ntitle: \"y\"\r\n");
    REQUIRE(p.root);
    CHECK(p.diagnostics.empty());
    CHECK(p.root->scalar("title") == "y");
    CHECK(p.root->entry("name")->key_mark == Mark{1, 1});
    CHECK(p.root->entry("title")->key_mark == Mark{2, 1});
}

TEST_CASE("invalid UTF-8 and NUL bytes are reported at their position") {
    auto d = only_problem("name: ok\ntitle: caf\xe9 au lait\n");
    CHECK(d.code == "yaml-syntax");
    CHECK(d.mark == Mark{2, 11});
    CHECK(d.message.find("0xE9") != std::string::npos);
    d = only_problem(std::string("name: a\nb: x\0y\n", 15));
    CHECK(d.code == "yaml-syntax");
    CHECK(d.mark == Mark{2, 5});
}

TEST_CASE("random bytes end in one diagnostic, never a crash") {
    std::string bytes;
    unsigned state = 12345;
    for (int round = 0; round < 200; ++round) {
        bytes.clear();
        for (int i = 0; i < 512; ++i) {
            state = state * 1103515245u + 12345u;
            bytes += static_cast<char>((state >> 16) & 0xFF);
        }
        const ParsedYaml p = parse_yaml(bytes);
        CHECK((p.root || !p.diagnostics.empty()));
    }
}

TEST_CASE("merge-conflict markers are found on their line") {
    auto d = only_problem("name: a\n<<<<<<< HEAD\ntype: x\n=======\ntype: y\n>>>>>>> branch\n");
    CHECK(d.code == "merge-conflict");
    CHECK(d.mark == Mark{2, 1});
    d = only_problem("name: a\n=======\n");
    CHECK(d.code == "merge-conflict");
    // Not markers: longer runs, or text right after the arrows.
    const ParsedYaml fine = parse_yaml("name: a\nnotes: |\n  ========\n  <<<<<<<x\n");
    CHECK(fine.diagnostics.empty());
}

TEST_CASE("complex keys are unsupported") {
    const auto d = only_problem("? [a, b]\n: c\n");
    CHECK(d.code == "unsupported-yaml");
}

TEST_CASE("invalid YAML that yaml-cpp 0.7 accepts is still rejected, valid look-alikes are not") {
    struct Case {
        const char* invalid;
        const char* valid;
        Mark at;
    };
    const Case cases[] = {
        // A stray word on its own line; a flow mapping may hold bare keys, an explicit key needs no
        // colon.
        {"name: x\ninvalid\n", "name: x\nother: {a, b: c}\n? explicit\n", Mark{2, 1}},
        // An unclosed quoted string would swallow the rest of the file.
        {"a: \"open\nb: 1\n", "a: \"closed\"\nb: 1\n", Mark{1, 4}},
        // \' is no escape in double quotes; '' is one in single quotes.
        {"a: \"it\\'s\"\n", "a: 'it''s'\nb: \"tab\\tand \\u00e9\"\n", Mark{1, 7}},
        // A comment needs a space before '#'.
        {"a: \"v\"# c\n", "a: \"v\" # c\n", Mark{1, 7}},
        {"a: ># c\n  text\n", "a: > # c\n  text\n", Mark{1, 5}},
        // Continuation lines of a quoted or flow value must be indented past the mapping.
        {"a: \"one\ntwo\"\n", "a: \"one\n  \ttwo\"\n", Mark{2, 1}},
        {"a: [x,\ny]\n", "a: [x,\n  y]\n", Mark{2, 1}},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.invalid));
        const auto d = only_problem(c.invalid);
        CHECK(d.code == "yaml-syntax");
        CHECK(d.mark == c.at);
        const ParsedYaml ok = parse_yaml(c.valid);
        CHECK(ok.diagnostics.empty());
        CHECK(ok.root);
    }
}

TEST_CASE("a lone carriage return ends a line, as YAML says, so positions agree with the parser") {
    const ParsedYaml p = parse_yaml("a: 1\rb: 2\r\nc: 3\n");
    REQUIRE(p.root);
    CHECK(p.root->entry("b")->key_mark == Mark{2, 1});
    CHECK(p.root->entry("c")->key_mark == Mark{3, 1});
}

TEST_CASE("several byte-order marks do not shift positions") {
    const ParsedYaml p = parse_yaml("\xEF\xBB\xBF\xEF\xBB\xBFname: x\ntype: y\n");
    REQUIRE(p.root);
    CHECK(p.root->entry("type")->key_mark == Mark{2, 1});
}

TEST_CASE("same_data: the same data whatever the quoting, style, key order and position") {
    const auto root = [](std::string_view text) {
        ParsedYaml p = parse_yaml(text);
        REQUIRE(p.root);
        return *p.root;
    };
    const Node a = root("parties: [a, \"b\"]\nrenewal: {automatic: true, notice: 3m}\n");
    const Node b =
        root("# moved\nrenewal:\n  notice: '3m'\n  automatic: true\nparties:\n  - a\n  - b\n");
    CHECK(same_data(a, b));
    CHECK_FALSE(same_data(a, root("parties: [b, a]\nrenewal: {automatic: true, notice: 3m}\n")));
    CHECK_FALSE(same_data(a, root("parties: [a, b]\nrenewal: {automatic: true}\n")));
    CHECK_FALSE(same_data(root("x: 1\n"), root("x: [1]\n")));
    // Absent values are alike: null, an empty string, an empty list.
    CHECK(same_data(*root("x: ~\n").get("x"), *root("x: []\n").get("x")));
    CHECK(same_data(*root("x: ''\n").get("x"), *root("x:\n").get("x")));
}
