// One test per check family, on records built in memory.
#include <doctest/doctest.h>

#include "record_helpers.h"

using namespace collab;
using namespace collab::testing;
using Strings = std::vector<std::string>;

namespace {

const Diagnostic& only(const std::vector<Diagnostic>& ds) {
    REQUIRE(ds.size() == 1);
    return ds.front();
}

Record agreement(const std::string& id, const std::string& body) {
    return record(Kind::Agreement, id, "title: T\ntype: mou\n" + body);
}

}  // namespace

TEST_CASE("a clean little store has no diagnostics") {
    const auto ds = check({partner("a"), partner("b", "parent: a\n"),
                           agreement("m", "status: active\nparties: [a, b]\nsigned: 2025\n")});
    CHECK(where(ds).empty());
}

TEST_CASE("unknown-field at the key, with did-you-mean; x- keys are never checked") {
    const auto ds = check({partner("a", "nmae: y\nx-anything: [1, {a: 2}]\n")});
    const auto& d = only(ds);
    CHECK(d.code == "unknown-field");
    CHECK(d.mark == Mark{4, 1});
    CHECK(d.message.find("did you mean 'name'?") != std::string::npos);
    CHECK(d.field == "nmae");
}

TEST_CASE("unknown fields inside nested entries name the path") {
    const auto ds =
        check({partner("a"), partner("b"),
               agreement("m", "status: draft\nparties: [a, b]\nrenewal:\n  notise: 3m\n")});
    const auto& d = only(ds);
    CHECK(d.code == "unknown-field");
    CHECK(d.mark == Mark{6, 3});
    CHECK(d.field == "renewal.notise");
    CHECK(d.message.find("did you mean 'notice'?") != std::string::npos);
}

TEST_CASE("missing-field: 1:1 for a top-level field, the entry for a nested one") {
    auto ds = check({record(Kind::Partner, "a", "# comment\nname: A\ncountry: HK\n")});
    CHECK(where(ds) == Strings{"partners/a.yaml:1:1 missing-field"});
    CHECK(only(ds).message.find("'type'") != std::string::npos);

    ds = check({person("p", "roles:\n  - title: Dean\n")});
    CHECK(where(ds) == Strings{"people/p.yaml:3:5 missing-field"});
    CHECK(only(ds).field == "roles.partner");
}

TEST_CASE("null, ~, blank strings and empty lists count as absent") {
    const auto ds =
        check({record(Kind::Partner, "a", "name: ''\ntype: ~\ncountry:\nshort: ~\naliases: []\n")});
    CHECK(where(ds) == Strings{"partners/a.yaml:1:1 missing-field",
                               "partners/a.yaml:1:1 missing-field",
                               "partners/a.yaml:1:1 missing-field"});
}

TEST_CASE("wrong-type: scalars, lists and mappings in the wrong place; nothing is wrapped") {
    const auto ds =
        check({partner("a"), partner("b"),
               agreement("m", "status: draft\nparties: a\nsignatories: [a]\nrenewal: 3m\n"),
               partner("c", "city: [x, w]\naliases: [[x]]\n")});
    CHECK(where(ds) == Strings{
                           "agreements/m.yaml:4:10 wrong-type",
                           "agreements/m.yaml:5:15 wrong-type",
                           "agreements/m.yaml:6:10 wrong-type",
                           "partners/c.yaml:4:7 wrong-type",
                           "partners/c.yaml:5:11 wrong-type",
                       });
}

