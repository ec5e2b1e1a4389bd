#include "query/related.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <iterator>
#include <set>
#include <stdexcept>

#include "core/suggest.h"
#include "model/refs.h"
#include "query/names.h"
#include "util/errors.h"
#include "util/utf8.h"

namespace collab {

std::string label_of(const Record& record) {
    return std::string(record.root.scalar(kind_info(record.kind).label_field));
}

namespace {

std::vector<const Node*> entries(const Node& root, std::string_view field) {
    std::vector<const Node*> out;
    const Node* n = root.get(field);
    if (!n || !n->is_sequence()) return out;
    for (const Node& item : n->items) {
        if (item.is_mapping()) out.push_back(&item);
    }
    return out;
}

std::string period(const Node& entry, std::string_view from, std::string_view until) {
    const std::string_view a = entry.scalar(from);
    const std::string_view b = entry.scalar(until);
    if (a.empty() && b.empty()) return {};
    return fmt::format(" ({}–{})", a, b);
}

class Builder {
  public:
    Builder(const Record& record, std::span<const Record> all, const Index& index)
        : record_(record), all_(all), index_(index) {}

    std::vector<RelatedSection> build() {
        switch (record_.kind) {
            case Kind::Partner:
                partner();
                break;
            case Kind::Person:
                person();
                break;
            case Kind::Agreement:
                agreement();
                break;
            case Kind::Project:
                project();
                break;
            case Kind::Event:
                event();
                break;
        }
        return {std::make_move_iterator(sections_.begin()),
                std::make_move_iterator(sections_.end())};
    }

  private:
    RelatedSection& section(std::string key, std::string title) {
        sections_.push_back({std::move(key), std::move(title), {}});
        return sections_.back();
    }

    RelatedItem item(Kind kind, const std::string& id, std::string detail = {}) const {
        const Record* r = index_.find(kind, id);
        return {kind, id, r ? label_of(*r) : "(missing)", std::move(detail)};
    }
    RelatedItem item(const Record& r, std::string detail = {}) const {
        return {r.kind, r.id, label_of(r), std::move(detail)};
    }

    // The spec of the field of `kind` at a dotted path; a path the field tables lack is a bug
    // in collab.
    static const FieldSpec& spec(Kind kind, std::string_view path) {
        const FieldSpec* s = find_field_path(fields_of(kind), path);
        if (!s) throw std::logic_error("no field " + std::string(path));
        return *s;
    }

    // The section for what this record's field `path` holds, titled by the field table.
    RelatedSection& forward_section(std::string_view path) {
        const FieldSpec& s = spec(record_.kind, path);
        return section(std::string(s.name),
                       std::string(s.show_title.empty() ? s.name : s.show_title));
    }

    // The section for the records of `kind` whose field `path` names this record.
    RelatedSection& back_section(Kind kind, std::string_view path) {
        const FieldSpec& s = spec(kind, path);
        return section(std::string(s.back_key), std::string(s.back_title));
    }

    // The ids a record's reference field `path` names, in file order (for_each_ref).
    static std::vector<std::string> ids_at(const Record& r, std::string_view path) {
        std::vector<std::string> ids;
        for_each_ref(r, [&](const RefUse& use) {
            if (use.path == path) ids.push_back(use.value.text);
        });
        return ids;
    }

    // Items for every id this record's reference field `path` names.
    void refs(std::string_view path) {
        auto& s = forward_section(path);
        const Kind kind = spec(record_.kind, path).target;
        for (const auto& id : ids_at(record_, path))
            s.items.push_back(item(kind, id, detail_of(kind, id)));
    }

    std::string detail_of(Kind kind, const std::string& id) const {
        const Record* r = index_.find(kind, id);
        if (!r) return {};
        switch (kind) {
            case Kind::Partner:
                return std::string(r->root.scalar("type"));
            case Kind::Agreement:
            case Kind::Project:
                return std::string(r->root.scalar("status"));
            case Kind::Event:
                return std::string(r->root.scalar("date"));
            default:  // people, and kinds with nothing worth a column
                break;
        }
        return {};
    }

