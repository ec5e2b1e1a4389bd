// The filter language: tokens, parse errors with their positions, and every rule of the
// format's Filters section, evaluated on records built in memory.
#include <doctest/doctest.h>

#include <chrono>

#include "query/filter.h"
#include "query/lexer.h"
#include "record_helpers.h"

using namespace collab;
using namespace collab::testing;

namespace {

const Date today{2026, 1, 15};

// A small store: a university with a school and two hospitals, and some agreements.
struct Fixture {
    std::vector<Record> records;
    std::unique_ptr<Index> index;

    Fixture() {
        records = {
            record(Kind::Partner, "zju",
                   "name: Zhejiang University\ntype: university\ncountry: CN\n"),
            record(Kind::Partner, "zju-som",
                   "name: Zhejiang University School of Medicine\ntype: school\nparent: "
                   "zju\ncountry: CN\n"),
            record(Kind::Partner, "zju-fah",
                   "name: First Affiliated Hospital\nshort: FAH\naliases: [Zheyi]\ntype: hospital\n"
                   "parent: zju-som\ncountry: CN\n"),
            record(Kind::Partner, "hkust",
                   "name: The Hong Kong University of Science and Technology\nshort: HKUST\n"
                   "native_name: 香港科技大學\ntype: university\ncountry: HK\n"),
            record(Kind::Partner, "oxford",
                   "name: University of Oxford\ntype: university\ncountry: GB\n"),
            record(Kind::Person, "nancy-ip",
                   "name: Nancy Ip\nroles: [{partner: hkust, title: President}]\n"),
            record(Kind::Agreement, "fah-mou",
                   "title: MoU with FAH\ntype: mou\nstatus: active\nparties: [hkust, "
                   "zju-fah]\nsigned: 2025\n"
                   "expires: 2026-06\nsignatories: [{person: nancy-ip, partner: hkust}]\n"
                   "renewal: {notice: 6m}\n"),
            record(Kind::Agreement, "som-strategic",
                   "title: Strategic partnership\ntype: strategic\nstatus: active\nparties: "
                   "[hkust, zju-som]\n"
                   "signed: 2024-03-10\neffective: 2024-04-01\n"),
            record(Kind::Agreement, "oxford-draft",
                   "title: Exchange with Oxford\ntype: exchange\nstatus: draft\nparties: [hkust, "
                   "oxford]\n"),
            record(Kind::Project, "lab",
                   "title: Joint lab\ntype: joint-lab\nstatus: active\npartners: [hkust, zju-fah]\n"
                   "funding:\n  - {source: RGC, amount: 1500000, currency: HKD}\n"
                   "  - {source: NSFC, amount: 800000, currency: CNY}\n"
                   "milestones:\n  - {title: Kick-off, due: 2025-03, done: true}\n  - {title: "
                   "Report, due: 2026-12}\n"),
        };
        index = std::make_unique<Index>(records);
    }

    // The ids of the records of `kind` that match all the filter arguments.
    std::string select(Kind kind, std::vector<std::string> args) const {
        const FilterContext context{today, index.get()};
        const Filter f = Filter::parse(args, kind, context);
        std::string ids;
        for (const auto& r : records) {
            if (r.kind == kind && f.matches(r, *index)) ids += (ids.empty() ? "" : " ") + r.id;
        }
        return ids;
    }
    std::string agreements(std::vector<std::string> args) const {
        return select(Kind::Agreement, args);
    }

    // The error a malformed filter gives: message and caret position.
    std::pair<std::string, std::size_t> error(Kind kind, const std::string& text) const {
        const FilterContext context{today, index.get()};
        try {
            parse_expression(text, kind, context);
        } catch (const FilterError& e) {
            return {e.what(), e.position};
        }
        FAIL("expected a FilterError for: " << text);
        return {};
    }
};

}  // namespace