TEST_CASE("bad-value for every value type, at the value") {
    const auto ds = check({
        record(Kind::Partner, "a",
               "name: A\ntype: univresity\ncountry: hk\nwebsite: hkust.edu.hk\nror: 123\n"),
        person("p", "email: nobody\n"),
        record(Kind::Project, "j",
               "title: J\ntype: platform\nstatus: proposed\npartners: [a]\n"
               "funding:\n  - {source: RGC, amount: '1,000', currency: RMB, year: 2025-13}\n"
               "mobility:\n  - {year: 2025, direction: in, category: student, count: 2.5}\n"
               "milestones:\n  - {title: M, due: 2025, done: yes}\n"
               "tags: [Big Data]\n"),
        agreement("m", "status: draft\nparties: [a, a2]\nrenewal: {notice: 3 months}\n"),
        partner("a2"),
    });
    CHECK(where(ds) == Strings{
                           "agreements/m.yaml:5:19 bad-value",  // duration
                           "partners/a.yaml:2:7 bad-value",     // enum
                           "partners/a.yaml:3:10 bad-value",    // country
                           "partners/a.yaml:4:10 bad-value",    // url
                           "partners/a.yaml:5:6 bad-value",     // ror
                           "people/p.yaml:2:8 bad-value",       // email
                           "projects/j.yaml:6:27 bad-value",    // number
                           "projects/j.yaml:6:46 bad-value",    // currency
                           "projects/j.yaml:6:57 bad-value",    // date
                           "projects/j.yaml:8:29 bad-value",    // enum in a list entry
                           "projects/j.yaml:8:59 bad-value",    // whole number
                           "projects/j.yaml:10:33 bad-value",   // bool
                           "projects/j.yaml:11:8 bad-value",    // slug
                       });
    const auto message = [&](int line, int column) {
        for (const auto& d : ds) {
            if (d.mark == Mark{line, column}) return d.message;
        }
        return std::string();
    };
    CHECK(message(2, 7).find("did you mean 'university'?") != std::string::npos);
    CHECK(message(3, 10).find("did you mean 'HK'?") != std::string::npos);
    CHECK(message(10, 33).find("write true or false") != std::string::npos);
    CHECK(message(11, 8).find("'big-data'") != std::string::npos);
}

TEST_CASE("areas must come from collab.yaml's vocabulary when one is declared") {
    Config config;
    config.has_areas = true;
    config.areas = {"research", "medical-education"};
    const auto ds = check(
        {partner("a"), partner("b"),
         agreement("m", "status: draft\nparties: [a, b]\nareas: [research, reserch, sports]\n")},
        config);
    CHECK(where(ds) ==
          Strings{"agreements/m.yaml:5:19 bad-value", "agreements/m.yaml:5:28 bad-value"});
    CHECK(ds[0].message.find("did you mean 'research'?") != std::string::npos);
    CHECK(ds[1].message.find("declared: research, medical-education") != std::string::npos);
    // Without a vocabulary any slug will do.
    CHECK(check({partner("a"), partner("b"),
                 agreement("m", "status: draft\nparties: [a, b]\nareas: [sports]\n")})
              .empty());
}

TEST_CASE("ambiguous-scalar: unquoted YAML 1.1 booleans outside boolean fields") {
    const auto ds =
        check({record(Kind::Partner, "a",
                      "name: A\ntype: company\ncountry: NO\nshort: \"ON\"\naliases: [yes, n]\n")});
    CHECK(where(ds) == Strings{"partners/a.yaml:3:10 ambiguous-scalar",
                               "partners/a.yaml:5:11 ambiguous-scalar",
                               "partners/a.yaml:5:16 ambiguous-scalar"});
    CHECK(ds[0].severity == Severity::Warning);
}

TEST_CASE("bad-id: the file name, or an id: that differs, at the id value") {
    std::vector<Diagnostic> ds;
    auto p = parse_yaml("id: other\nname: A\n");
    make_record(Kind::Partner, "partners/a.yaml", std::move(*p.root), ds);
    CHECK(where(ds) == Strings{":1:5 bad-id"});
    ds.clear();
    p = parse_yaml("name: A\n");
    make_record(Kind::Partner, "partners/Bad Name.yaml", std::move(*p.root), ds);
    CHECK(where(ds) == Strings{":1:1 bad-id"});
    ds.clear();
    p = parse_yaml("id: a\nname: A\n");
    make_record(Kind::Partner, "partners/a.yml", std::move(*p.root), ds);
    CHECK(ds.empty());
}