    // Records of `kind` for which `pred` holds, sorted by id (records are already sorted by file).
    template <typename Pred>
    void each(Kind kind, Pred pred) {
        for (const Record& r : all_) {
            if (r.kind == kind) pred(r);
        }
    }

    void partner() {
        const std::string& me = record_.id;
        auto& parents = section("belongs_to", "belongs to");
        for (const auto& id : index_.ancestors(Kind::Partner, me))
            parents.items.push_back(item(Kind::Partner, id, detail_of(Kind::Partner, id)));

        std::set<std::string> scope = {me};
        auto& subs = section("sub_organisations", "sub-organisations");
        each(Kind::Partner, [&](const Record& r) {
            if (r.id != me && index_.belongs_to(r.id, me)) {
                scope.insert(r.id);
                subs.items.push_back(item(r, fmt::format("{}, under {}", r.root.scalar("type"),
                                                         r.root.scalar("parent"))));
            }
        });
        const auto via = [&](const std::vector<std::string>& ids) {
            std::string out;
            for (const auto& id : ids) {
                if (id != me && scope.contains(id)) out += (out.empty() ? "via " : ", ") + id;
            }
            return out;
        };
        const auto in_scope = [&](const std::vector<std::string>& ids) {
            return std::any_of(ids.begin(), ids.end(),
                               [&](const auto& id) { return scope.contains(id); });
        };
        const auto join = [](std::string_view a, const std::string& b) {
            return b.empty() ? std::string(a) : (a.empty() ? b : fmt::format("{}, {}", a, b));
        };

        auto& people = back_section(Kind::Person, "roles.partner");
        each(Kind::Person, [&](const Record& r) {
            for (const Node* role : entries(r.root, "roles")) {
                const std::string at(role->scalar("partner"));
                if (!scope.contains(at)) continue;
                people.items.push_back(item(
                    r, fmt::format("{}{}{}", role->scalar("title"), at == me ? "" : " at " + at,
                                   period(*role, "from", "until"))));
            }
        });
        auto& agreements = back_section(Kind::Agreement, "parties");
        each(Kind::Agreement, [&](const Record& r) {
            const auto parties = ids_at(r, "parties");
            if (in_scope(parties))
                agreements.items.push_back(item(r, join(r.root.scalar("status"), via(parties))));
        });
        auto& projects = back_section(Kind::Project, "partners");
        each(Kind::Project, [&](const Record& r) {
            const auto partners = ids_at(r, "partners");
            if (in_scope(partners))
                projects.items.push_back(item(r, join(r.root.scalar("status"), via(partners))));
        });
        auto& events = back_section(Kind::Event, "partners");
        each(Kind::Event, [&](const Record& r) {
            const auto partners = ids_at(r, "partners");
            if (in_scope(partners))
                events.items.push_back(item(r, std::string(r.root.scalar("date"))));
        });
        std::stable_sort(events.items.begin(), events.items.end(),
                         [](const auto& a, const auto& b) { return a.detail < b.detail; });
    }

    void person() {
        const std::string& me = record_.id;
        auto& roles = forward_section("roles");
        for (const Node* role : entries(record_.root, "roles")) {
            roles.items.push_back(
                item(Kind::Partner, std::string(role->scalar("partner")),
                     fmt::format("{}{}", role->scalar("title"), period(*role, "from", "until"))));
        }
        auto& signed_ = back_section(Kind::Agreement, "signatories.person");
        each(Kind::Agreement, [&](const Record& r) {
            for (const Node* s : entries(r.root, "signatories")) {
                if (s->scalar("person") == me) {
                    signed_.items.push_back(item(
                        r, fmt::format("for {}, {}", s->scalar("partner"),
                                       r.root.scalar("signed").empty() ? "undated"
                                                                       : r.root.scalar("signed"))));
                }
            }
        });
        back_refs(Kind::Agreement, "witnesses");
        back_refs(Kind::Agreement, "owner");
        back_refs(Kind::Project, "leads.person");
        back_refs(Kind::Event, "participants");
    }

