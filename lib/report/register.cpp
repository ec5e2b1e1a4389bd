// register: one row per agreement, the flat list the office hands on (issue 18): who it is
// with (counterparties, their countries and top-level organisations, contract v2 "The home
// institution"), its dates (term end and notice date through model/renewal.h, contract v2
// "Renewal terms and termination"), its owner, areas and file.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "model/renewal.h"
#include "query/related.h"
#include "report/common.h"
#include "report/reports.h"
#include "report/terms.h"

namespace collab {

namespace {

// Lists inside one cell are joined with "; " for people: names often hold commas.
std::string listed(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : "; ") + v;
    return out;
}

// The name when the record exists, else the id (a dangling reference still says something).
std::string shown(const Ref& r) {
    return r.name.empty() ? r.id : r.name;
}

Cell refs_by_name(std::vector<Ref> refs) {
    std::vector<std::string> names;
    for (const Ref& r : refs) names.push_back(shown(r));
    return Cell::ref_list(std::move(refs), listed(names));
}

}  // namespace

Report register_report(const Scope& scope) {
    Report r{"register",
             "Agreement register of " + scope.config.name,
             scope.config.name,
             scope.today,
             scope.filter,
             {},
             {}};
    const Date today = scope.today;
    std::vector<const Record*> agreements = scope.of(Kind::Agreement);
    std::stable_sort(agreements.begin(), agreements.end(),
                     [](const Record* a, const Record* b) { return a->id < b->id; });

    ReportSection section{"register", "Agreement register", {}, {}, {}, {}, {}};
    section.note = fmt::format(
        "One row per agreement, by id. Counterparties: the parties other than the home "
        "institution. Effective defaults to signed. Term end: expires rolled forward through "
        "automatic renewals as of {}; notice date: term end minus renewal.notice. Lists are "
        "separated by \"; \".",
        today.str());
    ReportTable t{"register",
                  "Agreement register",
                  {"id", "title", "type", "status", "counterparties", "countries",
                   "top-level organisations", "signed", "effective", "expires", "term end",
                   "notice date", "days to notice", "automatic renewal", "owner", "areas", "file"},
                  {}};
    t.types = {CellType::Text, CellType::Text, CellType::Text,   CellType::Text,    CellType::Refs,
               CellType::List, CellType::Refs, CellType::Date,   CellType::Date,    CellType::Date,
               CellType::Date, CellType::Date, CellType::Number, CellType::Boolean, CellType::Ref,
               CellType::List, CellType::Text};
    // On a page: who, what, and when to act (id, title, status, counterparties, term end,
    // notice date, days to notice, owner); all 17 columns do not fit 1280 px.
    t.page_columns = {0, 1, 3, 4, 10, 11, 12, 14};
    long due = 0, gone = 0, flagged = 0;
    for (const Record* a : agreements) {
        std::vector<Ref> counterparties, tops;
        std::vector<std::string> countries;
        // Once each, in the order of first appearance; sets keep a long parties list n log n.
        std::set<std::string> seen_countries, seen_tops;
        for (std::string& p : scope.index.counterparties(*a)) {
            // One look-up per party serves its name and its country (was two).
            const Record* pr = scope.index.find(Kind::Partner, p);
            std::string name = pr ? label_of(*pr) : std::string();
            if (pr) {
                std::string country(pr->root.scalar("country"));
                if (!country.empty() && seen_countries.insert(country).second)
                    countries.push_back(std::move(country));
            }
            std::string top = top_level(scope.index, p);
            // A top-level partner is its own top: its name is known already.
            if (seen_tops.insert(top).second) {
                tops.push_back(top == p ? Ref{top, name} : ref_to(scope.index, Kind::Partner, top));
            }
            counterparties.push_back(Ref{std::move(p), std::move(name)});
        }
        std::string effective(a->root.scalar("effective"));
        if (effective.empty()) effective = a->root.scalar("signed");
        const auto end = term_end(*a, today);
        const auto notice = notice_date(*a, today);
        const Node* renewal = a->root.get("renewal");
        const bool automatic =
            renewal && renewal->is_mapping() && renewal->scalar("automatic") == "true";
        const std::string owner_id(a->root.scalar("owner"));
        const Ref owner = ref_to(scope.index, Kind::Person, owner_id);
        const auto areas = list_values(*a, "areas");
        t.rows.push_back(
            {a->id, label_of(*a), std::string(a->root.scalar("type")),
             std::string(a->root.scalar("status")), refs_by_name(std::move(counterparties)),
             Cell::list(countries, listed(countries)), refs_by_name(std::move(tops)),
             Cell::date(std::string(a->root.scalar("signed"))), Cell::date(effective),
             Cell::date(std::string(a->root.scalar("expires"))), Cell::date(end ? end->str() : ""),
             Cell::date(notice ? notice->str() : ""),
             Cell::count(notice ? std::optional<long>(days_between(today, *notice)) : std::nullopt),
             Cell::boolean(automatic),
             owner_id.empty() ? Cell::typed(CellType::Ref) : Cell::ref(owner, shown(owner)),
             Cell::list(areas, listed(areas)), a->file});
        const bool is_due = needs_attention(*a, today, scope.config.expiring);
        const bool is_gone = lapsed(*a, today);
        due += is_due ? 1 : 0;
        gone += is_gone ? 1 : 0;
        flagged += is_due || is_gone ? 1 : 0;
    }
    section.facts.push_back(
        {"count", "agreements", Cell::count(static_cast<long>(agreements.size()))});
    section.facts.push_back(
        {"due", fmt::format("due for a decision (notice within {})", scope.config.expiring.str()),
         Cell::count(due)});
    section.facts.push_back(
        {"lapsed", "lapsed (still marked active or signed)", Cell::count(gone)});
    section.tables.push_back(t);
    r.flat = std::move(t);
    r.sections.push_back(std::move(section));
    r.due_or_lapsed = flagged;
    return r;
}

}  // namespace collab