TEST_CASE("lexer: fields, operators, values, parentheses, quotes") {
    Lexer lex("(status!=active) and title~\"a (b)\"");
    CHECK(lex.next().type == Token::Type::LParen);
    Token t = lex.next();
    CHECK((t.type == Token::Type::Word && t.text == "status" && t.position == 1));
    t = lex.next();
    CHECK((t.type == Token::Type::Op && t.text == "!="));
    t = lex.next_value();
    CHECK((t.text == "active" && t.position == 9));
    CHECK(lex.next().type == Token::Type::RParen);
    CHECK(lex.next().text == "and");
    CHECK(lex.next().text == "title");
    CHECK(lex.next().text == "~");
    t = lex.next_value();
    CHECK((t.type == Token::Type::String && t.text == "a (b)"));
    CHECK(lex.next().type == Token::Type::End);
    Lexer ops("<= >= < > ~ !~ =");
    for (const char* op : {"<=", ">=", "<", ">", "~", "!~", "="}) CHECK(ops.next().text == op);
    Lexer value("today+90d)");
    CHECK(value.next_value().text == "today+90d");
}

TEST_CASE("and / or / not / parentheses, with and binding tighter than or") {
    Fixture f;
    CHECK(f.agreements({"status=active"}) == "fah-mou som-strategic");
    CHECK(f.agreements({"status=draft or type=mou"}) == "fah-mou oxford-draft");
    CHECK(f.agreements({"type=strategic or type=mou and status=draft"}) == "som-strategic");
    CHECK(f.agreements({"(type=strategic or type=mou) and status=active"}) ==
          "fah-mou som-strategic");
    CHECK(f.agreements({"not status=active"}) == "oxford-draft");
    CHECK(f.agreements({"not (status=active or type=exchange)"}) == "");
    // Several arguments are joined with and.
    CHECK(f.agreements({"status=active", "type=mou"}) == "fah-mou");
}

TEST_CASE("lists: any element passes; != and !~ are the negations") {
    Fixture f;
    CHECK(f.agreements({"parties=zju-fah"}) == "fah-mou");
    CHECK(f.agreements({"parties!=zju-fah"}) == "som-strategic oxford-draft");
    CHECK(f.agreements({"parties~^zju"}) == "fah-mou som-strategic");
    CHECK(f.agreements({"parties!~^zju"}) == "oxford-draft");
    CHECK(f.agreements({"signatories.person=nancy-ip"}) == "fah-mou");
}

TEST_CASE("each test stands alone: two tests may match different list entries") {
    Fixture f;
    CHECK(f.select(Kind::Project, {"funding.amount>1000000", "funding.currency=CNY"}) == "lab");
}

TEST_CASE("missing fields: comparisons are false, negations true") {
    Fixture f;
    CHECK(f.agreements({"expires<today+10y"}) == "fah-mou");
    CHECK(f.agreements({"not expires<today+10y"}) == "som-strategic oxford-draft");
    CHECK(f.agreements({"signatories.person!=nancy-ip"}) == "som-strategic oxford-draft");
    CHECK(f.agreements({"renewal.notice!~m"}) == "som-strategic oxford-draft");
}

TEST_CASE("bare fields test presence") {
    Fixture f;
    CHECK(f.agreements({"expires"}) == "fah-mou");
    CHECK(f.agreements({"not signed"}) == "oxford-draft");
    CHECK(f.agreements({"signatories"}) == "fah-mou");
}

TEST_CASE("defaults: effective is signed when absent, done is false") {
    Fixture f;
    CHECK(f.agreements({"effective=2025"}) == "fah-mou");
    CHECK(f.agreements({"effective=2024-04-01"}) == "som-strategic");
    CHECK(f.select(Kind::Project, {"milestones.done=false"}) == "lab");
    CHECK(f.select(Kind::Project, {"milestones.done=true"}) == "lab");
}

