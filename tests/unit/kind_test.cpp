// The kind table (model/kind.h) and what its consumers read from it.
#include <doctest/doctest.h>

#include "model/kind.h"
#include "model/schema.h"
#include "model/values.h"
#include "query/field_path.h"
#include "query/related.h"
#include "query/select.h"
#include "record_helpers.h"
#include "report/terms.h"

using namespace collab;
using namespace collab::testing;

TEST_CASE("kind table: names, folders and articles") {
    CHECK(kind_name(Kind::Person) == "person");
    CHECK(kind_folder(Kind::Person) == "people");
    CHECK(kind_with_article(Kind::Agreement) == "an agreement");
    CHECK(kind_with_article(Kind::Event) == "an event");
    CHECK(kind_with_article(Kind::Project) == "a project");
    CHECK(parse_kind("people") == Kind::Person);
    CHECK(parse_kind("event") == Kind::Event);
    CHECK_FALSE(parse_kind("obligation").has_value());
    for (Kind k : all_kinds) {
        CHECK(kind_info(k).kind == k);
        // init writes it as the folder's README.md: a heading, then a line on what it holds.
        CHECK(kind_info(k).readme.starts_with("# "));
        CHECK(kind_info(k).readme.ends_with(".\n"));
    }
    CHECK(kind_folder_list("and") == "partners, people, agreements, projects and events");
    CHECK(kind_folder_list("or") == "partners, people, agreements, projects or events");
}

TEST_CASE("kind table: the status enum's choices are the table's statuses, in order") {
    for (Kind k : all_kinds) {
        const FieldSpec* status = find_field(fields_of(k), "status");
        const auto& statuses = kind_info(k).statuses;
        CHECK((status != nullptr) == !statuses.empty());
        if (!status) continue;
        REQUIRE(status->choices.size() == statuses.size());
        for (std::size_t i = 0; i < statuses.size(); ++i)
            CHECK(status->choices[i] == statuses[i].name);
    }
}

TEST_CASE("kind table: what each status means") {
    CHECK(status_meaning(Kind::Agreement, "signed") == StatusMeaning::InForce);
    CHECK(status_meaning(Kind::Agreement, "active") == StatusMeaning::InForce);
    CHECK(status_meaning(Kind::Agreement, "negotiating") == StatusMeaning::Draft);
    CHECK(status_meaning(Kind::Agreement, "superseded") == StatusMeaning::Ended);
    CHECK(status_meaning(Kind::Project, "active") == StatusMeaning::InForce);
    CHECK(status_meaning(Kind::Project, "on-hold") == StatusMeaning::Paused);
    CHECK_FALSE(status_meaning(Kind::Project, "signed").has_value());
    CHECK_FALSE(status_meaning(Kind::Partner, "active").has_value());
}

TEST_CASE("field specs: end dates take the last day of a partial date") {
    for (std::string_view f : {"expires", "end", "until", "due"}) CHECK(takes_last_day(f));
    for (std::string_view f : {"signed", "effective", "start", "date", "from", "year"})
        CHECK_FALSE(takes_last_day(f));
    const auto expires = resolve_field(Kind::Agreement, "expires");
    REQUIRE(expires);
    CHECK(expires->last_day);
    CHECK_FALSE(resolve_field(Kind::Agreement, "signed")->last_day);
    CHECK(day_of(*parse_date("2025"), "expires") == Date{2025, 12, 31});
}

TEST_CASE("kind table: defaults between fields, as filters and terms see them") {
    const Record unsigned_start = record(Kind::Agreement, "a",
                                         "title: A\ntype: mou\nstatus: active\nparties: [x, y]\n"
                                         "signed: 2024-03\nexpires: 2026\n");
    const auto effective = resolve_field(Kind::Agreement, "effective");
    REQUIRE(effective);
    CHECK(field_values(unsigned_start, *effective, true) == std::vector<std::string>{"2024-03"});
    CHECK(field_values(unsigned_start, *effective, false).empty());
    const Term term = term_of(unsigned_start);
    CHECK(term.start == Date{2024, 3, 1});
    CHECK(term.end == Date{2026, 12, 31});

    const Record lab = record(Kind::Project, "lab",
                              "title: Lab\ntype: joint-lab\nstatus: active\npartners: [x]\n"
                              "milestones: [{title: A, due: 2025}, {title: B, due: 2025, "
                              "done: true}]\n");
    const auto done = resolve_field(Kind::Project, "milestones.done");
    REQUIRE(done);
    CHECK(field_values(lab, *done, true) == std::vector<std::string>{"false", "true"});
    CHECK(field_values(lab, *done, false) == std::vector<std::string>{"true"});
}

TEST_CASE("kind table: labels and list columns") {
    CHECK(label_of(partner("uni")) == "uni");
    CHECK(label_of(record(Kind::Event, "v", "title: Visit\ntype: visit\ndate: 2025\n")) == "Visit");
    CHECK(default_columns(Kind::Agreement) == "id,title,type,status,parties,signed,expires");
}

TEST_CASE("kind table: reports list statuses most current first, unknown ones last") {
    const auto order = [](Kind k, std::vector<std::string_view> names) {
        std::stable_sort(names.begin(), names.end(),
                         [k](auto a, auto b) { return status_rank(k, a) < status_rank(k, b); });
        return names;
    };
    CHECK(order(Kind::Agreement, {"bogus", "superseded", "terminated", "expired", "draft",
                                  "negotiating", "signed", "active"}) ==
          std::vector<std::string_view>{"active", "signed", "negotiating", "draft", "expired",
                                        "terminated", "superseded", "bogus"});
    CHECK(order(Kind::Project,
                {"cancelled", "completed", "on-hold", "planned", "proposed", "active"}) ==
          std::vector<std::string_view>{"active", "proposed", "planned", "on-hold", "completed",
                                        "cancelled"});
}
