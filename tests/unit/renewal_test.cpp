// The renewal rules of `collab renew` (edit/renewal.h), on records built in memory.
#include <doctest/doctest.h>

#include "edit/edits.h"
#include "edit/renewal.h"
#include "record_helpers.h"

using namespace collab;
using namespace collab::testing;

namespace {

Record agreement(const std::string& id) {
    return record(Kind::Agreement, id,
                  "title: T\ntype: mou\nstatus: active\nparties: [a, b]\nsigned: 2021\n");
}

std::vector<std::string> keys(const std::vector<Entry>& entries) {
    std::vector<std::string> out;
    for (const Entry& e : entries) out.push_back(e.key + "=" + e.value.text);
    return out;
}

}  // namespace

TEST_CASE("renewal: the successor's id carries the new term's year and is unique") {
    const std::vector<Record> records = {agreement("hkust-zju-mou-2021"),
                                         agreement("hkust-zju-mou-2026")};
    const Index index(records);
    CHECK(successor_id("hkust-zju-mou-2021", 2027, index) == "hkust-zju-mou-2027");
    CHECK(successor_id("hkust-zju-mou-2021", 2026, index) == "hkust-zju-mou-2026-2");
    CHECK(successor_id("exchange", 2026, index) == "exchange-2026");
    // Cut so that the id with its year stays within the format's length.
    CHECK(successor_id(std::string(70, 'x'), 2026, index) == std::string(58, 'x') + "-2026");
}

TEST_CASE("renewal: the year comes from signed, else effective, else today") {
    const Date today{2026, 1, 15};
    CHECK(successor_year({"2027-03", "2028", ""}, today) == 2027);
    CHECK(successor_year({"", "2028", ""}, today) == 2028);
    CHECK(successor_year({}, today) == 2026);
}

TEST_CASE("renewal: a signed successor is active and supersedes the old agreement") {
    const RenewalPlan plan = plan_renewal("old", {"2026-01-10", "", "2031"});
    CHECK(plan.status == "active");
    CHECK(plan.supersedes_old);
    CHECK(keys(plan.changes) == std::vector<std::string>{"status=active", "supersedes=old",
                                                         "signed=2026-01-10", "expires=2031"});
    CHECK(plan.unset ==
          std::vector<std::string>{"id", "documents", "signatories", "witnesses", "effective"});
    CHECK(keys(predecessor_changes()) == std::vector<std::string>{"status=superseded"});
}

TEST_CASE("renewal: an unsigned successor is a draft and leaves the old one alone") {
    const RenewalPlan plan = plan_renewal("old", {});
    CHECK(plan.status == "draft");
    CHECK_FALSE(plan.supersedes_old);
    CHECK(keys(plan.changes) == std::vector<std::string>{"status=draft", "supersedes=old"});
    CHECK(plan.unset == std::vector<std::string>{"id", "documents", "signatories", "witnesses",
                                                 "signed", "effective", "expires"});
    // Applied to a file: the old term's fields go, comments stay.
    const EditResult r = set_fields(
        "# the 2021 MoU\ntitle: T\ntype: mou\nstatus: active\nparties: [a, b]\nsigned: 2021\n"
        "witnesses: [p]\n",
        Kind::Agreement, plan.changes, plan.unset);
    REQUIRE_FALSE(r.problem);
    CHECK(r.text.find("# the 2021 MoU\n") != std::string::npos);
    CHECK(r.text.find("status: draft\n") != std::string::npos);
    CHECK(r.text.find("supersedes: old\n") != std::string::npos);
    CHECK(r.text.find("signed:") == std::string::npos);
    CHECK(r.text.find("witnesses:") == std::string::npos);
}
