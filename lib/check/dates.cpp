// date-order: signed <= effective < expires; start <= end; from <= until; date <= end.
#include <fmt/format.h>

#include "check/checks.h"

namespace collab {

std::optional<PartialDate> date_field(const Node& mapping, std::string_view field) {
    const Node* v = mapping.get(field);
    if (!v || !v->is_scalar() || v->is_absent()) return std::nullopt;
    return parse_date(v->text);
}

namespace {

// Reports when `later` comes before `earlier` (or on the same day, when `strict`).
void order(const Node& map, std::string_view earlier, std::string_view later, bool strict,
           const std::string& prefix, std::vector<Diagnostic>& out, std::string_view note = {}) {
    const auto a = date_field(map, earlier);
    const auto b = date_field(map, later);
    if (!a || !b) return;
    const Date da = day_of(*a, earlier);
    const Date db = day_of(*b, later);
    if (db > da || (!strict && db == da)) return;
    out.push_back(
        make_diagnostic("date-order", map.get(later)->mark,
                        fmt::format("{}{} ({}) must be {} {} ({}){}", prefix, later, b->str(),
                                    strict ? "after" : "on or after", earlier, a->str(), note),
                        prefix + std::string(later)));
}

}  // namespace

void check_dates(const Record& record, std::vector<Diagnostic>& out) {
    const Node& r = record.root;
    switch (record.kind) {
        case Kind::Agreement:
            order(r, "signed", "effective", false, "", out);
            if (date_field(r, "effective")) {
                order(r, "effective", "expires", true, "", out);
            } else if (const FieldDefault* d = field_default(record.kind, "effective")) {
                // The kind table's default: effective <- signed.
                order(r, d->from, "expires", true, "", out,
                      ", which is also the effective date when none is given");
            }
            // Contract v2, "Renewal terms and termination": terminated on or after effective.
            if (date_field(r, "effective")) {
                order(r, "effective", "terminated", false, "", out);
            } else {
                order(r, "signed", "terminated", false, "", out,
                      ", which is also the effective date when none is given");
            }
            break;
        case Kind::Project:
            order(r, "start", "end", false, "", out);
            break;
        case Kind::Event:
            order(r, "date", "end", false, "", out);
            break;
        case Kind::Person:
            if (const Node* roles = r.get("roles"); roles && roles->is_sequence()) {
                for (const Node& role : roles->items) {
                    if (role.is_mapping()) order(role, "from", "until", false, "roles.", out);
                }
            }
            break;
        default:  // partners, and kinds whose dates have no order to keep
            break;
    }
}

}  // namespace collab
