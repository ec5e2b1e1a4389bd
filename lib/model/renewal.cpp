#include "model/renewal.h"

#include <algorithm>

namespace collab {

namespace {

std::optional<Date> day_field(const Node& mapping, std::string_view field) {
    const std::string_view text = mapping.scalar(field);
    if (text.empty()) return std::nullopt;
    const auto d = parse_date(text);
    if (!d) return std::nullopt;
    return day_of(*d, field);
}

std::optional<Date> start_of(const Record& agreement) {
    auto start = day_field(agreement.root, "effective");
    if (!start) start = day_field(agreement.root, "signed");
    return start;
}

const Node* renewal_of(const Record& agreement) {
    const Node* renewal = agreement.root.get("renewal");
    return renewal && renewal->is_mapping() ? renewal : nullptr;
}

constexpr Duration one_year{1, 'y'};

// True when a step of `step` months from `end` could land on a month shorter than its day
// (February counted as 28 days): the months reached are end.month + i * step, modulo 12.
bool may_clamp(Date end, long step) {
    if (end.day <= 28) return false;
    for (long i = 1; i <= 12; ++i) {
        const int month = static_cast<int>((end.month - 1 + i * (step % 12)) % 12) + 1;
        const int shortest = month == 2 ? 28 : days_in_month(2001, month);
        if (shortest < end.day) return true;
    }
    return false;
}

}  // namespace

Duration renewal_term(const Record& agreement) {
    if (const Node* renewal = renewal_of(agreement)) {
        if (const auto term = parse_duration(renewal->scalar("term")); term && term->count > 0)
            return *term;
    }
    const auto start = start_of(agreement);
    const auto expires = day_field(agreement.root, "expires");
    if (!start || !expires || *expires <= *start) return one_year;
    // A term written as "2021-03-01 to 2024-02-29" (or "... to 2024-03-01") is 36 months: an
    // office counts whole months and years, and stepping by months keeps month ends.
    const long months = (expires->year - start->year) * 12L + (expires->month - start->month);
    for (long m : {months, months + 1}) {
        if (m <= 0) continue;
        const Date end = add(*start, Duration{m, 'm'});
        if (end == *expires || add(end, Duration{1, 'd'}, -1) == *expires) return Duration{m, 'm'};
    }
    return Duration{expires->days_since_epoch() - start->days_since_epoch() + 1, 'd'};
}

std::optional<Date> term_end(const Record& agreement, Date today) {
    const auto expires = day_field(agreement.root, "expires");
    if (!expires) return std::nullopt;
    const Node* renewal = renewal_of(agreement);
    if (!renewal || renewal->scalar("automatic") != "true" || *expires >= today) return expires;
    const Duration term = renewal_term(agreement);
    Date end = *expires;
    if (term.unit == 'd' || term.unit == 'w') {
        // Fixed-length steps: jump straight to the first end >= today (no loop of n steps).
        const long step = term.unit == 'w' ? 7 * term.count : term.count;
        const long behind = today.days_since_epoch() - end.days_since_epoch();
        return Date::from_days(end.days_since_epoch() + (behind + step - 1) / step * step);
    }
    // Month steps clamp at month ends, so each step starts from the previous end (the
    // contract's reading): 2024-01-31 + 1m = 2024-02-29, then 2024-03-29. Once no month the
    // steps can land on is shorter than the day, no step clamps any more and the remaining
    // steps are one jump; until then steps are taken one by one (the day only shrinks).
    const long step = term.unit == 'y' ? 12 * term.count : term.count;
    while (end < today) {
        if (!may_clamp(end, step)) {
            const long behind =
                (today.year - end.year) * 12L + (today.month - end.month);  // months, >= 0
            long k = std::max(1L, behind / step);
            while (add(end, Duration{k * step, 'm'}) < today) ++k;  // at most twice
            return add(end, Duration{k * step, 'm'});
        }
        end = add(end, Duration{step, 'm'});
    }
    return end;
}

std::optional<Date> renewal_notice_date(const Record& agreement, Date today) {
    const auto end = term_end(agreement, today);
    if (!end) return std::nullopt;
    if (const Node* renewal = renewal_of(agreement)) {
        if (const auto notice = parse_duration(renewal->scalar("notice")))
            return add(*end, *notice, -1);
    }
    return end;
}

std::optional<Date> terminated_on(const Record& agreement) {
    return day_field(agreement.root, "terminated");
}

bool in_force(const Record& agreement, Date today) {
    if (agreement.root.scalar("status") != "active") return false;
    const auto start = start_of(agreement);
    if (!start || *start > today) return false;
    if (day_field(agreement.root, "expires")) {
        const auto end = term_end(agreement, today);
        if (!end || *end < today) return false;
    }
    const auto terminated = terminated_on(agreement);
    return !terminated || *terminated > today;
}

}  // namespace collab
