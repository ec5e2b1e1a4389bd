#include <doctest/doctest.h>

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