TEST_CASE("dates: a field's partial date is one day; a value's partial date is its period") {
    Fixture f;
    // fah-mou: signed 2025 = 2025-01-01; expires 2026-06 = 2026-06-30.
    CHECK(f.agreements({"signed=2025"}) == "fah-mou");
    CHECK(f.agreements({"signed=2025-01-01"}) == "fah-mou");
    CHECK(f.agreements({"signed=2025-01-02"}) == "");
    CHECK(f.agreements({"signed<2025"}) == "som-strategic");
    CHECK(f.agreements({"signed<=2025"}) == "fah-mou som-strategic");
    CHECK(f.agreements({"signed>2024"}) == "fah-mou");
    CHECK(f.agreements({"signed>=2024-03"}) == "fah-mou som-strategic");
    CHECK(f.agreements({"signed>2024-03"}) == "fah-mou");
    CHECK(f.agreements({"expires=2026-06-30"}) == "fah-mou");
    CHECK(f.agreements({"expires<2026-06-30"}) == "");
    CHECK(f.agreements({"expires!=2026"}) == "som-strategic oxford-draft");
}

TEST_CASE("today, today+N and today-N use calendar arithmetic") {
    Fixture f;  // today is 2026-01-15; fah-mou expires 2026-06-30
    CHECK(f.agreements({"expires<today+6m"}) == "fah-mou");  // 2026-07-15
    CHECK(f.agreements({"expires<today+5m"}) == "");         // 2026-06-15
    CHECK(f.agreements({"expires>today"}) == "fah-mou");
    CHECK(f.agreements({"signed>today-2y"}) == "fah-mou som-strategic");  // 2024-01-15
    CHECK(f.agreements({"signed>today-1y"}) == "");                       // 2025-01-15
    CHECK(f.agreements({"expires<=today+24w"}) == "fah-mou");             // 2026-07-02
}

TEST_CASE("spaces around + and - after today are accepted, as people write them") {
    Fixture f;  // today is 2026-01-15; fah-mou expires 2026-06-30
    CHECK(f.agreements({"expires < today + 6m"}) == "fah-mou");
    CHECK(f.agreements({"expires < today +5m"}) == "");
    CHECK(f.agreements({"expires<today+ 6m and status=active"}) == "fah-mou");
    CHECK(f.agreements({"signed > today - 2y"}) == "fah-mou som-strategic");
    CHECK(f.agreements({"expires > today and status=active"}) == "fah-mou");
    Lexer value("today + 90d) and");
    const Token t = value.next_value();
    CHECK(t.text == "today+90d");
    CHECK(t.position == 0);
    CHECK(t.length == 11);
}

TEST_CASE("numbers and durations compare as numbers, text as text") {
    Fixture f;
    CHECK(f.select(Kind::Project, {"funding.amount>1000000"}) == "lab");
    CHECK(f.select(Kind::Project, {"funding.amount>2000000"}) == "");
    CHECK(f.select(Kind::Project, {"funding.amount=800000"}) == "lab");
    CHECK(f.agreements({"renewal.notice>=26w"}) == "fah-mou");
    CHECK(f.agreements({"renewal.notice>1y"}) == "");
    CHECK(f.agreements({"title<N"}) == "fah-mou oxford-draft");  // E and M sort before N
}

TEST_CASE("= is exact and ~ is a case-insensitive regular expression") {
    Fixture f;
    CHECK(f.agreements({"title=\"MoU with FAH\""}) == "fah-mou");
    CHECK(f.agreements({"title=\"mou with fah\""}) == "");
    CHECK(f.agreements({"title~mou"}) == "fah-mou");
    CHECK(f.agreements({"title~'^exchange with'"}) == "oxford-draft");
}

TEST_CASE("names: name, short, native_name and aliases of a partner") {
    Fixture f;
    CHECK(f.select(Kind::Partner, {"names~zhejiang"}) == "zju zju-som");
    CHECK(f.select(Kind::Partner, {"names=HKUST"}) == "hkust");
    CHECK(f.select(Kind::Partner, {"names~香港"}) == "hkust");
    CHECK(f.select(Kind::Partner, {"names=Zheyi"}) == "zju-fah");
}