    void agreement() {
        refs("parties");
        auto& sigs = forward_section("signatories");
        for (const Node* s : entries(record_.root, "signatories")) {
            const std::string title(s->scalar("title"));
            sigs.items.push_back(item(
                Kind::Person, std::string(s->scalar("person")),
                fmt::format("for {}{}", s->scalar("partner"), title.empty() ? "" : ", " + title)));
        }
        refs("witnesses");
        refs("owner");
        refs("parent");
        back_refs(Kind::Agreement, "parent");
        back_refs(Kind::Agreement, "supersedes");
        refs("supersedes");
        back_refs(Kind::Project, "agreements");
        back_refs(Kind::Event, "agreements");
    }

    void project() {
        refs("partners");
        refs("agreements");
        auto& leads = forward_section("leads");
        for (const Node* l : entries(record_.root, "leads")) {
            const std::string partner(l->scalar("partner"));
            leads.items.push_back(item(Kind::Person, std::string(l->scalar("person")),
                                       partner.empty() ? "" : "for " + partner));
        }
        back_refs(Kind::Event, "projects");
    }

    void event() {
        refs("partners");
        refs("participants");
        refs("agreements");
        refs("projects");
    }

    // Records of `kind` whose field `path` names this record, found through the field tables
    // (for_each_ref), each listed once, in the section the field's spec names.
    void back_refs(Kind kind, std::string_view path) {
        auto& s = back_section(kind, path);
        each(kind, [&](const Record& r) {
            bool names_me = false;
            for_each_ref(r, [&](const RefUse& use) {
                names_me = names_me || (use.path == path && use.spec.target == record_.kind &&
                                        use.value.text == record_.id);
            });
            if (names_me) s.items.push_back(item(r, detail_of(kind, r.id)));
        });
    }

    const Record& record_;
    std::span<const Record> all_;
    const Index& index_;
    // A deque: section() hands out references that later sections must not invalidate
    // (a vector's reallocation did, found by AddressSanitizer).
    std::deque<RelatedSection> sections_;
};

}  // namespace

std::vector<RelatedSection> related(const Record& record, std::span<const Record> all,
                                    const Index& index) {
    return Builder(record, all, index).build();
}

const Record& resolve_record(std::string_view ref, const Index& index) {
    std::vector<const Record*> found;
    const auto slash = ref.find('/');
    std::vector<Kind> kinds(all_kinds.begin(), all_kinds.end());
    std::string_view id = ref;
    if (slash != std::string_view::npos) {
        const auto kind = parse_kind(ref.substr(0, slash));
        if (!kind) {
            throw UsageError(
                fmt::format("'{}' is not a kind", ref.substr(0, slash)),
                "write KIND/ID with a kind such as agreement or partners, or just the id");
        }
        kinds = {*kind};
        id = ref.substr(slash + 1);
    }
    for (Kind k : kinds) {
        if (const Record* r = index.find(k, id)) found.push_back(r);
    }
    if (found.size() == 1) return *found.front();
    if (found.empty()) {
        // Contract v2, "Look-up by name": no id, so a name, short name, alias or title.
        const auto named = find_by_name(id, kinds, index);
        if (named.size() == 1) return *named.front();
        if (named.size() > 1) {
            std::string choices;
            for (const Record* r : named) {
                choices +=
                    fmt::format("\n  {}/{}  {}", kind_name(r->kind), r->id, shorten(label_of(*r)));
            }
            throw UsageError(
                fmt::format("'{}' names {} records:{}", shorten(ref), named.size(), choices),
                "give one of their ids");
        }
        std::vector<std::string> bare;
        for (Kind k : kinds) {
            for (const auto& other : index.ids(k)) {
                bare.push_back(other);
                if (const Record* r = index.find(k, other)) {
                    for (auto& n : lookup_names(*r)) bare.push_back(std::move(n));
                }
            }
        }
        std::string hint = did_you_mean(id, bare);
        throw UsageError(fmt::format("no record '{}'{}", ref, hint),
                         "`collab list KIND --format ids` lists the ids of a kind");
    }
    std::string choices;
    for (const Record* r : found)
        choices += (choices.empty() ? "" : ", ") + std::string(kind_name(r->kind)) + "/" + r->id;
    throw UsageError(fmt::format("'{}' is ambiguous: {}", ref, choices), "name the kind: KIND/ID");
}

}  // namespace collab