TEST_CASE("duplicate-id: 1:1 of every file, each naming the others") {
    Record one = partner("a");
    Record two = partner("a");
    two.file = "partners/sub/a.yaml";
    const auto ds = check({one, two});
    CHECK(where(ds) ==
          Strings{"partners/a.yaml:1:1 duplicate-id", "partners/sub/a.yaml:1:1 duplicate-id"});
    CHECK(ds[0].message.find("partners/sub/a.yaml") != std::string::npos);
    CHECK(ds[1].message.find("partners/a.yaml") != std::string::npos);
    // The same id in two kinds is fine.
    CHECK(check({partner("x"), person("x")}).empty());
}

TEST_CASE("dangling-ref at the ref, with the nearest id of the right kind") {
    const auto ds = check({partner("hkust"), partner("zju-fah"), person("nancy-ip"),
                           agreement("m",
                                     "status: draft\nparties: [hkust, zju-fha]\n"
                                     "signatories:\n  - {person: nancy-lp, partner: hkust}\n"
                                     "owner: nobody\n")});
    CHECK(where(ds) == Strings{"agreements/m.yaml:4:18 dangling-ref",
                               "agreements/m.yaml:6:14 dangling-ref",
                               "agreements/m.yaml:7:8 dangling-ref"});
    CHECK(ds[0].message == "no partner 'zju-fha'; did you mean 'zju-fah'?");
    CHECK(ds[1].message == "no person 'nancy-lp'; did you mean 'nancy-ip'?");
    CHECK(ds[1].field == "signatories.person");
    CHECK(ds[2].message == "no person 'nobody'");
}

TEST_CASE("cycle: at the parent value of every record in the loop, and only those") {
    const auto ds = check({partner("a", "parent: b\n"), partner("b", "parent: c\n"),
                           partner("c", "parent: a\n"), partner("d", "parent: a\n"),
                           partner("self", "parent: self\n")});
    CHECK(where(ds) == Strings{"partners/a.yaml:4:9 cycle", "partners/b.yaml:4:9 cycle",
                               "partners/c.yaml:4:9 cycle", "partners/self.yaml:4:9 cycle"});
    CHECK(ds[0].message.find("a -> b -> c -> a") != std::string::npos);
    const auto agreements = check({partner("x"), partner("w"),
                                   agreement("m", "status: draft\nparties: [x, w]\nparent: k\n"),
                                   agreement("k", "status: draft\nparties: [x, w]\nparent: m\n")});
    CHECK(where(agreements) ==
          Strings{"agreements/k.yaml:5:9 cycle", "agreements/m.yaml:5:9 cycle"});
}

TEST_CASE("date-order: the second date named, with partial dates as one day") {
    const std::vector<Record> base = {partner("x"), partner("w")};
    auto with = [&](Record r) {
        auto all = base;
        all.push_back(std::move(r));
        return where(check(all));
    };
    CHECK(
        with(agreement(
            "m", "status: draft\nparties: [x, w]\nsigned: 2025-03-01\neffective: 2025-02-01\n")) ==
        Strings{"agreements/m.yaml:6:12 date-order"});
    CHECK(with(agreement("m", "status: draft\nparties: [x, w]\nsigned: 2025\nexpires: 2025\n"))
              .empty());
    CHECK(with(agreement("m",
                         "status: draft\nparties: [x, w]\nsigned: 2025-06\nexpires: 2025-05\n")) ==
          Strings{"agreements/m.yaml:6:10 date-order"});
    // effective >= expires: the same day is an error.
    CHECK(with(agreement("m",
                         "status: draft\nparties: [x, w]\nsigned: 2025-01-01\n"
                         "effective: 2025-02-01\nexpires: 2025-02-01\n")) ==
          Strings{"agreements/m.yaml:7:10 date-order"});
    CHECK(with(record(Kind::Project, "p",
                      "title: P\ntype: other\nstatus: proposed\npartners: [x]\n"
                      "start: 2025-05\nend: 2025-04-30\n")) ==
          Strings{"projects/p.yaml:6:6 date-order"});
    CHECK(with(record(Kind::Event, "e",
                      "title: E\ntype: visit\ndate: 2025-05-02\nend: 2025-05-01\n")) ==
          Strings{"events/e.yaml:4:6 date-order"});
    CHECK(with(person("p", "roles:\n  - {partner: x, title: Dean, from: 2020, until: 2019}\n")) ==
          Strings{"people/p.yaml:3:50 date-order"});
    CHECK(with(person("p", "roles:\n  - {partner: x, title: Dean, from: 2020, until: 2020}\n"))
              .empty());
}