TEST_CASE("fields of every record: id, kind, file") {
    Fixture f;
    CHECK(f.agreements({"id=fah-mou"}) == "fah-mou");
    CHECK(f.agreements({"file~strategic"}) == "som-strategic");
    CHECK(f.agreements({"kind=agreement", "id~^o"}) == "oxford-draft");
}

TEST_CASE("under follows the partner hierarchy at any depth") {
    Fixture f;
    CHECK(f.agreements({"parties under zju"}) == "fah-mou som-strategic");
    CHECK(f.agreements({"parties under zju-som"}) == "fah-mou som-strategic");
    CHECK(f.agreements({"parties under zju-fah"}) == "fah-mou");
    CHECK(f.agreements({"not parties under zju"}) == "oxford-draft");
    CHECK(f.select(Kind::Partner, {"id under zju"}) == "zju zju-som zju-fah");
    CHECK(f.select(Kind::Partner, {"parent under zju"}) == "zju-som zju-fah");
    CHECK(f.agreements({"signatories.partner under hkust"}) == "fah-mou");
    CHECK(f.select(Kind::Person, {"roles.partner under hkust"}) == "nancy-ip");
}

TEST_CASE("parse errors point at the problem") {
    Fixture f;
    auto [message, position] = f.error(Kind::Agreement, "stauts=active");
    CHECK(position == 0);
    CHECK(message.find("unknown field 'stauts' for an agreement; did you mean 'status'?") == 0);
    CHECK(message.find("\n  stauts=active\n  ^^^^^^") != std::string::npos);

    std::tie(message, position) = f.error(Kind::Agreement, "signatories.persn=nancy-ip");
    CHECK(position == 12);
    CHECK(message.find("did you mean 'person'?") != std::string::npos);

    std::tie(message, position) = f.error(Kind::Agreement, "status=activ");
    CHECK(position == 7);
    CHECK(message.find("did you mean 'active'?") != std::string::npos);

    std::tie(message, position) = f.error(Kind::Agreement, "parties=zju-fha");
    CHECK(position == 8);
    CHECK(message.find("no partner 'zju-fha' in the store; did you mean 'zju-fah'?") == 0);

    std::tie(message, position) = f.error(Kind::Agreement, "parties under zjuu");
    CHECK(position == 14);

    std::tie(message, position) = f.error(Kind::Agreement, "status under zju");
    CHECK(position == 7);
    CHECK(message.find("'under' follows the partner hierarchy") == 0);

    std::tie(message, position) = f.error(Kind::Agreement, "expires<soon");
    CHECK(position == 8);
    CHECK(message.find("'soon' is not a date") == 0);

    std::tie(message, position) = f.error(Kind::Agreement, "expires<today+3x");
    CHECK(position == 8);

    std::tie(message, position) = f.error(Kind::Agreement, "title~'(unclosed'");
    CHECK(position == 6);
    CHECK(message.find("bad regular expression") == 0);

    std::tie(message, position) = f.error(Kind::Agreement, "(status=active");
    CHECK(position == 14);
    CHECK(message.find("expected ')'") == 0);

    std::tie(message, position) = f.error(Kind::Agreement, "status=active)");
    CHECK(position == 13);
    CHECK(message.find("unmatched ')'") == 0);

    std::tie(message, position) = f.error(Kind::Agreement, "status=active type=mou");
    CHECK(position == 14);
    CHECK(message.find("join tests with 'and'") != std::string::npos);

    std::tie(message, position) = f.error(Kind::Agreement, "status active");
    CHECK(position == 7);

    std::tie(message, position) = f.error(Kind::Agreement, "status=");
    CHECK(position == 7);
    CHECK(message.find("expected a value after '='") == 0);

    std::tie(message, position) = f.error(Kind::Agreement, "status=active and");
    CHECK(position == 17);

    std::tie(message, position) = f.error(Kind::Agreement, "signatories=nancy-ip");
    CHECK(position == 11);
    CHECK(message.find("compare one of their fields, e.g. signatories.person") !=
          std::string::npos);

    std::tie(message, position) = f.error(Kind::Project, "funding.amount>lots");
    CHECK(position == 15);

    std::tie(message, position) = f.error(Kind::Agreement, "title~\"open");
    CHECK(position == 6);
    CHECK(message.find("unterminated") == 0);

    std::tie(message, position) = f.error(Kind::Agreement, "status!active");
    CHECK(position == 6);

    std::tie(message, position) = f.error(Kind::Agreement, "");
    CHECK(message.find("empty filter") == 0);

    std::tie(message, position) = f.error(Kind::Partner, "person=x");
    CHECK(message.find("unknown field 'person' for a partner") == 0);
}

