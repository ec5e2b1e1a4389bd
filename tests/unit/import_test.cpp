// lib/import: CSV reading (libcsv plus the checks of a spreadsheet export), ids, cells, and
// the import plan over stores built in memory.
#include <doctest/doctest.h>

#include "import/csv.h"
#include "import/import.h"
#include "record_helpers.h"

using namespace collab;

namespace {

CsvTable read(std::string_view bytes, std::vector<ImportProblem>& problems, CsvOptions o = {}) {
    return read_csv(bytes, o, problems);
}

std::vector<std::string> codes(const std::vector<ImportProblem>& problems) {
    std::vector<std::string> out;
    for (const auto& p : problems) out.push_back(p.code);
    return out;
}

}  // namespace

TEST_CASE("read_csv: what Excel and LibreOffice write") {
    std::vector<ImportProblem> problems;
    // BOM, `;`, CRLF, a quoted cell with an embedded line break and a doubled quote.
    const auto t =
        read("\xEF\xBB\xBFTitle;Parties\r\n\"A \"\"big\"\"\r\ndeal\";x;y\r\nB;z\r\n", problems);
    CHECK(codes(problems) == std::vector<std::string>{"csv-ragged"});
    CHECK(problems[0].row == 2);
    CHECK(t.delimiter == ';');
    CHECK(t.header == std::vector<std::string>{"Title", "Parties"});
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].row == 3);  // the spreadsheet's row, not the file's line
    CHECK(t.rows[0].cells == std::vector<std::string>{"B", "z"});

    problems.clear();
    const auto t2 = read("a\tb\r\n\"x\r\ny\"\t2\r\n", problems);
    CHECK(problems.empty());
    CHECK(t2.delimiter == '\t');
    REQUIRE(t2.rows.size() == 1);
    CHECK(t2.rows[0].cells[0] == "x\r\ny");

    // Rows of empty cells (formatted blank rows) are skipped, without an error.
    problems.clear();
    const auto t3 = read("a;b;\r\nx;y;\r\n;;\r\n", problems);
    CHECK(problems.empty());
    CHECK(t3.rows.size() == 1);
}

TEST_CASE("read_csv: bad input is a problem with a row and a column") {
    std::vector<ImportProblem> p;
    read("", p);
    CHECK(codes(p) == std::vector<std::string>{"csv-empty"});
    p.clear();
    read("title,type\n", p);
    CHECK(codes(p) == std::vector<std::string>{"csv-empty"});
    p.clear();
    read("title,type\nok,mou\n\"never closed,mou\n", p);
    REQUIRE(codes(p) == std::vector<std::string>{"csv-syntax"});
    CHECK(p[0].row == 3);
    CHECK(p[0].column == "title");
    p.clear();
    read(std::string("title,type\na\0b,mou\n", 19), p);
    REQUIRE(codes(p) == std::vector<std::string>{"csv-nul"});
    CHECK(p[0].column == "title");
    p.clear();
    read("title\nCaf\xE9\n", p);  // Windows-1252
    REQUIRE(codes(p) == std::vector<std::string>{"csv-encoding"});
    CHECK(p[0].hint.find("--encoding windows-1252") != std::string::npos);
    p.clear();
    CsvOptions cp;
    cp.encoding = "windows-1252";
    const auto t = read("title\nCaf\xE9 \x80\n", p, cp);
    CHECK(p.empty());
    CHECK(t.rows.at(0).cells.at(0) == "Caf\u00e9 \u20ac");

    CsvOptions small;
    small.limits.max_cell = 5;
    small.limits.max_rows = 2;
    p.clear();
    read("title\nabcdef\n", p, small);
    REQUIRE(codes(p) == std::vector<std::string>{"csv-too-large"});
    CHECK(p[0].row == 2);
    p.clear();
    read("title\na\nb\nc\nd\n", p, small);
    REQUIRE(codes(p) == std::vector<std::string>{"csv-too-large"});
    CHECK(p[0].row == 4);
    small.limits.max_bytes = 5;
    p.clear();
    read("title\na\n", p, small);
    CHECK(codes(p) == std::vector<std::string>{"csv-too-large"});
}