TEST_CASE("too-few-parties at parties; repeated parties count once") {
    const auto ds = check({partner("x"), agreement("m", "status: draft\nparties: [x, x]\n")});
    CHECK(where(ds) == Strings{"agreements/m.yaml:4:10 too-few-parties",
                               "agreements/m.yaml:4:14 duplicate-entry"});
    CHECK(ds[1].severity == Severity::Warning);
}

TEST_CASE("status-needs-date at status") {
    for (const char* status : {"signed", "active", "expired", "terminated", "superseded"}) {
        CAPTURE(std::string(status));
        const auto ds =
            check({partner("x"), partner("w"),
                   agreement("m", std::string("status: ") + status + "\nparties: [x, w]\n")});
        CHECK(where(ds) == Strings{"agreements/m.yaml:3:9 status-needs-date"});
    }
    for (const char* status : {"draft", "negotiating"}) {
        CHECK(check({partner("x"), partner("w"),
                     agreement("m", std::string("status: ") + status + "\nparties: [x, w]\n")})
                  .empty());
    }
}

TEST_CASE("signatory-not-party at the signatory's partner") {
    const auto ds = check({partner("x"), partner("w"), partner("z"),
                           person("p", "roles: [{partner: z, title: T}]\n"),
                           agreement("m",
                                     "status: draft\nparties: [x, w]\nsignatories:\n"
                                     "  - person: p\n    partner: z\n")});
    CHECK(where(ds) == Strings{"agreements/m.yaml:7:14 signatory-not-party"});
}

TEST_CASE(
    "signatory-without-role: the role at the partner or above it, covering the signing date") {
    const std::vector<Record> base = {
        partner("uni"),
        partner("school", "parent: uni\n"),
        partner("other"),
        person("dean",
               "roles:\n  - {partner: uni, title: President, from: 2020-07, until: 2024-06}\n"),
    };
    auto signed_by = [&](const std::string& date, const std::string& partner_id) {
        auto all = base;
        all.push_back(agreement(
            "m", "status: active\nparties: [" + partner_id + ", other]\nsigned: " + date +
                     "\nsignatories:\n  - {person: dean, partner: " + partner_id + "}\n"));
        return where(check(all));
    };
    CHECK(signed_by("2022-05-01", "uni").empty());
    CHECK(signed_by("2022-05-01", "school").empty());  // the school belongs to uni
    CHECK(signed_by("2024-06-30", "uni").empty());     // until takes the month's last day
    CHECK(signed_by("2024", "uni").empty());           // a partial date overlaps the role
    CHECK(signed_by("2020", "uni").empty());
    CHECK(signed_by("2024-07-01", "uni") ==
          Strings{"agreements/m.yaml:7:14 signatory-without-role"});
    CHECK(signed_by("2019", "uni") == Strings{"agreements/m.yaml:7:14 signatory-without-role"});
    // A role at a sub-organisation does not cover the whole university.
    auto all = base;
    all.push_back(person("head", "roles: [{partner: school, title: Head}]\n"));
    all.push_back(agreement("m",
                            "status: active\nparties: [uni, other]\nsigned: 2022\n"
                            "signatories: [{person: head, partner: uni}]\n"));
    CHECK(where(check(all)) == Strings{"agreements/m.yaml:6:24 signatory-without-role"});
}

