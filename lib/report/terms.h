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

// `expires` minus `renewal.notice`, or just `expires`.
std::optional<Date> notice_date(const Record& agreement);

// active or signed, expires on or after today, notice date on or before today + window.
bool needs_attention(const Record& agreement, Date today, const Duration& window);
// active or signed, but expires before today.
bool lapsed(const Record& agreement, Date today);

// The top of the partner's parent chain (itself when it has no parent).
std::string top_level(const class Index& index, const std::string& partner);

}  // namespace collab