TEST_CASE("make_id, normalize_header, cells") {
    CHECK(make_id("École Polytechnique Fédérale de Lausanne") ==
          "ecole-polytechnique-federale-de-lausanne");
    CHECK(make_id("Technische Universität München") == "technische-universitat-munchen");
    CHECK(make_id("Straße & Co.") == "strasse-co");
    CHECK(make_id("浙江大学") == "");
    CHECK(make_id("Zhejiang University 浙江大学") == "zhejiang-university");
    const std::string long_id = make_id(std::string(40, 'a') + " " + std::string(40, 'b'));
    CHECK(long_id == std::string(40, 'a'));
    CHECK(make_id(std::string(80, 'x')).size() == 64);
    CHECK(normalize_header("Renewal Notice") == "renewalnotice");
    CHECK(normalize_header("native_name") == normalize_header("Native-Name"));

    std::string why;
    CHECK(convert_date("31/12/2025", "%d/%m/%Y", why) == "2025-12-31");
    CHECK(convert_date("12/31/2025", "%m/%d/%Y", why) == "2025-12-31");
    CHECK(convert_date("1.2.2025", "%d.%m.%Y", why) == "2025-02-01");
    CHECK(convert_date("2025-03", "%d/%m/%Y", why) == "2025-03");  // ISO always
    CHECK(convert_date("45658", "excel", why) == "2025-01-01");
    CHECK(convert_date("61", "excel", why) == "1900-03-01");
    CHECK_FALSE(convert_date("31/02/2025", "%d/%m/%Y", why));
    CHECK_FALSE(convert_date("31/12/2025", "", why));
    CHECK(convert_bool("Yes") == "true");
    CHECK(convert_bool("0") == "false");
    CHECK_FALSE(convert_bool("maybe"));
}

namespace {

Store store_of(std::vector<Record> records) {
    Store s;
    s.records = std::move(records);
    s.config.name = "test";
    return s;
}

ImportPlan plan(const std::string& csv, ImportOptions o, const Store& store) {
    std::vector<ImportProblem> problems;
    const CsvTable t = read_csv(csv, {}, problems);
    REQUIRE(problems.empty());
    return plan_import(t, o, store, Date{2026, 1, 15},
                       [](const std::string&) { return std::optional<std::string>(); });
}

}  // namespace

TEST_CASE("plan_import: headers, names, ids, all or nothing") {
    using testing::record;
    const Store store = store_of({
        record(Kind::Partner, "epfl",
               "name: École Polytechnique Fédérale de Lausanne\n"
               "type: university\ncountry: CH\n"),
        record(Kind::Partner, "zju",
               "name: Zhejiang University\nnative_name: 浙江大学\n"
               "type: university\ncountry: CN\n"),
    });
    ImportOptions o;
    o.kind = Kind::Agreement;
    o.date_format = "%d/%m/%Y";
    auto p = plan(
        "Title,Type,Status,Parties,Signed,Renewal Notice,renewal_automatic\n"
        "Big deal,MoU,draft,école polytechnique fédérale de lausanne; 浙江大学,31/12/2025,6m,yes\n"
        "Big deal,mou,Draft,epfl;zju,2025,,no\n",
        o, store);
    CHECK(p.problems.empty());
    REQUIRE(p.writes.size() == 2);
    CHECK(p.writes[0].file == "agreements/big-deal.yaml");
    CHECK(p.writes[1].file == "agreements/big-deal-2.yaml");
    CHECK(p.writes[0].text ==
          "title: Big deal\ntype: mou\nstatus: draft\nparties: [epfl, zju]\nsigned: 2025-12-31\n"
          "renewal:\n  notice: 6m\n  automatic: true\n");

    // An unknown column, a formula, a name that matches nothing: reported, nothing planned.
    auto bad = plan("Title,Type,Parties,Budget\nX,mou,\"=SUM(A1:A2)\",1\n", o, store);
    CHECK(codes(bad.problems) == std::vector<std::string>{"unknown-column"});
    CHECK(bad.problems[0].column == "Budget");
    o.ignore = {"budget"};
    bad =
        plan("Title,Type,Parties,Budget\nX,mou,\"=SUM(A1:A2)\",1\nY,mou,nobody;zju,1\n", o, store);
    CHECK(codes(bad.problems) == std::vector<std::string>{"formula", "unknown-reference"});
    CHECK(bad.problems[1].row == 3);
    CHECK(bad.writes.empty());

    // A trailing column without header or values is nothing to import.
    ImportOptions comma_lists = o;
    comma_lists.list_sep = ',';
    auto trailing = plan("Title;Type;Status;Parties;\nT;mou;draft;epfl,zju;\n", comma_lists, store);
    CHECK(trailing.problems.empty());

    // Validation of the store with the new record: a missing field at its row.
    auto invalid = plan("Title,Parties\nZ,epfl;zju\n", o, store);
    REQUIRE(invalid.has_errors());
    CHECK(invalid.problems[0].code == "missing-field");
    CHECK(invalid.problems[0].row == 2);

    // Explicit ids that clash with each other; a CJK-only title without --id-column.
    ImportOptions po;
    po.kind = Kind::Partner;
    po.id_column = "key";
    auto clash = plan("key,name,type,country\na,A,school,FR\na,B,school,FR\n", po, store);
    CHECK(codes(clash.problems) == std::vector<std::string>{"id-clash"});
    CHECK(clash.problems[0].row == 3);
    po.id_column.clear();
    auto cjk = plan("name,type,country\n清华大学,university,CN\n", po, store);
    REQUIRE(codes(cjk.problems) == std::vector<std::string>{"no-id"});
    CHECK(cjk.problems[0].hint.find("--id-column") != std::string::npos);

    // --create-partners with --country: one partner per distinct name.
    o.ignore.clear();
    o.create_partners = true;
    o.country = "de";
    auto created =
        plan("Title,Type,Status,Parties\nA,mou,draft,Neue Uni;zju\nB,mou,draft,neue uni;zju\n", o,
             store);
    CHECK(created.problems.empty());
    REQUIRE(created.writes.size() == 3);
    CHECK(created.writes[0].file == "partners/neue-uni.yaml");  // before the rows naming it
    CHECK(created.writes[0].text == "name: Neue Uni\ntype: other\ncountry: DE\n");
}

