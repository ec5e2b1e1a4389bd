// Contract v2, "Renewal terms and termination": the term end stepped through automatic
// renewals (each step from the previous end, clamped at month ends), the notice date,
// in_force, the terminated and superseded-twice checks, and the counterparties of `home`.
#include <doctest/doctest.h>

#include <chrono>

#include "model/index.h"
#include "model/renewal.h"
#include "record_helpers.h"

using namespace collab;
using namespace collab::testing;

namespace {

Record agreement(const std::string& id, const std::string& extra) {
    return record(Kind::Agreement, id,
                  "title: " + id + "\ntype: mou\nstatus: active\nparties: [a, b]\n" + extra);
}

std::string end_of(const Record& r, Date today) {
    const auto e = term_end(r, today);
    return e ? e->str() : "none";
}

}  // namespace

TEST_CASE("term end: expires unless renewing automatically and past") {
    const Record fixed = agreement("x", "signed: 2020-01-01\nexpires: 2023-12-31\n");
    CHECK(end_of(fixed, Date{2026, 1, 15}) == "2023-12-31");
    const Record open = agreement("x", "signed: 2020-01-01\n");
    CHECK(end_of(open, Date{2026, 1, 15}) == "none");
    const Record not_yet = agreement(
        "x", "signed: 2020-01-01\nexpires: 2026-06-30\nrenewal: {automatic: true, term: 1y}\n");
    CHECK(end_of(not_yet, Date{2026, 1, 15}) == "2026-06-30");
    // A partial expires stands for its last day.
    const Record partial = agreement("x", "signed: 2020-01-01\nexpires: 2024-02\n");
    CHECK(end_of(partial, Date{2026, 1, 15}) == "2024-02-29");
}

TEST_CASE("term end: steps by renewal.term from the previous end until >= today") {
    const Record r = agreement(
        "x", "signed: 2021-01-01\nexpires: 2023-12-31\nrenewal: {automatic: true, term: 1y}\n");
    CHECK(end_of(r, Date{2026, 1, 15}) == "2026-12-31");
    CHECK(end_of(r, Date{2025, 12, 31}) == "2025-12-31");  // equal to today: not stepped again
    CHECK(end_of(r, Date{2024, 1, 1}) == "2024-12-31");
}

TEST_CASE("term end at month ends: each step clamps and starts from the previous end") {
    // 2024-01-31 + 1m = 2024-02-29 (leap year), + 1m = 2024-03-29: the clamp carries on.
    const Record r = agreement(
        "x", "signed: 2023-01-01\nexpires: 2024-01-31\nrenewal: {automatic: true, term: 1m}\n");
    CHECK(end_of(r, Date{2024, 2, 15}) == "2024-02-29");
    CHECK(end_of(r, Date{2024, 3, 1}) == "2024-03-29");
    CHECK(end_of(r, Date{2024, 3, 30}) == "2024-04-29");
}

TEST_CASE("term end at leap days: 29 February steps to 28 February and stays there") {
    const Record r = agreement(
        "x", "signed: 2020-03-01\nexpires: 2024-02-29\nrenewal: {automatic: true, term: 1y}\n");
    CHECK(end_of(r, Date{2024, 3, 1}) == "2025-02-28");
    CHECK(end_of(r, Date{2027, 3, 1}) == "2028-02-28");  // not back to the 29th in 2028
    const Record weeks = agreement(
        "x", "signed: 2020-03-01\nexpires: 2024-02-29\nrenewal: {automatic: true, term: 2w}\n");
    CHECK(end_of(weeks, Date{2024, 3, 1}) == "2024-03-14");
    CHECK(end_of(weeks, Date{2024, 3, 14}) == "2024-03-14");
    CHECK(end_of(weeks, Date{2024, 3, 15}) == "2024-03-28");
}

