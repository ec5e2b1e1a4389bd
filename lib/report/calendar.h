// `collab calendar`: the dates a store holds as calendar entries (plain data; the iCalendar
// text is written by output/ics.h).
#pragma once
#include <string>
#include <vector>

#include "model/kind.h"
#include "model/values.h"
#include "report/scope.h"

namespace collab {

// One all-day entry, from `first` to `last` (inclusive days).
struct CalendarEntry {
    // What the entry is, also its CATEGORIES value: "notice" (an agreement's notice date),
    // "term-end" (its term end), "milestone" (a project's undone milestone), "event".
    std::string what;
    Kind kind = Kind::Agreement;
    std::string id;       // the record's id
    std::string summary;  // "Notice due: <title>", "Term ends: <title>" ...
    std::string description;
    Date first;
    Date last;
    // For the UID: "agreement/<id>/notice/2027-01-31"; a milestone adds its position and
    // title. The same record, kind of date and date give the same key on every run.
    std::string key;
};

// The entries of the records `scope` selects, sorted by first day, then key:
// - every agreement with status active or signed and no `terminated` on or before today
//   (one that is still to be decided) gives its notice date and its term end (contract v2,
//   "Renewal terms and termination"; both as of today), the description naming the
//   counterparties (by name, "; " between them), the owner, the term end and the file;
// - every milestone of a project whose `done` is not true and whose `due` is a date (a
//   partial date stands for its last day), in projects that are not completed or cancelled;
// - every event, from `date` (its first day) to `end` (its last day); without `end`, to the
//   last day of `date` (one day, or all of a partial date's month or year).
// Records with errors in these dates are left out (validate reports them).
std::vector<CalendarEntry> calendar_entries(const Scope& scope);

}  // namespace collab
