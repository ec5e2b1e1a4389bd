// Each report builder on records built in memory, through the report registry (the same path
// `collab report NAME` takes): the numbers and rows a reader relies on.
#include <doctest/doctest.h>

#include <stdexcept>

#include "query/filter.h"
#include "record_helpers.h"
#include "report/registry.h"
#include "report/reports.h"

using namespace collab;
using namespace collab::testing;

namespace {

// uni has a department; mou (dept + other) is due for notice; old lapsed; lab runs under it.
std::vector<Record> fixture() {
    return {
        partner("uni"),
        partner("dept", "parent: uni\n"),
        partner("other"),
        record(Kind::Agreement, "mou",
               "title: MoU\ntype: mou\nstatus: active\nparties: [dept, other]\nsigned: 2021-03\n"
               "expires: 2026-03\nrenewal: {notice: 3m}\nareas: [health, ai]\n"),
        record(Kind::Agreement, "old",
               "title: Old\ntype: exchange\nstatus: signed\nparties: [uni, other]\n"
               "signed: 2019\nexpires: 2025\nareas: [health]\n"),
        record(Kind::Project, "lab",
               "title: Lab\ntype: joint-lab\nstatus: active\npartners: [dept, other]\n"
               "start: 2022\nend: 2027\nareas: [ai]\n"
               "mobility: [{year: 2025, direction: inbound, category: student, count: 3},\n"
               "  {year: 2025, direction: outbound, category: staff, count: 2}]\n"
               "milestones: [{title: Launch, due: 2025-06, done: true}]\n"),
        record(Kind::Event, "visit",
               "title: Visit\ntype: visit\ndate: 2025-11-02\n"
               "partners: [uni]\n"),
    };
}

struct Built {
    std::vector<Record> records = fixture();
    Index index{records};
    Config config{"Test store", false, {}, Duration{180, 'd'}};

    Report run(std::string_view name, ReportArguments args = {},
               std::vector<std::string> filter = {}) const {
        const Scope scope = make_scope(config, records, index, Date{2026, 1, 15}, filter, {});
        const ReportInfo* info = find_report(name);
        REQUIRE(info != nullptr);
        return info->build(scope, args);
    }
};

const ReportSection& section(const Report& r, std::string_view key) {
    for (const auto& s : r.sections) {
        if (s.key == key) return s;
    }
    throw std::out_of_range("no section " + std::string(key));
}

std::string fact(const ReportSection& s, std::string_view key) {
    for (const auto& f : s.facts) {
        if (f.key == key) return f.value.text;
    }
    throw std::out_of_range("no fact " + std::string(key));
}

const ReportTable& table(const ReportSection& s, std::string_view key) {
    for (const auto& t : s.tables) {
        if (t.key == key) return t;
    }
    throw std::out_of_range("no table " + std::string(key));
}

// One column of a table, as text.
std::vector<std::string> column(const ReportTable& t, std::size_t i) {
    std::vector<std::string> out;
    for (const auto& row : t.rows) out.push_back(row.at(i).text);
    return out;
}

}  // namespace

TEST_CASE("report registry: names in help order, options owned by one report") {
    std::vector<std::string> names;
    for (const ReportInfo& r : all_reports()) names.emplace_back(r.name);
    CHECK(names == std::vector<std::string>{"summary", "expiring", "partner", "timeline", "areas",
                                            "mobility", "register"});
    CHECK(report_list("or") == "summary, expiring, partner, timeline, areas, mobility or register");
    // --exit-code belongs to two reports.
    CHECK(report_takes(*find_report("expiring"), "--exit-code"));
    CHECK(report_takes(*find_report("register"), "--exit-code"));
    CHECK_FALSE(report_takes(*find_report("summary"), "--exit-code"));
    CHECK(report_owning("--within")->name == "expiring");
    CHECK(report_owning("--to")->name == "timeline");
    CHECK(report_owning("--format") == nullptr);
    CHECK(find_report("partner")->needs_partner);
    CHECK(find_report("sumary") == nullptr);
}

TEST_CASE("summary report: counts, attention and lapsed") {
    const Built b;
    const Report r = b.run("summary");
    CHECK(r.name == "summary");
    const auto& attention = section(r, "attention");
    CHECK(fact(attention, "expiring") == "1");  // mou: notice 2025-12-31, expires 2026-03-31
    CHECK(fact(attention, "lapsed") == "1");    // old: signed, expired end of 2025
    const auto& years = table(section(r, "agreements"), "signed_per_year");
    CHECK(column(years, 0) == std::vector<std::string>{"2019", "2021"});
}

TEST_CASE("expiring report: due by notice date, lapsed apart, window from the arguments") {
    const Built b;
    const Report r = b.run("expiring");
    const auto& due = table(section(r, "expiring"), "expiring");
    CHECK(column(due, 5) == std::vector<std::string>{"mou"});
    CHECK(column(due, 0) == std::vector<std::string>{"2025-12-31"});
    CHECK(column(table(section(r, "lapsed"), "lapsed"), 2) == std::vector<std::string>{"old"});
    REQUIRE(r.flat);
    CHECK(r.flat->rows.size() == 2);
    // --within reaches the builder (it defaults to collab.yaml's expiring).
    CHECK(fact(section(r, "expiring"), "window") == "180d");
    ReportArguments narrow;
    narrow.within = Duration{1, 'd'};
    CHECK(fact(section(b.run("expiring", narrow), "expiring"), "window") == "1d");
}

