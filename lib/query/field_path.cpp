#include "query/field_path.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/suggest.h"
#include "model/index.h"
#include "model/renewal.h"
#include "model/values.h"

namespace collab {

namespace {

Comparable comparable_of(ValueType type) {
    switch (type) {
        case ValueType::Date:
            return Comparable::Date;
        case ValueType::Number:
        case ValueType::WholeNumber:
            return Comparable::Number;
        case ValueType::Duration:
            return Comparable::Duration;
        case ValueType::Bool:
            return Comparable::Bool;
        default:
            return Comparable::Text;
    }
}

std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        parts.emplace_back(path.substr(start, dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return parts;
}

void add_names(std::span<const FieldSpec> specs, const std::string& prefix,
               std::vector<std::string>& out) {
    for (const auto& s : specs) {
        out.push_back(prefix + std::string(s.name));
        if (!s.fields.empty()) add_names(s.fields, prefix + std::string(s.name) + ".", out);
    }
}

}  // namespace

namespace {

struct ComputedName {
    std::string_view name;
    Kind kind;
    FieldPath::Special special;
    Comparable comparable;
    bool is_ref;  // a partner reference a path can continue through
    bool is_list;
};

// Contract v2, "Computed fields".
constexpr ComputedName computed_fields[] = {
    {"term_end", Kind::Agreement, FieldPath::Special::TermEnd, Comparable::Date, false, false},
    {"notice_date", Kind::Agreement, FieldPath::Special::NoticeDate, Comparable::Date, false,
     false},
    {"days_to_notice", Kind::Agreement, FieldPath::Special::DaysToNotice, Comparable::Number, false,
     false},
    {"days_to_term_end", Kind::Agreement, FieldPath::Special::DaysToTermEnd, Comparable::Number,
     false, false},
    {"counterparties", Kind::Agreement, FieldPath::Special::Counterparties, Comparable::Text, true,
     true},
    {"in_force", Kind::Agreement, FieldPath::Special::InForce, Comparable::Bool, false, false},
    {"top_level", Kind::Partner, FieldPath::Special::TopLevel, Comparable::Text, true, false},
};

const ComputedName* find_computed(Kind kind, std::string_view name) {
    for (const auto& c : computed_fields) {
        if (c.kind == kind && c.name == name) return &c;
    }
    return nullptr;
}

// The flags that describe a path's end, from the rest of the path after a reference.
void take_leaf(FieldPath& f, const FieldPath& next) {
    f.spec = next.spec;
    f.comparable = next.comparable;
    f.last_day = next.last_day;
    f.partner_ref = next.partner_ref;
    f.whole_object = next.whole_object;
    f.is_list = f.is_list || next.is_list;
    f.leaf_kind = next.leaf_kind;
}

class Resolver {
  public:
    Resolver(std::string* why, std::size_t* bad_part, const QueryContext* context,
             bool* suggested)
        : why_(why), bad_part_(bad_part), context_(context), suggested_(suggested) {}

