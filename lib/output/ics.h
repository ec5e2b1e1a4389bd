// iCalendar (RFC 5545) through libical: the entries of report/calendar.h as a calendar that
// Outlook, Google Calendar and Apple Calendar import or subscribe to.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/values.h"
#include "report/calendar.h"

namespace collab {

struct IcsOptions {
    std::string name;  // X-WR-CALNAME: the calendar's name in the subscriber's list
    Date today;        // DTSTAMP: today at 00:00:00 UTC, so the same store gives the same file
    // A VALARM this long before each entry's first day (a reminder), in whole days: weeks are 7
    // days, months and years are counted back in the calendar from the entry's first day.
    std::optional<Duration> alarm;
};

// The UID of an entry (RFC 5545 §3.8.4.7): 16 hex digits of FNV-1a 64 over
// "<store name>/<entry.key>", then "@collab.invalid" (a reserved domain, RFC 2606, so no
// other producer's UIDs can collide). Stable: the same record, kind of date and date give
// the same UID across runs and machines.
std::string calendar_uid(std::string_view store_name, const CalendarEntry& entry);

// A VCALENDAR (VERSION 2.0, PRODID, CALSCALE GREGORIAN, METHOD PUBLISH) with one all-day
// VEVENT per entry: DTSTART/DTEND as DATE values (DTEND the day after the last, exclusive as
// §3.6.1 says), SUMMARY, DESCRIPTION, CATEGORIES (entry.what), TRANSP TRANSPARENT (a
// reminder, not busy time), UID, DTSTAMP, and the VALARM of `options.alarm`. Text goes
// through printable() first (controls RFC 5545 §3.3.11 forbids become U+FFFD, LF kept) and is
// escaped by libical (\\ \; \, \n); lines are folded at 75 octets, never inside a UTF-8
// character (§3.1), with CRLF line ends. Throws std::runtime_error if libical fails.
std::string render_ics(std::span<const CalendarEntry> entries, const IcsOptions& options);

// RFC 5545 §3.1 folding of one unfolded content line (without its CRLF): pieces of at most
// 75 octets, each continuation starting with a space, cut only between UTF-8 characters.
std::string fold_ics_line(std::string_view line);

}  // namespace collab
