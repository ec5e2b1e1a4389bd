#include <doctest/doctest.h>

#include "diff/store_diff.h"
#include "output/diff_render.h"
#include "record_helpers.h"

using namespace collab;
using namespace collab::testing;

namespace {

Store store_of(std::vector<Record> records) {
    Store s;
    s.config.name = "t";
    for (auto& r : records) {
        r.file = std::string(kind_folder(r.kind)) + "/" + r.id + ".yaml";
        s.records.push_back(std::move(r));
    }
    return s;
}

std::vector<std::string> lines(const RecordChange& c) {
    std::vector<std::string> out;
    for (const auto& f : c.fields) {
        std::string l = f.field + ":";
        if (f.reordered) l += " reordered";
        for (const auto& a : f.added) l += " +" + a;
        for (const auto& r : f.removed) l += " -" + r;
        if (!f.is_list()) l += " " + f.before + " -> " + f.after;
        out.push_back(l);
    }
    return out;
}

const char* mou = "title: T\ntype: mou\nstatus: active\nparties: [a, b]\nsigned: 2025\n";

}  // namespace

TEST_CASE("field changes: scalars, lists, objects, set and unset") {
    const Store before =
        store_of({record(Kind::Agreement, "x",
                         std::string(mou) + "renewal: {notice: 3m}\nnotes: old\n# a comment\n")});
    const Store after = store_of(
        {record(Kind::Agreement, "x",
                "title: T\ntype: mou\nstatus: expired\nparties: [a, c, b]\nsigned: '2025'\n"
                "expires: 2027-06-30\nrenewal: {notice: 6m, automatic: true}\n")});
    const StoreDiff d = diff_stores(before, after);
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].type == ChangeType::Changed);
    // Quoting ('2025') and comments mean nothing; the order of the field table is kept.
    CHECK(lines(d.changes[0]) == std::vector<std::string>{
                                     "status: active -> expired",
                                     "parties: +c",
                                     "expires:  -> 2027-06-30",
                                     "renewal.notice: 3m -> 6m",
                                     "renewal.automatic:  -> true",
                                     "notes: old -> ",
                                 });
}

TEST_CASE("lists of entries: changed in place by their key, else added and removed") {
    const Store before = store_of(
        {record(Kind::Project, "p",
                "title: P\ntype: research\nstatus: active\npartners: [a]\nmilestones:\n"
                "  - {title: Launch, due: 2025-01}\n  - {title: Report, due: 2025-06}\n")});
    const Store after = store_of({record(
        Kind::Project, "p",
        "title: P\ntype: research\nstatus: active\npartners: [a]\nmilestones:\n"
        "  - {title: Launch, due: 2025-01, done: true}\n  - {title: Review, due: 2025-09}\n")});
    const StoreDiff d = diff_stores(before, after);
    REQUIRE(d.changes.size() == 1);
    CHECK(lines(d.changes[0]) == std::vector<std::string>{
                                     "milestones[Launch].done:  -> true",
                                     "milestones: +{title: Review, due: 2025-09} -{title: Report, "
                                     "due: 2025-06}",
                                 });
}

TEST_CASE("added, removed, renamed and reordered") {
    const Store before = store_of(
        {partner("a"), partner("b"), partner("old-name"), record(Kind::Agreement, "x", mou)});
    // new-name is old-name under another id; c is not b (only type and country agree).
    const Store after = store_of(
        {partner("a"),
         record(Kind::Partner, "new-name", "name: old-name\ntype: university\ncountry: HK\n"),
         partner("c", "city: Paris\n"),
         record(Kind::Agreement, "x",
                "title: T\ntype: mou\nstatus: active\nparties: [b, a]\n"
                "signed: 2025\n")});
    const StoreDiff d = diff_stores(before, after);
    std::vector<std::string> got;
    for (const auto& c : d.changes) {
        got.push_back(std::string(change_type_name(c.type)) + " " + c.kind + " " +
                      (c.old_id.empty() ? "" : c.old_id + "->") + c.id);
    }
    // By kind, then (new) id.
    CHECK(got == std::vector<std::string>{"removed partner b", "added partner c",
                                          "renamed partner old-name->new-name",
                                          "changed agreement x"});
    REQUIRE(d.changes.size() == 4);
    CHECK(lines(d.changes[3]) == std::vector<std::string>{"parties: reordered"});
    CHECK(d.count(ChangeType::Renamed) == 1);
}

TEST_CASE("settings and identical stores") {
    Store a = store_of({partner("a")});
    Store b = store_of({partner("a")});
    CHECK(diff_stores(a, b).empty());
    b.config.name = "renamed";
    b.config.areas = {"research"};
    const StoreDiff d = diff_stores(a, b);
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].kind == "settings");
    CHECK(lines(d.changes[0]) ==
          std::vector<std::string>{"name: t -> renamed", "areas: +research"});
}

TEST_CASE("renderings") {
    const Store before = store_of({record(Kind::Agreement, "x", mou)});
    const Store after = store_of(
        {record(Kind::Agreement, "x",
                "title: T\ntype: mou\nstatus: expired\nparties: [a, b, c]\nsigned: 2025\n")});
    const StoreDiff d = diff_stores(before, after);
    CHECK(diff_text(d, {"HEAD", "the working tree"}, false) ==
          "HEAD -> the working tree: 1 changed\n"
          "changed  agreement x  T\n"
          "           status: active -> expired\n"
          "           parties: +c\n");
    CHECK(diff_markdown(d, {"v1", "v2"}) ==
          "### collab diff: 1 changed\n\n"
          "Records changed from `v1` to `v2`.\n\n"
          "**Changed**\n\n"
          "- agreement `x`: T\n"
          "  - `status`: `active` → `expired`\n"
          "  - `parties`: +`c`\n");
    CHECK(
        diff_json(d, {"v1", "v2"}) ==
        R"({"from":"v1","to":"v2","added":0,"removed":0,"renamed":0,"changed":1,"changes":[)"
        R"({"change":"changed","kind":"agreement","id":"x","file":"agreements/x.yaml","label":"T",)"
        R"("fields":[{"field":"status","before":"active","after":"expired"},)"
        R"({"field":"parties","added":["c"],"removed":[]}]}]})"
        "\n");
}

TEST_CASE("Markdown: record text cannot escape its code span or make HTML") {
    const Store before = store_of({record(Kind::Agreement, "x", mou)});
    const Store after =
        store_of({record(Kind::Agreement, "x",
                         "title: T\ntype: mou\nstatus: active\nparties: [a, b]\nsigned: 2025\n"
                         "notes: \"`<img src=x onerror=alert(1)>` | *bold*\"\n")});
    const std::string md = diff_markdown(diff_stores(before, after), {"a", "b"});
    // Inside a code span nothing is markup and no entity is decoded (CommonMark §6.1): the
    // text stays as written, only its backticks are swapped so it cannot end the span.
    CHECK(md.find("- `notes`: (none) → `ˋ<img src=x onerror=alert(1)>ˋ | *bold*`\n") !=
          std::string::npos);
}
