#include "model/schema.h"

#include <array>

namespace collab {

namespace {

using enum ValueType;

FieldSpec scalar(std::string_view name, ValueType type, bool required = false,
                 std::string_view description = {}) {
    return FieldSpec{.name = name, .type = type, .required = required, .description = description};
}

FieldSpec ref(std::string_view name, Kind target, bool required = false,
              std::string_view description = {}) {
    return FieldSpec{.name = name,
                     .type = Ref,
                     .required = required,
                     .target = target,
                     .description = description};
}

FieldSpec ref_list(std::string_view name, Kind target, bool required = false,
                   std::string_view description = {}) {
    return FieldSpec{.name = name,
                     .shape = Shape::List,
                     .type = Ref,
                     .required = required,
                     .target = target,
                     .description = description};
}

FieldSpec list(std::string_view name, ValueType type, std::string_view description = {}) {
    return FieldSpec{.name = name, .shape = Shape::List, .type = type, .description = description};
}

FieldSpec choice(std::string_view name, std::vector<std::string_view> choices, bool required,
                 std::string_view description = {}) {
    return FieldSpec{.name = name,
                     .type = Enum,
                     .required = required,
                     .choices = std::move(choices),
                     .description = description};
}

// A date that closes a span: a partial date stands for the last day of its period.
FieldSpec end_date(std::string_view name, bool required = false,
                   std::string_view description = {}) {
    FieldSpec spec = scalar(name, Date, required, description);
    spec.period_end = PeriodEnd::Last;
    return spec;
}

// The `status` field of a kind: its choices are the kind table's statuses, in their order.
FieldSpec status_of(Kind kind, std::string_view description = {}) {
    std::vector<std::string_view> names;
    for (const StatusInfo& s : kind_info(kind).statuses) names.push_back(s.name);
    return choice("status", std::move(names), true, description);
}

FieldSpec object(std::string_view name, std::vector<FieldSpec> fields,
                 std::string_view description = {}) {
    return FieldSpec{.name = name,
                     .shape = Shape::Object,
                     .fields = std::move(fields),
                     .description = description};
}

FieldSpec object_list(std::string_view name, std::vector<FieldSpec> fields,
                      std::string_view description = {}) {
    return FieldSpec{.name = name,
                     .shape = Shape::ObjectList,
                     .fields = std::move(fields),
                     .description = description};
}

// A field as `show` titles it: `title` on the record that has it, and, for references, the
// back-reference section (`back_key`, `back_title`) on the record it names.
FieldSpec shown(FieldSpec spec, std::string_view title, std::string_view back_key = {},
                std::string_view back_title = {}) {
    spec.show_title = title;
    spec.back_key = back_key;
    spec.back_title = back_title;
    return spec;
}

// A reference that `show` lists back on the record it names, under `key` and `title`.
FieldSpec back(FieldSpec spec, std::string_view key, std::string_view title) {
    return shown(std::move(spec), {}, key, title);
}

std::vector<FieldSpec> with_common(std::vector<FieldSpec> own) {
    std::vector<FieldSpec> all;
    all.push_back(scalar("id", Id, false, "must equal the file name"));
    for (auto& f : own) all.push_back(std::move(f));
    all.push_back(list("tags", Slug, "free labels"));
    all.push_back(scalar("notes", Text));
    all.push_back(object_list(
        "sources", {scalar("url", Url, true), scalar("title", String), scalar("accessed", Date)},
        "where the facts come from"));
    return all;
}

std::vector<FieldSpec> partner_fields() {
    return with_common({
        scalar("name", String, true, "official name"),
        scalar("short", String, false, "abbreviation, e.g. HKUST"),
        scalar("native_name", String, false, "name in its own script"),
        list("aliases", String, "other names"),
        choice("type",
               {"university", "school", "hospital", "institute", "company", "government", "ngo",
                "other"},
               true),
        ref("parent", Kind::Partner, false, "the organisation it belongs to"),
        scalar("country", Country, true, "ISO 3166-1 alpha-2 code"),
        scalar("city", String),
        scalar("website", Url),
        scalar("ror", Ror, false, "Research Organization Registry id"),
    });
}

std::vector<FieldSpec> person_fields() {
    return with_common({
        scalar("name", String, true, "display name"),
        scalar("native_name", String),
        scalar("honorific", String, false, "Prof., Dr."),
        scalar("email", Email),
        object_list("roles",
                    {back(ref("partner", Kind::Partner, true), "people", "people"),
                     scalar("title", String, true), scalar("from", Date), end_date("until")},
                    "positions held"),
    });
}

std::vector<FieldSpec> agreement_fields() {
    return with_common({
        scalar("title", String, true),
        choice("type",
               {"mou", "framework", "strategic", "cooperation", "exchange", "research", "training",
                "data-sharing", "other"},
               true),
        status_of(Kind::Agreement, "signed: signed, not yet in force; active: in force"),
        [] {
            FieldSpec parties =
                back(ref_list("parties", Kind::Partner, true, "at least two distinct partners"),
                     "agreements", "agreements");
            parties.min_items = 2;
            return parties;
        }(),
        shown(ref("parent", Kind::Agreement, false, "the umbrella agreement this one implements"),
              "implements", "implementing", "implemented by"),
        back(ref("supersedes", Kind::Agreement, false, "the agreement this one replaces"),
             "superseded_by", "superseded by"),
        scalar("signed", Date),
        scalar("effective", Date, false, "defaults to signed"),
        end_date("expires", false, "the last day in force; absent: open-ended"),
        scalar("terminated", Date, false, "the day it ended early"),
        object("renewal", {scalar("notice", Duration), scalar("automatic", Bool),
                           scalar("term", Duration, false, "length of each automatic renewal")}),
        object_list("signatories", {back(ref("person", Kind::Person, true), "signed", "signed"),
                                    ref("partner", Kind::Partner, true), scalar("title", String)}),
        back(ref_list("witnesses", Kind::Person), "witnessed", "witnessed"),
        list("areas", Area),
        list("commitments", String, "what the parties undertake"),
        shown(ref("owner", Kind::Person, false, "who looks after it"), "looked after by", "owns",
              "looks after"),
        object_list("documents",
                    {scalar("title", String), scalar("path", String), scalar("url", Url)},
                    "exactly one of path (relative to the store root) and url"),
    });
}

std::vector<FieldSpec> project_fields() {
    return with_common({
        scalar("title", String, true),
        choice("type",
               {"research-centre", "joint-lab", "joint-team", "research", "exchange", "internship",
                "training", "platform", "other"},
               true),
        status_of(Kind::Project),
        back(ref_list("partners", Kind::Partner, true), "projects", "projects"),
        shown(ref_list("agreements", Kind::Agreement, false, "agreements it runs under"),
              "runs under", "projects", "projects"),
        scalar("start", Date),
        end_date("end"),
        shown(object_list("leads", {back(ref("person", Kind::Person, true), "leads", "leads"),
                                    ref("partner", Kind::Partner)}),
              "led by"),
        list("areas", Area),
        object_list("funding", {scalar("source", String, true), scalar("amount", Number, true),
                                scalar("currency", Currency, true), scalar("year", Date)}),
        object_list("mobility",
                    {scalar("year", Date, true), choice("direction", {"inbound", "outbound"}, true),
                     choice("category", {"student", "faculty", "staff"}, true),
                     scalar("count", WholeNumber, true)},
                    "exchange head-counts"),
        object_list("milestones", {scalar("title", String, true), end_date("due", true),
                                   scalar("done", Bool, false, "defaults to false")}),
    });
}

std::vector<FieldSpec> event_fields() {
    return with_common({
        scalar("title", String, true),
        choice("type", {"visit", "signing", "meeting", "workshop", "conference", "other"}, true),
        scalar("date", Date, true),
        end_date("end", false, "last day of a multi-day event"),
        scalar("location", String),
        back(ref_list("partners", Kind::Partner), "events", "events"),
        back(ref_list("participants", Kind::Person), "events", "took part in"),
        back(ref_list("agreements", Kind::Agreement, false, "signed or discussed there"), "events",
             "events"),
        back(ref_list("projects", Kind::Project), "events", "events"),
    });
}

}  // namespace

std::span<const FieldSpec> fields_of(Kind kind) {
    static const std::array<std::vector<FieldSpec>, all_kinds.size()> tables = {
        partner_fields(), person_fields(), agreement_fields(), project_fields(), event_fields()};
    return tables[static_cast<std::size_t>(kind)];
}

std::span<const FieldSpec> config_fields() {
    static const std::vector<FieldSpec> fields = {
        scalar("name", String, true, "shown in reports"),
        ref("home", Kind::Partner, false, "the home institution: never counted as a partner"),
        list("areas", Slug, "the controlled vocabulary of every `areas` field"),
        scalar("expiring", Duration, false, "window of the expiring report (default 180d)"),
    };
    return fields;
}

const FieldSpec* find_field(std::span<const FieldSpec> fields, std::string_view name) {
    for (const auto& f : fields) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

const FieldSpec* find_field_path(std::span<const FieldSpec> fields, std::string_view path) {
    const auto dot = path.find('.');
    const FieldSpec* spec = find_field(fields, path.substr(0, dot));
    if (!spec || dot == std::string_view::npos) return spec;
    return find_field_path(spec->fields, path.substr(dot + 1));
}

std::string_view value_type_name(ValueType type) {
    switch (type) {
        case String:
            return "string";
        case Text:
            return "text";
        case Id:
            return "id";
        case Ref:
            return "reference";
        case Slug:
            return "slug";
        case Area:
            return "area";
        case Date:
            return "date";
        case Duration:
            return "duration";
        case Bool:
            return "boolean";
        case Number:
            return "number";
        case WholeNumber:
            return "whole number";
        case Url:
            return "url";
        case Country:
            return "country code";
        case Currency:
            return "currency code";
        case Email:
            return "email address";
        case Ror:
            return "ROR id";
        case Enum:
            return "choice";
    }
    return "?";
}

}  // namespace collab