    // The path parts[from..] for records of `kind`.
    std::optional<FieldPath> resolve(Kind kind, const std::vector<std::string>& parts,
                                     std::size_t from) {
        FieldPath f;
        f.leaf_kind = kind;
        if (context_) f.context = *context_;
        for (std::size_t i = from; i < parts.size(); ++i)
            f.text += (i == from ? "" : ".") + parts[i];
        const std::string& first = parts[from];
        const bool last = from + 1 == parts.size();
        if (last) {
            if (first == "id") f.special = FieldPath::Special::Id;
            if (first == "kind") f.special = FieldPath::Special::Kind;
            if (first == "file") f.special = FieldPath::Special::File;
            if (first == "names" && kind == Kind::Partner) {
                f.special = FieldPath::Special::Names;
                f.is_list = true;
            }
            if (f.special != FieldPath::Special::None) {
                f.parts = {first};
                f.partner_ref = f.special == FieldPath::Special::Id && kind == Kind::Partner;
                return f;
            }
        }
        if (const ComputedName* c = find_computed(kind, first); c && context_) {
            f.parts = {first};
            f.special = c->special;
            f.comparable = c->comparable;
            f.is_list = c->is_list;
            f.partner_ref = c->is_ref;
            f.needs_context = true;
            if (last) return f;
            if (!c->is_ref)
                return fail(from + 1, fmt::format("'{}' has no fields inside it", first));
            return hop(f, Kind::Partner, parts, from + 1);
        }
        std::span<const FieldSpec> specs = fields_of(kind);
        for (std::size_t i = from; i < parts.size(); ++i) {
            const FieldSpec* spec = find_field(specs, parts[i]);
            if (!spec) {
                std::vector<std::string> names;
                if (i == from) {
                    names = field_names(kind);
                } else {
                    for (const auto& s : specs) names.emplace_back(s.name);
                }
                const std::string all =
                    i == from
                        ? fmt::format("unknown field '{}' for {}", parts[i],
                                      kind_with_article(kind))
                        : fmt::format("unknown field '{}' in a '{}' entry", parts[i], parts[i - 1]);
                std::string hint = did_you_mean(parts[i], names);
                if (i == from && hint.empty()) {
                    // A nested field named without its parent: `person` for `signatories.person`.
                    for (const auto& n : names) {
                        if (n.ends_with("." + parts[i])) {
                            hint = fmt::format("; did you mean '{}'?", n);
                            break;
                        }
                    }
                }
                if (suggested_) *suggested_ = !hint.empty();
                return fail(i, all + hint);
            }
            f.parts.push_back(parts[i]);
            if (spec->shape == Shape::List || spec->shape == Shape::ObjectList) f.is_list = true;
            f.spec = spec;
            if (i + 1 < parts.size()) {
                if (spec->type == ValueType::Ref && context_)
                    return hop(f, spec->target, parts, i + 1);
                if (spec->fields.empty()) {
                    return fail(i + 1, fmt::format("'{}' has no fields inside it", spec->name));
                }
                specs = spec->fields;
            }
        }
        f.whole_object = f.spec->shape == Shape::Object || f.spec->shape == Shape::ObjectList;
        f.comparable = comparable_of(f.spec->type);
        f.last_day = f.spec->period_end == PeriodEnd::Last;
        f.partner_ref = f.spec->type == ValueType::Ref && f.spec->target == Kind::Partner;
        return f;
    }

  private:
    std::optional<FieldPath> fail(std::size_t part, std::string message) {
        if (why_) *why_ = std::move(message);
        if (bad_part_) *bad_part_ = part;
        return std::nullopt;
    }

    // `f` names a reference to records of `target`; the rest of the path continues there.
    std::optional<FieldPath> hop(FieldPath& f, Kind target, const std::vector<std::string>& parts,
                                 std::size_t from) {
        auto next = resolve(target, parts, from);
        if (!next) return std::nullopt;
        f.target = target;
        f.needs_context = true;
        take_leaf(f, *next);
        f.next = std::make_shared<const FieldPath>(std::move(*next));
        return std::move(f);
    }

