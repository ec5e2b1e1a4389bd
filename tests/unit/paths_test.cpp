// Contract v2: field paths through references, computed fields, look-up by name and
// Unicode collation, on records built in memory.
#include <doctest/doctest.h>

#include "query/collate.h"
#include "query/filter.h"
#include "query/names.h"
#include "query/related.h"
#include "query/select.h"
#include "record_helpers.h"

using namespace collab;
using namespace collab::testing;

namespace {

const Date today{2026, 1, 15};

struct Office {
    std::vector<Record> records;
    std::unique_ptr<Index> index;

    Office() {
        records = {
            record(Kind::Partner, "hkust",
                   "name: The Hong Kong University of Science and Technology\nshort: HKUST\n"
                   "type: university\ncountry: HK\n"),
            record(Kind::Partner, "zju",
                   "name: Zhejiang University\nnative_name: 浙江大学\n"
                   "type: university\ncountry: CN\n"),
            record(Kind::Partner, "zju-som",
                   "name: School of Medicine\ntype: school\nparent: zju\ncountry: CN\n"),
            record(Kind::Partner, "zju-fah",
                   "name: First Affiliated Hospital\nshort: FAH\naliases: [Zheyi]\n"
                   "type: hospital\nparent: zju-som\ncountry: CN\n"),
            record(Kind::Partner, "tum",
                   "name: Technical University of Munich\nshort: TUM\n"
                   "type: university\ncountry: DE\n"),
            record(Kind::Person, "nancy-ip", "name: Nancy Ip\nemail: ip@example.org\n"),
            record(Kind::Person, "li-wei", "name: Li Wei\n"),
            record(Kind::Agreement, "fah-mou",
                   "title: MoU with FAH\ntype: mou\nstatus: active\nparties: [hkust, zju-fah]\n"
                   "signed: 2025-04-01\nowner: nancy-ip\n"
                   "signatories: [{person: nancy-ip, partner: hkust}, {person: li-wei, "
                   "partner: zju-fah}]\n"),
            record(Kind::Agreement, "tum-mou",
                   "title: MoU with TUM\ntype: mou\nstatus: active\nparties: [hkust, tum]\n"
                   "signed: 2020-01-01\nexpires: 2024-12-31\n"
                   "renewal: {automatic: true, term: 1y, notice: 3m}\n"),
            record(Kind::Agreement, "dangling",
                   "title: Dangling\ntype: mou\nstatus: draft\nparties: [hkust, nobody]\n"),
        };
        index = std::make_unique<Index>(records, "hkust");
    }

    std::string select(Kind kind, std::vector<std::string> args) const {
        const Filter f = Filter::parse(args, kind, FilterContext{today, index.get()});
        std::string ids;
        for (const auto& r : records) {
            if (r.kind == kind && f.matches(r, *index)) ids += (ids.empty() ? "" : " ") + r.id;
        }
        return ids;
    }

    const Record& get(Kind kind, const std::string& id) const { return *index->find(kind, id); }

    std::vector<std::string> values(Kind kind, const std::string& id,
                                    const std::string& path) const {
        const QueryContext context{index.get(), today};
        std::string why;
        const auto f = resolve_field(kind, path, &why, nullptr, &context);
        REQUIRE_MESSAGE(f, why);
        return field_values(get(kind, id), *f);
    }

