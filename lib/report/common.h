// Small helpers the reports share.
#pragma once
#include <string>
#include <vector>

#include "model/index.h"
#include "model/record.h"
#include "report/report.h"

namespace collab {

// A list field's present scalar values.
std::vector<std::string> list_values(const Record& record, std::string_view field);
std::string joined(const std::vector<std::string>& values);
// The record `id` of `kind` as a cell's reference: its display name from label_of, empty when
// the id names no record (a dangling reference, written as null).
Ref ref_to(const Index& index, Kind kind, const std::string& id);
// Partner ids as a Refs cell that people see as "a, b" (joined).
Cell partners_cell(const Index& index, const std::vector<std::string>& ids);
// A person id as a Ref cell that people see as the id; empty id: absent.
Cell person_cell(const Index& index, std::string_view id);
// "2026-03-14 (in 58 days)" style counts: days from `today` to `day`.
long days_between(Date from, Date to);
// The span of an agreement or project for a Gantt chart, when it has a start. An agreement
// ends at its term end (through automatic renewals, as of `today`) or its `terminated` day.
std::optional<Span> span_of(const Record& record, Date today);

}  // namespace collab
