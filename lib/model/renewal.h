// Renewal terms of agreements (contract, "Version 2 additions" / "Renewal terms and
// termination"): the term end rolled forward through automatic renewals, the notice date,
// and whether an agreement is in force today. Pure functions of one record and today.
#pragma once
#include <optional>

#include "model/record.h"
#include "model/values.h"

namespace collab {

// The length of each automatic renewal: `renewal.term`; without it the length of the first
// term (`effective`, defaulting to `signed`, to `expires`): whole months when `expires` is
// the start plus N months (or that day minus one, the last day of the term), else its length
// in days; without those dates (or for a first term that is not positive) `1y`.
Duration renewal_term(const Record& agreement);

// The term end: `expires` (its last day when partial), moved forward by the renewal term,
// each step from the previous end with month-end clamping, until it is >= today, when
// `renewal.automatic` is true and `expires` < today. Nothing when `expires` is absent or
// not a date.
std::optional<Date> term_end(const Record& agreement, Date today);

// The term end minus `renewal.notice` (the term end itself without a notice period).
std::optional<Date> renewal_notice_date(const Record& agreement, Date today);

// The day `terminated` stands for, when present and a date.
std::optional<Date> terminated_on(const Record& agreement);

// The contract's `in_force`: status `active`, effective (defaulting to signed) <= today <=
// term end (or no `expires`), and no `terminated` on or before today.
bool in_force(const Record& agreement, Date today);

}  // namespace collab