    std::pair<std::string, std::size_t> error(const std::string& text) const {
        try {
            parse_expression(text, Kind::Agreement, FilterContext{today, index.get()});
        } catch (const FilterError& e) {
            return {e.what(), e.position};
        }
        FAIL("expected a FilterError for: " << text);
        return {};
    }
};

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("paths through references, to any depth, any element at every step") {
    const Office s;
    CHECK(s.values(Kind::Agreement, "fah-mou", "parties.country") == V{"HK", "CN"});
    CHECK(s.values(Kind::Agreement, "fah-mou", "parties.parent.parent.name") ==
          V{"Zhejiang University"});
    CHECK(s.values(Kind::Agreement, "fah-mou", "signatories.person.name") ==
          V{"Nancy Ip", "Li Wei"});
    CHECK(s.values(Kind::Agreement, "fah-mou", "owner.email") == V{"ip@example.org"});
    // A dangling reference contributes nothing.
    CHECK(s.values(Kind::Agreement, "dangling", "parties.country") == V{"HK"});
    CHECK(s.select(Kind::Agreement, {"parties.country=CN"}) == "fah-mou");
    CHECK(s.select(Kind::Agreement, {"parties.country!=CN"}) == "tum-mou dangling");
    CHECK(s.select(Kind::Agreement, {"signatories.partner.names~zheyi"}) == "fah-mou");
    CHECK(s.select(Kind::Agreement, {"parties.parent under zju"}) == "fah-mou");
    CHECK(s.select(Kind::Partner, {"parent.parent.country=CN"}) == "zju-fah");
}

TEST_CASE("paths through references: parse errors keep their caret and did-you-mean") {
    const Office s;
    const auto [typo, at] = s.error("parties.contry=CN");
    CHECK(typo.find("unknown field 'contry' for a partner; did you mean 'country'?") !=
          std::string::npos);
    CHECK(at == 8);
    const auto [flat, flat_at] = s.error("title.x=1");
    CHECK(flat.find("'title' has no fields inside it") != std::string::npos);
    CHECK(flat_at == 6);
    // Values are checked against the end of the path.
    const auto [value, value_at] = s.error("parties.type=hospitl");
    CHECK(value.find("did you mean 'hospital'") != std::string::npos);
    CHECK(value_at == 13);
    const auto [under, under_at] = s.error("parties.name under zju");
    CHECK(under.find("under") != std::string::npos);
}

TEST_CASE("computed fields: term_end, notice_date, days, counterparties, in_force, top_level") {
    const Office s;
    CHECK(s.values(Kind::Agreement, "tum-mou", "term_end") == V{"2026-12-31"});
    CHECK(s.values(Kind::Agreement, "tum-mou", "notice_date") == V{"2026-09-30"});
    CHECK(s.values(Kind::Agreement, "tum-mou", "days_to_notice") == V{"258"});
    CHECK(s.values(Kind::Agreement, "tum-mou", "days_to_term_end") == V{"350"});
    CHECK(s.values(Kind::Agreement, "fah-mou", "term_end").empty());  // no expires
    CHECK(s.values(Kind::Agreement, "fah-mou", "counterparties") == V{"zju-fah"});
    CHECK(s.values(Kind::Agreement, "fah-mou", "counterparties.country") == V{"CN"});
    CHECK(s.values(Kind::Agreement, "fah-mou", "in_force") == V{"true"});
    CHECK(s.values(Kind::Agreement, "dangling", "in_force") == V{"false"});
    CHECK(s.values(Kind::Partner, "zju-fah", "top_level") == V{"zju"});
    CHECK(s.values(Kind::Partner, "zju-fah", "top_level.name") == V{"Zhejiang University"});
    CHECK(s.values(Kind::Partner, "tum", "top_level") == V{"tum"});
    CHECK(s.select(Kind::Agreement, {"days_to_notice<=300"}) == "tum-mou");
    CHECK(s.select(Kind::Agreement, {"notice_date=2026-09"}) == "tum-mou");
    CHECK(s.select(Kind::Agreement, {"counterparties under zju"}) == "fah-mou");
    CHECK(s.select(Kind::Agreement, {"in_force=true"}) == "fah-mou tum-mou");
    CHECK(s.select(Kind::Partner, {"top_level=zju"}) == "zju zju-som zju-fah");
    // Not fields of other kinds, and not paths through a non-reference computed field.
    CHECK(s.error("top_level=zju").first.find("unknown field") != std::string::npos);
    CHECK(s.error("term_end.x=1").first.find("no fields inside") != std::string::npos);
}

TEST_CASE("sorting and grouping through references and computed fields") {
    const Office s;
    const QueryContext context{s.index.get(), today};
    std::vector<const Record*> agreements;
    for (const auto& r : s.records) {
        if (r.kind == Kind::Agreement) agreements.push_back(&r);
    }
    auto keys = parse_sort(Kind::Agreement, "-days_to_term_end,id", &context);
    sort_records(agreements, keys);
    CHECK(agreements[0]->id == "tum-mou");  // the only one with a term end; others last
    const auto groups = group_by(
        agreements, parse_field_list(Kind::Agreement, "counterparties.country", "g", &context)[0]);
    REQUIRE(groups.size() == 3);
    CHECK(*groups[0].value == "CN");  // ties by value
    CHECK(*groups[1].value == "DE");
    CHECK_FALSE(groups[2].value);  // the dangling party gives no country
    CHECK(groups[2].count == 1);
}

TEST_CASE("look-up by name: case-insensitive, exact, every name; ambiguous lists them") {
    const Office s;
    CHECK(resolve_record("FAH", *s.index).id == "zju-fah");
    CHECK(resolve_record("zheyi", *s.index).id == "zju-fah");
    CHECK(resolve_record("zhejiang university", *s.index).id == "zju");
    CHECK(resolve_record("浙江大学", *s.index).id == "zju");
    CHECK(resolve_record("nancy ip", *s.index).id == "nancy-ip");
    CHECK(resolve_record("mou with tum", *s.index).id == "tum-mou");
    CHECK(resolve_record("partner/hkust", *s.index).id == "hkust");
    CHECK_THROWS_WITH_AS(resolve_record("Zhejiang", *s.index),
                         doctest::Contains("no record 'Zhejiang'"), UsageError);
    CHECK(fold_case("ÉCOLE") == fold_case("école"));
    std::vector<Record> twins = {partner("a", "short: Lab\n"), partner("b", "aliases: [LAB]\n")};
    const Index index(twins);
    CHECK_THROWS_WITH_AS(
        resolve_record("lab", index),
        doctest::Contains("'lab' names 2 records:\n  partner/a  a\n  partner/b  b"), UsageError);
}

TEST_CASE("collation: accented names among their letters, locale order on request") {
    const auto key = [](const char* t, const char* locale = "") {
        return collation_key(t, locale);
    };
    CHECK(key("Álvaro") < key("Beta"));
    CHECK(key("Ångström") < key("Beta"));
    CHECK(key("École") < key("Zacarías"));
    CHECK(key("alpha") < key("Beta"));                           // not byte order, where "B" < "a"
    CHECK(key("Zacarías", "sv_SE") < key("Ångström", "sv_SE"));  // Swedish: Å after Z
    CHECK(key("bad \xff utf8") != "");
}
