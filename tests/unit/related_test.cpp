#include <doctest/doctest.h>

#include "model/schema.h"
#include "query/related.h"
#include "record_helpers.h"

using namespace collab;
using namespace collab::testing;

TEST_CASE("show: a person with something in every section gets every section filled") {
    // Regression: sections were references into a vector that later sections reallocated
    // (a heap use-after-free that AddressSanitizer found; the "signed" section was lost).
    const std::vector<Record> records = {
        partner("uni"),
        partner("other"),
        person("pat", "roles: [{partner: uni, title: President}]\n"),
        record(Kind::Agreement, "mou",
               "title: MoU\ntype: mou\nstatus: active\nparties: [uni, other]\nsigned: 2025\n"
               "signatories: [{person: pat, partner: uni}]\nwitnesses: [pat]\nowner: pat\n"),
        record(Kind::Project, "lab",
               "title: Lab\ntype: joint-lab\nstatus: active\npartners: [uni]\nleads: [{person: "
               "pat}]\n"),
        record(Kind::Event, "visit",
               "title: Visit\ntype: visit\ndate: 2025\nparticipants: [pat]\n"),
    };
    const Index index(records);
    const auto sections = related(records[2], records, index);
    std::vector<std::string> filled;
    for (const auto& s : sections) {
        if (!s.items.empty()) filled.push_back(s.key + ":" + s.items.front().id);
    }
    CHECK(filled == std::vector<std::string>{"roles:uni", "signed:mou", "witnessed:mou", "owns:mou",
                                             "leads:lab", "events:visit"});
}

TEST_CASE("show: section titles come from the field tables, back-references included") {
    const std::vector<Record> records = {
        partner("uni"),
        partner("other"),
        record(Kind::Agreement, "frame",
               "title: Frame\ntype: framework\nstatus: active\nparties: [uni, other]\n"),
        record(Kind::Agreement, "old",
               "title: Old\ntype: mou\nstatus: superseded\nparties: [uni, other]\n"),
        record(Kind::Agreement, "mou",
               "title: MoU\ntype: mou\nstatus: active\nparties: [uni, other]\nparent: frame\n"
               "supersedes: old\n"),
    };
    const Index index(records);
    const auto titled = [&](const Record& r) {
        std::vector<std::string> out;
        for (const auto& s : related(r, records, index)) {
            std::string ids;
            for (const auto& i : s.items) ids += " " + i.id;
            out.push_back(s.key + "/" + s.title + ":" + ids);
        }
        return out;
    };
    CHECK(titled(records[4]) ==
          std::vector<std::string>{
              "parties/parties: uni other", "signatories/signatories:", "witnesses/witnesses:",
              "owner/looked after by:", "parent/implements: frame", "implementing/implemented by:",
              "superseded_by/superseded by:", "supersedes/supersedes: old",
              "projects/projects:", "events/events:"});
    const auto frame = titled(records[2]);
    CHECK(frame[5] == "implementing/implemented by: mou");
    CHECK(titled(records[3])[6] == "superseded_by/superseded by: mou");
}

TEST_CASE("field tables: every reference `show` lists back names its section") {
    const FieldSpec* parent = find_field(fields_of(Kind::Agreement), "parent");
    REQUIRE(parent);
    CHECK(parent->show_title == "implements");
    CHECK(parent->back_key == "implementing");
    CHECK(parent->back_title == "implemented by");
    const FieldSpec* signer = find_field_path(fields_of(Kind::Agreement), "signatories.person");
    REQUIRE(signer);
    CHECK(signer->back_title == "signed");
    CHECK(find_field_path(fields_of(Kind::Agreement), "signatories.nope") == nullptr);
}