TEST_CASE("renewal term without renewal.term: the first term's length, else 1y") {
    // 2021-03-01 .. 2024-02-29 is 36 whole months.
    const Record months = agreement("x", "effective: 2021-03-01\nexpires: 2024-02-29\n");
    CHECK(renewal_term(months).str() == "36m");
    // Written with the same day of month as the start: still whole months.
    const Record same_day = agreement("x", "signed: 2022-06-15\nexpires: 2024-06-15\n");
    CHECK(renewal_term(same_day).str() == "24m");
    // effective defaults to signed; an odd length counts in days, inclusive.
    const Record days = agreement("x", "signed: 2025-01-01\nexpires: 2025-01-10\n");
    CHECK(renewal_term(days).str() == "10d");
    const Record none = agreement("x", "expires: 2025-01-10\n");
    CHECK(renewal_term(none).str() == "1y");
    const Record explicit_term =
        agreement("x", "signed: 2021-03-01\nexpires: 2024-02-29\nrenewal: {term: 2y}\n");
    CHECK(renewal_term(explicit_term).str() == "2y");
    // The first term (36m) from 2024-02-29: 2027-02-28.
    const Record rolled =
        agreement("x", "effective: 2021-03-01\nexpires: 2024-02-29\nrenewal: {automatic: true}\n");
    CHECK(end_of(rolled, Date{2026, 1, 15}) == "2027-02-28");
}

TEST_CASE("notice date: term end minus renewal.notice, clamped") {
    const Record r = agreement("x",
                               "signed: 2021-01-01\nexpires: 2023-05-31\nrenewal: {automatic: "
                               "true, term: 1y, notice: 3m}\n");
    const auto n = renewal_notice_date(r, Date{2026, 1, 15});
    REQUIRE(n);
    CHECK(n->str() == "2026-02-28");  // 2026-05-31 minus 3 months, clamped
    const Record plain = agreement("x", "signed: 2021-01-01\nexpires: 2027-03-31\n");
    CHECK(renewal_notice_date(plain, Date{2026, 1, 15})->str() == "2027-03-31");
}

TEST_CASE("in_force: active, started, within the term, not terminated") {
    const Date today{2026, 1, 15};
    CHECK(in_force(agreement("x", "signed: 2025-01-01\nexpires: 2027-01-01\n"), today));
    CHECK(in_force(agreement("x", "signed: 2025-01-01\n"), today));  // open-ended
    CHECK_FALSE(in_force(agreement("x", "signed: 2026-02-01\n"), today));
    CHECK_FALSE(in_force(agreement("x", "signed: 2020-01-01\nexpires: 2025-01-01\n"), today));
    CHECK(in_force(agreement("x",
                             "signed: 2020-01-01\nexpires: 2025-01-01\nrenewal: "
                             "{automatic: true}\n"),
                   today));
    CHECK_FALSE(in_force(agreement("x", "signed: 2025-01-01\nterminated: 2026-01-15\n"), today));
    CHECK(in_force(agreement("x", "signed: 2025-01-01\nterminated: 2026-01-16\n"), today));
    Record signed_only = record(Kind::Agreement, "y",
                                "title: y\ntype: mou\nstatus: signed\nparties: [a, b]\n"
                                "signed: 2025-01-01\n");
    CHECK_FALSE(in_force(signed_only, today));
}

TEST_CASE("checks: terminated before effective is date-order; stale when terminated") {
    const std::vector<Record> records = {
        partner("a"),
        partner("b"),
        record(Kind::Agreement, "early",
               "title: early\ntype: mou\nstatus: terminated\nparties: [a, b]\n"
               "signed: 2025-01-01\nterminated: 2024-12-31\n"),
        agreement("stale", "signed: 2025-01-01\nterminated: 2026-01-15\n"),
        agreement("fine", "signed: 2025-01-01\nterminated: 2026-01-16\n"),
        agreement("auto",
                  "signed: 2020-01-01\nexpires: 2024-12-31\nrenewal: {automatic: "
                  "true}\n")};
    const auto ds = check(records);
    const auto w = where(ds);
    CHECK(std::count(w.begin(), w.end(), "agreements/early.yaml:6:13 date-order") == 1);
    CHECK(std::count(w.begin(), w.end(), "agreements/stale.yaml:3:9 status-stale") == 1);
    for (const auto& d : ds) {
        CHECK(d.file != "agreements/fine.yaml");
        CHECK(d.file != "agreements/auto.yaml");  // renews automatically: not stale
    }
}

TEST_CASE("superseded-twice: every record naming the same predecessor") {
    const std::vector<Record> records = {
        partner("a"),
        partner("b"),
        agreement("old", "signed: 2020-01-01\n"),
        agreement("new1", "signed: 2024-01-01\nsupersedes: old\n"),
        agreement("new2", "signed: 2024-01-02\nsupersedes: old\n"),
        agreement("other", "signed: 2024-01-02\nsupersedes: new1\n")};
    const auto w = where(check(records));
    CHECK(std::count(w.begin(), w.end(), "agreements/new1.yaml:6:13 superseded-twice") == 1);
    CHECK(std::count(w.begin(), w.end(), "agreements/new2.yaml:6:13 superseded-twice") == 1);
    CHECK(std::count_if(w.begin(), w.end(), [](const std::string& s) {
              return s.find("superseded-twice") != std::string::npos;
          }) == 2);
}

