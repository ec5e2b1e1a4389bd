// Issue 18: Excel's limits in output/xlsx.h and RFC 5545's line folding and UIDs in
// output/ics.h. The workbooks and calendars themselves are read back by independent readers
// in tests/cli/xlsx_test.py and tests/cli/calendar_test.py.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "output/ics.h"
#include "output/xlsx.h"
#include "util/utf8.h"

using namespace collab;

TEST_CASE("xlsx sheet names: within Excel's rules, unique") {
    std::vector<std::string> taken;
    CHECK(xlsx_sheet_name("Agreements by status", taken) == "Agreements by status");
    CHECK(xlsx_sheet_name("a[b]c:d*e?f/g\\h", taken) == "a_b_c_d_e_f_g_h");
    CHECK(xlsx_sheet_name("'quoted'", taken) == "quoted");
    CHECK(xlsx_sheet_name("", taken) == "Sheet");
    CHECK(xlsx_sheet_name("history", taken) == "Sheet (2)");  // reserved by Excel
    const std::string long_name(40, 'x');
    CHECK(xlsx_sheet_name(long_name, taken) == std::string(31, 'x'));
    // Case-insensitive clash, resolved within 31 characters.
    CHECK(xlsx_sheet_name(std::string(40, 'X'), taken) == std::string(27, 'X') + " (2)");
    CHECK(xlsx_sheet_name("AGREEMENTS BY STATUS", taken) == "AGREEMENTS BY STATUS (2)");
    // 31 characters, not bytes: CJK is cut by characters.
    std::string cjk;
    for (int i = 0; i < 40; ++i) cjk += "名";
    CHECK(count_chars(xlsx_sheet_name(cjk, taken)) == 31);
    // A control character in a name is no valid XML: U+FFFD.
    CHECK(xlsx_sheet_name("a\x01z", taken) == "a\xEF\xBF\xBDz");
}

TEST_CASE("xlsx cell text: XML-forbidden characters replaced, Excel's limit kept") {
    bool cut = true;
    CHECK(xlsx_text("plain\tline\nnext", &cut) == "plain\tline\nnext");
    CHECK_FALSE(cut);
    CHECK(xlsx_text("a\x01"
                    "b\x0B"
                    "c\xEF\xBF\xBE"
                    "d") ==
          "a\xEF\xBF\xBD"
          "b\xEF\xBF\xBD"
          "c\xEF\xBF\xBD"
          "d");
    CHECK(xlsx_text("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
    const std::string exact(xlsx_max_cell_chars, 'a');
    CHECK(xlsx_text(exact, &cut) == exact);
    CHECK_FALSE(cut);
    const std::string over = xlsx_text(exact + "b", &cut);
    CHECK(cut);
    CHECK(count_chars(over) == xlsx_max_cell_chars);
    CHECK(over.ends_with(xlsx_truncation_mark));
    // Excel counts UTF-16 units: 20,000 emoji are 40,000 units, cut to at most 32,767.
    std::string emoji;
    for (int i = 0; i < 20000; ++i) emoji += "\xF0\x9F\x98\x80";
    const std::string e = xlsx_text(emoji, &cut);
    CHECK(cut);
    const std::size_t body = count_chars(e) - count_chars(xlsx_truncation_mark);
    CHECK(body * 2 + count_chars(xlsx_truncation_mark) <= xlsx_max_cell_chars);
    CHECK(body * 2 + count_chars(xlsx_truncation_mark) >= xlsx_max_cell_chars - 1);
}

TEST_CASE("ics: lines folded at 75 octets, never inside a UTF-8 character") {
    CHECK(fold_ics_line("SUMMARY:short") == "SUMMARY:short");
    const std::string ascii = "DESCRIPTION:" + std::string(200, 'a');
    const std::string folded = fold_ics_line(ascii);
    std::size_t start = 0;
    std::string unfolded;
    while (true) {
        const auto end = folded.find("\r\n", start);
        const std::string line = folded.substr(start, end - start);
        CHECK(line.size() <= 75);
        unfolded += start == 0 ? line : line.substr(1);
        if (start > 0) CHECK(line.front() == ' ');
        if (end == std::string::npos) break;
        start = end + 2;
    }
    CHECK(unfolded == ascii);
    std::string cjk = "SUMMARY:";
    for (int i = 0; i < 60; ++i) cjk += "浙";
    const std::string f = fold_ics_line(cjk);
    start = 0;
    while (true) {
        const auto end = f.find("\r\n", start);
        const std::string line = f.substr(start, end - start);
        CHECK(line.size() <= 75);
        CHECK_FALSE(first_invalid_utf8(line).has_value());
        if (end == std::string::npos) break;
        start = end + 2;
    }
}

TEST_CASE("ics: UIDs are stable, differ by store, record, kind of date and date") {
    CalendarEntry e;
    e.key = "agreement/a/notice/2027-01-31";
    const std::string uid = calendar_uid("Office", e);
    CHECK(uid == calendar_uid("Office", e));
    CHECK(uid.size() == 16 + std::string("@collab.invalid").size());
    CHECK(uid.ends_with("@collab.invalid"));
    CalendarEntry other = e;
    other.key = "agreement/a/term-end/2027-01-31";
    CHECK(calendar_uid("Office", other) != uid);
    CHECK(calendar_uid("Other office", e) != uid);
}
