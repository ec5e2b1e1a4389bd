// Field paths as users write them in filters, --fields, --sort and --group-by:
// `status`, `parties`, `signatories.person`, `funding.amount`, plus the fields every record
// has (`id`, `kind`, `file`) and a partner's `names`. Contract v2 adds paths that continue
// through a reference into the record it names (`parties.country`, `signatories.person.name`,
// to any depth) and the computed fields (`term_end`, `counterparties`, `top_level` ...).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/record.h"
#include "model/schema.h"
#include "model/values.h"

namespace collab {

class Index;

// What paths through references and computed fields read besides the record: the store's
// records (and its `home`, see Index::home) and today's date.
struct QueryContext {
    const Index* index = nullptr;
    Date today;
};

// How a field's values compare.
enum class Comparable : unsigned char { Text, Date, Number, Duration, Bool };

struct FieldPath {
    enum class Special : unsigned char {
        None,
        Id,
        Kind,
        File,
        Names,
        // The computed fields of contract v2 ("Computed fields").
        TermEnd,
        NoticeDate,
        DaysToNotice,
        DaysToTermEnd,
        Counterparties,
        InForce,
        TopLevel,
    };

    std::string text;  // as written, e.g. "signatories.person"
    std::vector<std::string> parts;
    Special special = Special::None;
    const FieldSpec* spec = nullptr;  // the last part's spec, for table fields
    Comparable comparable = Comparable::Text;
    bool last_day = false;      // a partial date stands for its period's last day
    bool partner_ref = false;   // `under` works on it
    bool whole_object = false;  // names an object or list of objects: presence tests only
    bool is_list = false;       // may hold several values per record

    // A path through a reference: `parts` (or `special`) name the reference in this record,
    // `next` the rest of the path in the records of kind `target`. The flags above describe
    // the end of the whole path.
    std::shared_ptr<const FieldPath> next;
    Kind target = Kind::Partner;
    Kind leaf_kind = Kind::Partner;  // the kind of record the last part is a field of
    QueryContext context;            // set when resolved with one
    bool needs_context = false;      // follows a reference or is computed
};

// Resolves `path` for records of `kind`; on failure returns nullopt, with `why` saying what is
// wrong (and a did-you-mean), `bad_part` the index of the part that is unknown and `suggested`
// whether `why` names a likely field. Paths through references and computed fields need
// `context`: without it they are unknown.
std::optional<FieldPath> resolve_field(Kind kind, std::string_view path, std::string* why = nullptr,
                                       std::size_t* bad_part = nullptr,
                                       const QueryContext* context = nullptr,
                                       bool* suggested = nullptr);

// The kinds whose records field_values() may read for `path`, besides the record itself: the
// kind of every record a reference leads to (`parties.country`: partners), and partners for
// the computed fields that climb the partner hierarchy or ask for the home institution
// (`counterparties`, `top_level`; contract v2, "Computed fields"). A caller that loads only
// some kinds (store/store.h, LoadOptions::decode) must load these with decoded records.
KindSet kinds_reached(const FieldPath& path);

// Every field name usable for `kind`, dotted paths included, for suggestions and completion.
std::vector<std::string> field_names(Kind kind);

// The values of the field in the record, with any-element semantics over lists (each
// signatory's person, each party). Absent values are left out. With `defaults`, `effective`
// falls back to `signed` and a milestone without `done` is "false", as filters see them.
// Through a reference, values are collected from every record named at every step (a
// dangling reference gives nothing) and each value is kept once per record, so grouping by
// `parties.country` counts an agreement once per country.
std::vector<std::string> field_values(const Record& record, const FieldPath& field,
                                      bool defaults = false);

}  // namespace collab