TEST_CASE("home: counterparties leave out home and what belongs to it; a bad home is config") {
    const std::vector<Record> records = {partner("home-u"), partner("home-eng", "parent: home-u\n"),
                                         partner("zju")};
    const Record clean = record(Kind::Agreement, "y",
                                "title: y\ntype: mou\nstatus: active\nparties: [home-eng, zju, "
                                "home-u]\nsigned: 2020-01-01\n");
    const Index with_home(records, "home-u");
    CHECK(with_home.counterparties(clean) == std::vector<std::string>{"zju"});
    const Index without(records);
    CHECK(without.counterparties(clean) == std::vector<std::string>{"home-eng", "zju", "home-u"});
    Config config;
    config.home = "hom-u";
    const auto ds = check(records, config);
    CHECK(std::count_if(ds.begin(), ds.end(), [](const Diagnostic& d) {
              return d.code == "config" && d.file == "collab.yaml" &&
                     d.message.find("did you mean 'home-u'") != std::string::npos;
          }) == 1);
}

TEST_CASE("counterparties: repeats once each, in order; a long parties list is not quadratic") {
    const std::vector<Record> records = {partner("home-u"), partner("zju")};
    const Index index(records, "home-u");
    const Record repeated = record(Kind::Agreement, "r",
                                   "title: r\ntype: mou\nstatus: active\nparties: [zju, home-u, "
                                   "x, zju, x, home-u, y]\nsigned: 2020-01-01\n");
    CHECK(index.counterparties(repeated) == std::vector<std::string>{"zju", "x", "y"});
    // 200,000 distinct parties: a search of the result for each party is 2e10 string
    // comparisons (minutes); a set is milliseconds.
    std::string many = "title: m\ntype: mou\nstatus: active\nsigned: 2020-01-01\nparties:\n";
    for (int i = 0; i < 200000; ++i) many += "  - p" + std::to_string(i) + "\n";
    many += "  - p0\n  - home-u\n";
    const Record big = record(Kind::Agreement, "m", many);
    const auto start = std::chrono::steady_clock::now();
    const auto got = index.counterparties(big);
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(got.size() == 200000);
    CHECK(got.front() == "p0");
    CHECK(got.back() == "p199999");
    CHECK(took < std::chrono::seconds(3));
}

TEST_CASE("term end: the jump over many steps equals stepping one by one") {
    // The contract's reading, written naively: each step from the previous end.
    const auto naive = [](Date end, Duration term, Date today) {
        while (end < today) end = add(end, term);
        return end;
    };
    const Date ends[] = {{2019, 1, 31}, {2020, 2, 29},  {2021, 8, 31}, {2022, 4, 30},
                         {2023, 3, 29}, {2018, 12, 31}, {2020, 5, 15}};
    const Duration terms[] = {{1, 'm'},  {2, 'm'},  {3, 'm'}, {5, 'm'}, {6, 'm'},
                              {12, 'm'}, {18, 'm'}, {1, 'y'}, {4, 'y'}, {7, 'm'}};
    const Date todays[] = {{2026, 1, 15}, {2026, 2, 28}, {2028, 2, 29}, {2031, 12, 31}};
    for (const Date& e : ends) {
        for (const Duration& t : terms) {
            for (const Date& today : todays) {
                const Record r =
                    agreement("x", "signed: 2010-01-01\nexpires: " + e.str() +
                                       "\nrenewal: {automatic: true, term: " + t.str() + "}\n");
                CAPTURE(e.str());
                CAPTURE(t.str());
                CAPTURE(today.str());
                CHECK(end_of(r, today) == naive(e, t, today).str());
            }
        }
    }
}

TEST_CASE("term end: far in the past costs a few steps, not one per month") {
    const Record r = agreement(
        "x", "signed: 1900-01-01\nexpires: 1900-01-31\nrenewal: {automatic: true, term: 1m}\n");
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 10000; ++i) REQUIRE(end_of(r, Date{9999, 12, 1}) == "9999-12-28");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}