TEST_CASE("duplicate-entry only for lists of refs") {
    const auto ds = check(
        {partner("a", "aliases: [A, A]\ntags: [t, t]\n"), partner("b"),
         record(Kind::Event, "e", "title: E\ntype: visit\ndate: 2025\npartners: [a, b, a]\n")});
    CHECK(where(ds) == Strings{"events/e.yaml:4:18 duplicate-entry"});
}

TEST_CASE("project-outside-agreement: partners must be parties or belong to one") {
    const std::vector<Record> base = {
        partner("uni"),
        partner("hospital", "parent: uni\n"),
        partner("firm"),
        partner("other"),
        agreement("m", "status: active\nparties: [uni, other]\nsigned: 2025\n"),
    };
    auto project = [&](const std::string& partners, const std::string& agreements) {
        auto all = base;
        all.push_back(record(Kind::Project, "p",
                             "title: P\ntype: other\nstatus: proposed\npartners: [" + partners +
                                 "]\n" + agreements));
        return where(check(all));
    };
    CHECK(project("uni, hospital, other", "agreements: [m]\n").empty());
    CHECK(project("uni, firm", "agreements: [m]\n") ==
          Strings{"projects/p.yaml:4:17 project-outside-agreement"});
    CHECK(project("firm", "").empty());  // no agreements listed: nothing to compare
}

TEST_CASE("documents: exactly one of path and url; paths must exist") {
    const auto ds =
        check({partner("x"), partner("w"),
               agreement("m",
                         "status: draft\nparties: [x, w]\ndocuments:\n"
                         "  - {title: ok, path: scans/m.pdf}\n"
                         "  - {title: gone, path: missing/m.pdf}\n"
                         "  - {title: both, path: scans/m.pdf, url: 'https://x.org/m.pdf'}\n"
                         "  - {title: neither}\n")});
    CHECK(where(ds) == Strings{"agreements/m.yaml:7:25 missing-document",
                               "agreements/m.yaml:8:38 bad-value",
                               "agreements/m.yaml:9:5 missing-field"});
}

TEST_CASE("status-stale depends on today, and expires is in force on its day") {
    const std::vector<Record> base = {partner("x"), partner("w")};
    auto on = [&](const std::string& status, const std::string& expires, Date today) {
        auto all = base;
        all.push_back(agreement(
            "m",
            "status: " + status + "\nparties: [x, w]\nsigned: 2020\nexpires: " + expires + "\n"));
        return where(check(all, {}, today));
    };
    CHECK(on("active", "2025-12-31", Date{2025, 12, 31}).empty());
    CHECK(on("active", "2025-12-31", Date{2026, 1, 1}) ==
          Strings{"agreements/m.yaml:3:9 status-stale"});
    CHECK(on("signed", "2025", Date{2026, 1, 1}) == Strings{"agreements/m.yaml:3:9 status-stale"});
    CHECK(on("active", "2025", Date{2025, 12, 31}).empty());  // a year expires on its last day
    CHECK(on("expired", "2026-03", Date{2026, 1, 1}) ==
          Strings{"agreements/m.yaml:3:9 status-stale"});
    CHECK(on("expired", "2025-12", Date{2026, 1, 1}).empty());
}

TEST_CASE("milestone-overdue: active projects only, at the due date, not when done") {
    auto project = [](const std::string& status, const std::string& milestones) {
        return where(
            check({partner("x"), record(Kind::Project, "p",
                                        "title: P\ntype: other\nstatus: " + status +
                                            "\npartners: [x]\nmilestones:\n" + milestones)},
                  {}, Date{2026, 1, 15}));
    };
    CHECK(project("active", "  - {title: a, due: 2026-01-14}\n") ==
          Strings{"projects/p.yaml:6:21 milestone-overdue"});
    CHECK(project("active", "  - {title: a, due: 2026-01-15}\n").empty());
    CHECK(
        project("active", "  - {title: a, due: 2026-01}\n").empty());  // due takes the month's end
    CHECK(project("active", "  - {title: a, due: 2025, done: true}\n").empty());
    CHECK(project("planned", "  - {title: a, due: 2025}\n").empty());
}
