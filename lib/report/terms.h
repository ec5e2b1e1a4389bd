// The dates that matter about an agreement or project: its term, the notice date, and
// whether it needs attention.
#pragma once
#include <optional>

#include "model/record.h"
#include "model/values.h"

namespace collab {

// The day a dated field of a record stands for (expires/end/until/due: last day of a
// partial date, others the first), if present and valid.
std::optional<Date> record_day(const Record& record, std::string_view field);

// effective (or signed) .. expires; projects start .. end.
struct Term {
    std::optional<Date> start;
    std::optional<Date> end;
};
Term term_of(const Record& record);

// The term end (`expires` rolled forward through automatic renewals, model/renewal.h)
// minus `renewal.notice`, or just the term end.
std::optional<Date> notice_date(const Record& agreement, Date today);

// active or signed, not terminated, term end on or after today, notice date on or before
// today + window.
bool needs_attention(const Record& agreement, Date today, const Duration& window);
// active or signed, but the term end is before today or it was terminated on or before today.
bool lapsed(const Record& agreement, Date today);
// The day a lapsed agreement stopped: its `terminated` date when that is on or before today,
// else its term end.
std::optional<Date> lapsed_on(const Record& agreement, Date today);

// The top of the partner's parent chain (itself when it has no parent).
std::string top_level(const class Index& index, const std::string& partner);

}  // namespace collab