TEST_CASE("a caret after CJK text lands under the problem") {
    Fixture f;
    const auto [message, position] = f.error(Kind::Partner, "names~香港 and nmae=x");
    CHECK(position == 13);
    // 香港 is two characters but four columns wide.
    CHECK(message.find("\n  names~香港 and nmae=x\n                 ^^^^") != std::string::npos);
}

TEST_CASE("explain resolves relative dates and periods") {
    Fixture f;
    const FilterContext context{today, f.index.get()};
    const std::vector<std::string> args = {"status=active", "parties under zju",
                                           "expires<today+1y"};
    CHECK(Filter::parse(args, Kind::Agreement, context).explain() ==
          "status = active and parties under zju and expires < 2027-01-15 [today+1y] (a partial "
          "expires "
          "counts as its last day)");
    const std::vector<std::string> period = {"signed=2025 or not signed<=2024-03"};
    CHECK(Filter::parse(period, Kind::Agreement, context).explain() ==
          "signed in 2025-01-01..2025-12-31 [2025] or not (signed <= 2024-03-31 [2024-03])");
    CHECK(Filter().explain() == "everything (no filter)");
}

TEST_CASE("a pathological regular expression returns promptly (RE2 is linear)") {
    Fixture f;
    f.records.push_back(record(Kind::Agreement, "long",
                               "title: " + std::string(100000, 'a') +
                                   "!\ntype: mou\nstatus: draft\n"
                                   "parties: [hkust, oxford]\n"));
    f.index = std::make_unique<Index>(f.records);
    // Catastrophic for a backtracking engine; RE2 answers in linear time.
    CHECK(f.agreements({"title~'^(a+)+$'"}) == "");
    CHECK(f.agreements({"title~'^(a|aa)+!$'"}) == "long");
}

TEST_CASE("nesting deeper than max_filter_depth is an error at the first level too deep") {
    Fixture f;
    std::string message;
    std::size_t position = 0;
    const std::string deep = std::string(10000, '(') + "status=active" + std::string(10000, ')');
    std::tie(message, position) = f.error(Kind::Agreement, deep);
    CHECK(position == static_cast<std::size_t>(max_filter_depth));
    CHECK(message.find("the expression nests deeper than 100 levels") == 0);
    std::string nots;
    for (int i = 0; i < 20000; ++i) nots += "not ";
    std::tie(message, position) = f.error(Kind::Agreement, nots + "status=active");
    CHECK(position == 4u * max_filter_depth);
    CHECK(message.find("the expression nests deeper than 100 levels") == 0);
    // At the limit it parses: 50 parentheses and 50 nots.
    std::string ok = std::string(50, '(');
    for (int i = 0; i < 50; ++i) ok += "not ";
    ok += "status=active" + std::string(50, ')');
    CHECK(f.agreements({ok}) == "fah-mou som-strategic");
}
