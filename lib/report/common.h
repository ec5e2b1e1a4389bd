// Small helpers the reports share.
#pragma once
#include <string>
#include <vector>

#include "model/record.h"
#include "report/report.h"

namespace collab {

// A list field's present scalar values.
std::vector<std::string> list_values(const Record& record, std::string_view field);
std::string joined(const std::vector<std::string>& values);
// "2026-03-14 (in 58 days)" style counts: days from `today` to `day`.
long days_between(Date from, Date to);
// The span of an agreement or project for a Gantt chart, when it has a start. An agreement
// ends at its term end (through automatic renewals, as of `today`) or its `terminated` day.
std::optional<Span> span_of(const Record& record, Date today);

}  // namespace collab