    std::string* why_;
    std::size_t* bad_part_;
    const QueryContext* context_;
    bool* suggested_;
};

}  // namespace

KindSet kinds_reached(const FieldPath& path) {
    KindSet out;
    // Index::counterparties asks is_home (the partner hierarchy) and ancestors() reads
    // partners' `parent`: both need the partners' fields, not only their ids.
    if (path.special == FieldPath::Special::Counterparties ||
        path.special == FieldPath::Special::TopLevel)
        out.add(Kind::Partner);
    if (path.next) {
        out.add(path.target);
        out.add(kinds_reached(*path.next));
    }
    return out;
}

std::vector<std::string> field_names(Kind kind) {
    std::vector<std::string> names = {"kind", "file"};
    add_names(fields_of(kind), "", names);
    if (kind == Kind::Partner) names.emplace_back("names");
    for (const auto& c : computed_fields) {
        if (c.kind == kind) names.emplace_back(c.name);
    }
    return names;
}

std::optional<FieldPath> resolve_field(Kind kind, std::string_view path, std::string* why,
                                       std::size_t* bad_part, const QueryContext* context,
                                       bool* suggested) {
    auto f = Resolver(why, bad_part, context, suggested).resolve(kind, split(path), 0);
    if (f) f->text = std::string(path);
    return f;
}

namespace {

// `fallback`: the kind table's constant default of the field (a milestone's `done`), applied
// to each object that leaves it out; nullptr for none.
void collect(const Node& node, const std::vector<std::string>& parts, std::size_t i,
             const FieldDefault* fallback, std::vector<std::string>& out) {
    if (node.is_sequence()) {
        for (const Node& item : node.items) collect(item, parts, i, fallback, out);
        return;
    }
    if (i == parts.size()) {
        if (node.is_scalar() && !node.is_absent()) out.push_back(node.text);
        // An object named as a whole counts as one present value, for presence tests.
        if (node.is_mapping() && !node.is_absent()) out.emplace_back();
        return;
    }
    if (!node.is_mapping()) return;
    const Node* next = node.get(parts[i]);
    if (fallback && !fallback->value.empty() && i + 1 == parts.size() &&
        (!next || next->is_absent())) {
        out.emplace_back(fallback->value);
        return;
    }
    if (next) collect(*next, parts, i + 1, fallback, out);
}

}  // namespace

namespace {

// The values of a computed field (contract v2, "Computed fields") as text.
std::vector<std::string> computed_values(const Record& record, const FieldPath& field) {
    const QueryContext& c = field.context;
    const auto day = [](std::optional<Date> d) {
        return d ? std::vector<std::string>{d->str()} : std::vector<std::string>{};
    };
    const auto days = [&](std::optional<Date> d) {
        return d ? std::vector<std::string>{std::to_string(d->days_since_epoch() -
                                                           c.today.days_since_epoch())}
                 : std::vector<std::string>{};
    };
    switch (field.special) {
        case FieldPath::Special::TermEnd:
            return day(term_end(record, c.today));
        case FieldPath::Special::NoticeDate:
            return day(renewal_notice_date(record, c.today));
        case FieldPath::Special::DaysToNotice:
            return days(renewal_notice_date(record, c.today));
        case FieldPath::Special::DaysToTermEnd:
            return days(term_end(record, c.today));
        case FieldPath::Special::InForce:
            return {in_force(record, c.today) ? "true" : "false"};
        case FieldPath::Special::Counterparties:
            if (!c.index) return record.root.values("parties");
            return c.index->counterparties(record);
        case FieldPath::Special::TopLevel: {
            if (!c.index) return {record.id};
            const auto chain = c.index->ancestors(Kind::Partner, record.id);
            return {chain.empty() ? record.id : chain.back()};
        }
        default:
            return {};
    }
}

bool is_computed(FieldPath::Special s) {
    return s >= FieldPath::Special::TermEnd;
}

}  // namespace

std::vector<std::string> field_values(const Record& record, const FieldPath& field, bool defaults) {
    if (field.next) {
        // Through a reference: the ids it names, then the rest of the path in each record.
        const FieldPath here = [&] {
            FieldPath h = field;
            h.next = nullptr;
            return h;
        }();
        std::vector<std::string> out;
        if (!field.context.index) return out;
        std::set<std::string> seen, visited;
        for (const auto& id : field_values(record, here, false)) {
            // Each record named once: the rest of the path is followed once per record.
            if (!visited.insert(id).second) continue;
            const Record* target = field.context.index->find(field.target, id);
            if (!target) continue;  // dangling: contributes nothing
            for (auto& v : field_values(*target, *field.next, defaults)) {
                if (seen.insert(v).second) out.push_back(std::move(v));
            }
        }
        return out;
    }
    if (is_computed(field.special)) return computed_values(record, field);
    std::vector<std::string> out;
    switch (field.special) {
        case FieldPath::Special::Id:
            return {record.id};
        case FieldPath::Special::Kind:
            return {std::string(kind_name(record.kind))};
        case FieldPath::Special::File:
            return {record.file};
        case FieldPath::Special::Names:
            for (const char* f : {"name", "short", "native_name", "aliases"}) {
                if (const Node* n = record.root.get(f)) collect(*n, {}, 0, nullptr, out);
            }
            return out;
        default:
            break;
    }
    const FieldDefault* fallback = nullptr;
    if (defaults) {
        std::string path;
        for (const auto& part : field.parts) path += (path.empty() ? "" : ".") + part;
        fallback = field_default(record.kind, path);
    }
    collect(record.root, field.parts, 0, fallback, out);
    // A default taken from another field (effective <- signed) applies to the whole record.
    if (fallback && out.empty() && !fallback->from.empty()) {
        const Node* s = record.root.get(fallback->from);
        if (s && s->is_scalar() && !s->is_absent()) out.push_back(s->text);
    }
    return out;
}

}  // namespace collab
