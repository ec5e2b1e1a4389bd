#include "report/scope.h"

#include <optional>

#include "query/filter.h"

namespace collab {

std::vector<const Record*> Scope::of(Kind kind) const {
    std::vector<const Record*> out;
    for (const Record* r : selected) {
        if (r->kind == kind) out.push_back(r);
    }
    return out;
}

Scope make_scope(const Config& config, std::span<const Record> records, const Index& index,
                 Date today, std::span<const std::string> filter_args, Tally validation) {
    Scope scope{config, records, index, today, {}, {}, validation};
    std::vector<std::optional<Filter>> filters(all_kinds.size());
    // When no kind accepts the filter, the most telling error is the one that got furthest
    // into the expression (`parties unde zju` is fine for agreements up to `unde`), and
    // among equals one with a did-you-mean.
    std::optional<FilterError> best;
    const auto better = [](const FilterError& a, const FilterError& b) {
        return a.position != b.position ? a.position > b.position : (a.suggests && !b.suggests);
    };
    for (Kind k : all_kinds) {
        try {
            filters[static_cast<std::size_t>(k)] =
                Filter::parse(filter_args, k, FilterContext{today, &index});
        } catch (const FilterError& e) {
            if (!best || better(e, *best)) best = e;
        }
    }
    bool any = false;
    for (const auto& f : filters) any = any || f.has_value();
    if (!any && best) throw *best;
    for (const Record& r : records) {
        const auto& f = filters[static_cast<std::size_t>(r.kind)];
        if (f && f->matches(r, index)) scope.selected.push_back(&r);
    }
    if (!filter_args.empty()) {
        for (const auto& f : filters) {
            if (f) {
                scope.filter = f->explain();
                break;
            }
        }
    }
    return scope;
}

}  // namespace collab