TEST_CASE("partner report: its own agreements and those of its departments") {
    const Built b;
    ReportArguments args;
    args.partner = b.index.find(Kind::Partner, "uni");
    const Report r = b.run("partner", args);
    const auto& agreements = section(r, "agreements");
    CHECK(fact(agreements, "count") == "2");
    // Grouped by status in the reports' order: active before signed.
    CHECK(column(table(agreements, "agreements"), 1) == std::vector<std::string>{"mou", "old"});
    CHECK(fact(section(r, "projects"), "count") == "1");
}

TEST_CASE("timeline report: dated facts in day order, limited by from/to") {
    const Built b;
    const Report all = b.run("timeline");
    CHECK(fact(section(all, "timeline"), "count") == "8");
    ReportArguments in2025;
    in2025.from = Date{2025, 1, 1};
    in2025.to = Date{2025, 12, 31};
    const Report year = b.run("timeline", in2025);
    const auto& t = table(section(year, "timeline"), "timeline");
    CHECK(column(t, 0) == std::vector<std::string>{"2025-06", "2025-11-02", "2025"});
    CHECK(column(t, 3) == std::vector<std::string>{"lab", "visit", "old"});
}

TEST_CASE("areas report: top-level partners by default, every partner on request") {
    const Built b;
    const Report top = b.run("areas");
    const auto& agreements = table(section(top, "areas"), "agreements");
    CHECK(column(agreements, 0) == std::vector<std::string>{"other", "uni"});
    ReportArguments all;
    all.all_levels = true;
    const Report every_level = b.run("areas", all);
    const auto& every = table(section(every_level, "areas"), "agreements");
    CHECK(column(every, 0) == std::vector<std::string>{"dept", "other", "uni"});
}

TEST_CASE("mobility report: head-counts per top-level partner and in total") {
    const Built b;
    const Report r = b.run("mobility");
    const auto& s = section(r, "mobility");
    CHECK(fact(s, "total") == "5");
    const auto& per_partner = table(s, "per_partner");
    CHECK(column(per_partner, 1) == std::vector<std::string>{"other", "other", "uni", "uni"});
    CHECK(column(table(s, "totals"), 3) == std::vector<std::string>{"3", "2"});
}

TEST_CASE("scope: when no kind takes the filter, the furthest error wins, then a suggestion") {
    const Built b;
    const auto error_of = [&](std::vector<std::string> filter) -> FilterError {
        try {
            b.run("summary", {}, std::move(filter));
        } catch (const FilterError& e) {
            return e;
        }
        FAIL("the filter was accepted");
        return FilterError("", 0, 1, "");
    };
    const FilterError typo = error_of({"statuss=active"});
    CHECK(typo.suggests);
    CHECK(std::string(typo.what()).find("did you mean 'status'") != std::string::npos);
    // Agreements and projects get as far as `zzz`; the other kinds fail at `status`.
    const FilterError later = error_of({"status=active and zzz=1"});
    CHECK(later.position == std::string("status=active and ").size());
    CHECK_FALSE(later.suggests);
}

TEST_CASE("register report: one typed row per agreement, by id; due or lapsed counted") {
    Built b;
    b.config.home = "uni";
    const Index index(b.records, "uni");
    const Scope scope = make_scope(b.config, b.records, index, Date{2026, 1, 15}, {}, {});
    const Report r = find_report("register")->build(scope, {});
    const auto& t = table(section(r, "register"), "register");
    REQUIRE(t.types.size() == t.columns.size());
    CHECK(column(t, 0) == std::vector<std::string>{"mou", "old"});
    // mou's parties are dept (under home) and other: one counterparty, shown by name.
    CHECK(column(t, 4) == std::vector<std::string>{"other", "other"});
    const Cell& cps = t.rows[0][4];
    CHECK(cps.type == CellType::Refs);
    REQUIRE(cps.refs.size() == 1);
    CHECK(cps.refs[0].id == "other");
    CHECK(column(t, 8) == std::vector<std::string>{"2021-03", "2019"});  // effective <- signed
    CHECK(column(t, 10) == std::vector<std::string>{"2026-03-31", "2025-12-31"});  // term end
    CHECK(column(t, 11) == std::vector<std::string>{"2025-12-31", "2025-12-31"});  // notice
    CHECK(t.rows[0][12].number == -15);
    CHECK(t.rows[0][13].type == CellType::Boolean);
    CHECK(column(t, 15) == std::vector<std::string>{"health; ai", "health"});
    CHECK(fact(section(r, "register"), "due") == "1");
    CHECK(fact(section(r, "register"), "lapsed") == "1");
    CHECK(r.due_or_lapsed == 2);
    REQUIRE(r.flat);
    CHECK(r.flat->rows.size() == 2);
    // A filter narrows it; drafts and closed agreements are never due.
    const std::vector<std::string> research = {"type = research"};
    const Scope none = make_scope(b.config, b.records, index, Date{2026, 1, 15}, research, {});
    CHECK(find_report("register")->build(none, {}).due_or_lapsed == 0);
}

TEST_CASE("report shapes: every report builds on a store of one placeholder partner") {
    for (const ReportInfo& info : all_reports()) {
        CAPTURE(info.name);
        const Report shape = report_shape(info);
        CHECK(shape.name == info.name);
        CHECK_FALSE(shape.sections.empty());
    }
}
