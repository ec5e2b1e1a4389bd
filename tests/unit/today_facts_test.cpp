// today_facts (check/today.cpp): the cut record a warm validate keeps for the dated checks
// must give check_today exactly the diagnostics the whole record gives, on any day.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "check/checks.h"
#include "record_helpers.h"

using namespace collab;
using collab::testing::record;

namespace {

std::vector<std::string> today_lines(const std::vector<Record>& records, Date today) {
    std::vector<Diagnostic> out;
    check_today(records, today, out);
    std::vector<std::string> lines;
    for (const auto& d : out) {
        lines.push_back(fmt::format("{}:{}:{} {} {} [{}|{}|{}] {}", d.file, d.mark.line,
                                    d.mark.column, d.code, d.message, d.kind, d.id, d.field,
                                    static_cast<int>(d.severity)));
    }
    return lines;
}

}  // namespace

TEST_CASE("today_facts: the cut records give check_today's exact results on every day") {
    const std::vector<Record> whole = {
        record(Kind::Agreement, "plain",
               "title: T\nparties: [a, b]\nstatus: active\nsigned: 2020-03-01\n"
               "expires: 2023-02-28\nareas: [x]\nnotes: long text\n"),
        record(Kind::Agreement, "renews",
               "title: T\nstatus: active\neffective: 2021-01-31\nexpires: 2022-01-30\n"
               "renewal: {automatic: true, term: 1m, notice: 30d}\nsignatories: []\n"),
        record(Kind::Agreement, "expired-early", "status: expired\nexpires: 2030-12\n"),
        record(Kind::Agreement, "ended",
               "status: signed\nsigned: 2019\nterminated: 2024-06-01\nexpires: 2040-01-01\n"),
        record(Kind::Agreement, "renew-by-term",
               "status: active\nsigned: 2020-01-01\nexpires: 2020-12-31\n"
               "renewal:\n  automatic: true\n"),
        record(Kind::Project, "p",
               "title: P\nstatus: active\nstart: 2020\nmilestones:\n"
               "  - {title: A, due: 2024-05}\n  - {title: B, due: 2027-01-01, done: true}\n"
               "  - title: \"C\\u202e\"\n    due: 2025\n"),
        record(Kind::Project, "closed", "status: completed\nmilestones: [{title: A, due: 2020}]\n"),
        record(Kind::Partner, "org", "name: Org\nstatus: active\n"),
    };
    std::vector<Record> cut;
    for (const auto& r : whole) {
        if (auto facts = today_facts(r)) cut.push_back(std::move(*facts));
    }
    REQUIRE(cut.size() == 7);  // every agreement and project, no partner
    CHECK(cut[0].root.get("notes") == nullptr);
    CHECK(cut[0].root.get("parties") == nullptr);
    for (const Date day : {Date{2019, 1, 1}, Date{2022, 3, 15}, Date{2023, 3, 1}, Date{2024, 6, 1},
                           Date{2026, 1, 15}, Date{2031, 2, 28}}) {
        CAPTURE(day.str());
        const auto want = today_lines(whole, day);
        CHECK(today_lines(cut, day) == want);
    }
    CHECK_FALSE(today_lines(whole, Date{2026, 1, 15}).empty());
}