TEST_CASE("plan_import: a header may be a field's label (the title `show` gives it)") {
    using testing::record;
    const Store store = store_of({
        record(Kind::Partner, "epfl", "name: EPFL\ntype: university\ncountry: CH\n"),
        record(Kind::Partner, "zju", "name: Zhejiang University\ntype: university\ncountry: CN\n"),
        record(Kind::Agreement, "umb",
               "title: Umbrella\ntype: framework\nstatus: active\nparties: [epfl, zju]\n"
               "signed: 2024-01-01\n"),
    });
    ImportOptions o;
    o.kind = Kind::Agreement;
    // "Implements" is parent's label in `show`; spaces and case are ignored as for names.
    auto p = plan(
        "Title,Type,Status,Parties,Signed, IMPLEMENTS \nSub,mou,draft,epfl;zju,2025-02-01,umb\n", o,
        store);
    CHECK(codes(p.problems).empty());
    REQUIRE(p.writes.size() == 1);
    CHECK(p.writes[0].text.find("parent: umb\n") != std::string::npos);
}

TEST_CASE("plan_import: a partner whose name another row or record has is refused") {
    using testing::record;
    const Store store = store_of({
        record(Kind::Partner, "zju",
               "name: Zhejiang University\nshort: ZJU\ntype: university\ncountry: CN\n"),
        record(Kind::Partner, "same-uni", "name: Same Uni\ntype: school\ncountry: FR\n"),
    });
    ImportOptions o;
    o.kind = Kind::Partner;
    // Contract v2, "Look-up by name": a second record of a name makes it ambiguous.
    auto p = plan(
        "name,type,country\nNew Uni,school,FR\nnew uni,school,FR\nZhejiang University,"
        "university,CN\nzju,school,CN\n",
        o, store);
    REQUIRE(codes(p.problems) == std::vector<std::string>{"id-clash", "id-clash", "id-clash"});
    CHECK(p.problems[0].row == 3);
    CHECK(p.problems[0].message.find("row 2") != std::string::npos);
    CHECK(p.problems[1].row == 4);
    CHECK(p.problems[1].message.find("'zju'") != std::string::npos);
    CHECK(p.problems[2].row == 5);  // "zju" is its short name
    // A row making the id of the record of that name is that record (a re-run): see
    // tests/cli/import_test.py, which imports partners.csv into a store that has them.
}
