// Text edits that keep every byte they are not asked to change.
#include <doctest/doctest.h>

#include "edit/blocks.h"
#include "edit/edits.h"
#include "edit/emit.h"
#include "util/errors.h"
#include "yaml/parse_yaml.h"

using namespace collab;

namespace {

const Rank agreement_rank = [](std::string_view key) {
    return canonical_rank(Kind::Agreement, key);
};

std::vector<Entry> fields(Kind kind, std::vector<std::string> args) {
    std::vector<Assignment> as;
    for (const auto& a : args) as.push_back(parse_assignment(a));
    return build_fields(kind, as);
}

int count(const std::string& text, const std::string& needle) {
    int n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace

// A messy agreement with 20 comments in every position: file header, above keys, after
// values, inside lists and blocks, between entries, at the end.
const std::string messy =
    "# 1 file header\n"
    "# 2 more header\n"
    "\n"
    "# 3 about status\n"
    "status: active   # 4 after a value\n"
    "parties:   \n"
    "  # 5 inside a list\n"
    "  - hkust   # 6 after an item\n"
    "  - zju-fah\n"
    "# 7 about the title\n"
    "title: MoU with FAH\n"
    "\n"
    "\n"
    "# 8 floating, then a blank line\n"
    "\n"
    "# 9 about type\n"
    "type: mou\r\n"
    "x-note: keep me  # 10 on an extension\n"
    "renewal:\n"
    "  # 11 inside a mapping\n"
    "  notice: 6m # 12\n"
    "  automatic: false\n"
    "# 13 about signed\n"
    "signed: 2025  # 14\n"
    "commitments:\n"
    "  - one # 15\n"
    "  # 16 between entries\n"
    "  - two\n"
    "notes: |\n"
    "  a block # 17 is text, not a comment\n"
    "  second line\n"
    "# 18 after the block\n"
    "# 19 about areas\n"
    "areas: [research]  \n"
    "# 20 at the end\n";

TEST_CASE("fmt puts keys in canonical order and keeps all 20 comments and the meaning") {
    const auto r = format_text(messy, agreement_rank);
    REQUIRE_FALSE(r.problem);
    CHECK(r.text ==
          "# 1 file header\n"
          "# 2 more header\n"
          "\n"
          "# 7 about the title\n"
          "title: MoU with FAH\n"
          "\n"
          "# 8 floating, then a blank line\n"
          "\n"
          "# 9 about type\n"
          "type: mou\n"
          "# 3 about status\n"
          "status: active   # 4 after a value\n"
          "parties:\n"
          "  # 5 inside a list\n"
          "  - hkust   # 6 after an item\n"
          "  - zju-fah\n"
          "# 13 about signed\n"
          "signed: 2025  # 14\n"
          "renewal:\n"
          "  # 11 inside a mapping\n"
          "  notice: 6m # 12\n"
          "  automatic: false\n"
          "# 18 after the block\n"
          "# 19 about areas\n"
          "areas: [research]\n"
          "commitments:\n"
          "  - one # 15\n"
          "  # 16 between entries\n"
          "  - two\n"
          "notes: |\n"
          "  a block # 17 is text, not a comment\n"
          "  second line\n"
          "x-note: keep me  # 10 on an extension\n"
          "# 20 at the end\n");
    for (int i = 1; i <= 20; ++i)
        CHECK(count(r.text, "# " + std::to_string(i) + " ") +
                  count(r.text, "# " + std::to_string(i) + "\n") ==
              1);
    const auto before = parse_yaml(messy);
    const auto after = parse_yaml(r.text);
    REQUIRE(after.root);
    for (const auto& e : before.root->entries) {
        REQUIRE(after.root->get(e.key));
        CHECK(same_meaning(*after.root->get(e.key), e.value));
    }
}

TEST_CASE("fmt is idempotent and leaves a canonical file alone") {
    const auto once = format_text(messy, agreement_rank);
    const auto twice = format_text(once.text, agreement_rank);
    CHECK(twice.text == once.text);
    const std::string canonical = "title: T\ntype: mou\nstatus: draft\n";
    CHECK(format_text(canonical, agreement_rank).text == canonical);
}

TEST_CASE("fmt: one newline at the end, BOM and CRLF go") {
    CHECK(format_text("\xEF\xBB\xBFtitle: T\r\ntype: mou\r\n\n\n", agreement_rank).text ==
          "title: T\ntype: mou\n");
    CHECK(format_text("title: T", agreement_rank).text == "title: T\n");
}

TEST_CASE("fmt refuses what would change the meaning, and files with YAML errors") {
    // Trailing blanks inside a literal block are part of the text.
    const auto r = format_text("notes: |\n  keep   \n  these\ntitle: T\n", agreement_rank);
    CHECK(r.problem);
    CHECK(r.text == "notes: |\n  keep   \n  these\ntitle: T\n");
    CHECK(format_text("title: [unclosed\n", agreement_rank).problem);
}

TEST_CASE("set replaces one field and changes nothing else, comments included") {
    const std::string text =
        "# header\n\ntitle: T\nstatus: draft  # moved on 2025-01-01\nparties: [a, b]\n# about "
        "x\nx-y: 1\n";
    const auto r =
        set_fields(text, Kind::Agreement, fields(Kind::Agreement, {"status=active"}), {});
    REQUIRE_FALSE(r.problem);
    CHECK(r.text ==
          "# header\n\ntitle: T\nstatus: active  # moved on 2025-01-01\nparties: [a, b]\n# about "
          "x\nx-y: 1\n");
}

TEST_CASE("set inserts a new field at its canonical place") {
    const std::string text =
        "title: T\ntype: mou\nstatus: draft\nparties: [a, b]\n# about notes\nnotes: n\n";
    const auto r =
        set_fields(text, Kind::Agreement,
                   fields(Kind::Agreement, {"signed=2025-03-01", "areas=research,exchange"}), {});
    REQUIRE_FALSE(r.problem);
    CHECK(r.text ==
          "title: T\ntype: mou\nstatus: draft\nparties: [a, b]\nsigned: 2025-03-01\nareas: "
          "[research, exchange]\n# about "
          "notes\nnotes: n\n");
}

TEST_CASE("set --unset removes the field and keeps the comments above it") {
    const std::string text = "title: T\n# why it expires\nexpires: 2026\nstatus: draft\n";
    const std::vector<std::string> unset = {"expires"};
    const auto r = set_fields(text, Kind::Agreement, {}, unset);
    REQUIRE_FALSE(r.problem);
    CHECK(r.text == "title: T\n# why it expires\nstatus: draft\n");
}

TEST_CASE("emitted values read back as written") {
    const auto text = new_record_text(
        Kind::Partner, fields(Kind::Partner, {"name=Tom: \"quoted\" # not a comment", "short=ON",
                                              "country=NO", "aliases=2025,yes,plain",
                                              "type=company", "city=- dash", "x-code=007"}));
    CHECK(text ==
          "name: \"Tom: \\\"quoted\\\" # not a comment\"\nshort: \"ON\"\naliases:\n  - \"2025\"\n  "
          "- \"yes\"\n  - plain\ntype: "
          "company\ncountry: \"NO\"\ncity: \"- dash\"\nx-code: \"007\"\n");
    const auto parsed = parse_yaml(text);
    REQUIRE(parsed.root);
    CHECK(parsed.root->scalar("name") == "Tom: \"quoted\" # not a comment");
    CHECK_FALSE(parsed.root->get("short")->plain);
}

TEST_CASE("new and set quote what a YAML 1.1 reader would take for a number or a date") {
    // Issue 14: PyYAML read these as 181, 45000, a date and 61; `set city=10:30` as 630.
    const auto text = new_record_text(
        Kind::Partner,
        fields(Kind::Partner, {"name=N", "type=company", "country=CN", "city=3:1",
                               "native_name=12:30:00", "aliases=2025-01-01,1:1,0x1F,-x"}));
    CHECK(text.find("city: \"3:1\"") != std::string::npos);
    CHECK(text.find("native_name: \"12:30:00\"") != std::string::npos);
    CHECK(text.find("\"2025-01-01\"") != std::string::npos);
    CHECK(text.find("\"1:1\"") != std::string::npos);
    CHECK(text.find("\"0x1F\"") != std::string::npos);
    CHECK(text.find("\"-x\"") != std::string::npos);
    const auto r = set_fields("name: N\ncity: Hangzhou\n", Kind::Partner,
                              fields(Kind::Partner, {"city=10:30"}), {});
    REQUIRE_FALSE(r.problem);
    CHECK(r.text == "name: N\ncity: \"10:30\"\n");
    // A typed field keeps its own type plain.
    const auto dated = set_fields("title: T\n", Kind::Agreement,
                                  fields(Kind::Agreement, {"signed=2025-03-01"}), {});
    CHECK(dated.text == "title: T\nsigned: 2025-03-01\n");
}

TEST_CASE("set keeps a BOM and CRLF line ends byte for byte, and writes new lines in CRLF") {
    const std::string text =
        "\xEF\xBB\xBFtitle: T\r\n# about status\r\nstatus: draft  # why\r\nparties: [a, b]\r\n";
    const auto r = set_fields(text, Kind::Agreement,
                              fields(Kind::Agreement, {"status=active", "signed=2025-03-01"}), {});
    REQUIRE_FALSE(r.problem);
    CHECK(r.text ==
          "\xEF\xBB\xBFtitle: T\r\n# about status\r\nstatus: active  # why\r\nparties: [a, "
          "b]\r\nsigned: 2025-03-01\r\n");
    // Mixed line ends: each untouched line keeps its own.
    const std::string mixed = "title: T\nstatus: draft\r\nparties: [a, b]\n";
    const auto m = set_fields(mixed, Kind::Agreement, fields(Kind::Agreement, {"title=U"}), {});
    REQUIRE_FALSE(m.problem);
    CHECK(m.text == "title: U\nstatus: draft\r\nparties: [a, b]\n");
    // Unset in a CRLF file.
    const std::vector<std::string> unset = {"status"};
    CHECK(set_fields(text, Kind::Agreement, {}, unset).text ==
          "\xEF\xBB\xBFtitle: T\r\n# about status\r\nparties: [a, b]\r\n");
}

TEST_CASE("entries from repeated dotted fields; text blocks; objects") {
    const auto text = new_record_text(
        Kind::Agreement,
        fields(Kind::Agreement,
               {"title=T", "signatories.person=a", "signatories.partner=x", "signatories.person=b",
                "signatories.partner=w", "renewal.notice=6m", "notes=line one\nline two\n"}));
    CHECK(text ==
          "title: T\nrenewal:\n  notice: 6m\nsignatories:\n  - person: a\n    partner: x\n  - "
          "person: b\n    partner: "
          "w\nnotes: |\n  line one\n  line two\n");
}

TEST_CASE("unknown fields are usage errors with a suggestion") {
    try {
        fields(Kind::Agreement, {"stauts=active"});
        FAIL("expected an error");
    } catch (const UsageError& e) {
        CHECK(std::string(e.what()).find("did you mean 'status'?") != std::string::npos);
    }
    CHECK_THROWS_AS(fields(Kind::Agreement, {"signatories.persn=a"}), UsageError);
    CHECK_THROWS_AS(fields(Kind::Agreement, {"id=x"}), UsageError);
    CHECK_THROWS_AS(parse_assignment("no-equals-sign"), UsageError);
}

TEST_CASE("unified diff") {
    CHECK(unified_diff("a", "b", "x\ny\n", "x\ny\n").empty());
    CHECK(unified_diff("a/f", "b/f", "one\ntwo\nthree\n", "one\n2\nthree\n") ==
          "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n");
}
