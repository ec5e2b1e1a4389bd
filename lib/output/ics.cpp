#include "output/ics.h"

#include <fmt/format.h>
#include <libical/ical.h>

#include <cstdint>
#include <memory>
#include <stdexcept>

#include "util/fnv.h"
#include "util/utf8.h"

namespace collab {

namespace {

icaltimetype ical_date(Date d) {
    icaltimetype t = icaltime_null_date();
    t.year = d.year;
    t.month = d.month;
    t.day = d.day;
    t.is_date = 1;
    return t;
}

// Controls out (RFC 5545 §3.3.11 allows none but HTAB in TEXT); libical escapes the rest.
std::string text(std::string_view s) {
    return printable(s, "\n");
}

void add_prop(icalcomponent* c, icalproperty* p) {
    if (!p) throw std::runtime_error("ics: libical could not make a property");
    icalcomponent_add_property(c, p);
}

// Unfolds libical's output ("\r\n " continuations) and folds every line again at 75 octets
// on UTF-8 character boundaries: libical 3.0 may cut inside a multi-byte character.
std::string refold(std::string_view raw) {
    std::string unfolded;
    unfolded.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\r' && i + 2 < raw.size() && raw[i + 1] == '\n' &&
            (raw[i + 2] == ' ' || raw[i + 2] == '\t')) {
            i += 2;
            continue;
        }
        if (raw[i] == '\n' && i + 1 < raw.size() && (raw[i + 1] == ' ' || raw[i + 1] == '\t')) {
            ++i;
            continue;
        }
        unfolded += raw[i];
    }
    std::string out;
    std::size_t start = 0;
    while (start < unfolded.size()) {
        std::size_t end = unfolded.find('\n', start);
        if (end == std::string::npos) end = unfolded.size();
        std::string_view line(unfolded.data() + start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty()) out += fold_ics_line(line) + "\r\n";
        start = end + 1;
    }
    return out;
}

}  // namespace

std::string fold_ics_line(std::string_view line) {
    std::string out;
    std::size_t room = 75;  // the first line: 75 octets; continuations: a space + 74
    while (line.size() > room) {
        std::size_t cut = room;
        // Back off to the start of a UTF-8 character (not a 10xxxxxx continuation byte).
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out += line.substr(0, cut);
        out += "\r\n ";
        line.remove_prefix(cut);
        room = 74;
    }
    out += line;
    return out;
}

std::string calendar_uid(std::string_view store_name, const CalendarEntry& entry) {
    const std::uint64_t h = fnv1a_64(entry.key, fnv1a_64("/", fnv1a_64(store_name)));
    return fmt::format("{:016x}@collab.invalid", h);
}

std::string render_ics(std::span<const CalendarEntry> entries, const IcsOptions& options) {
    const auto free_component = [](icalcomponent* c) { icalcomponent_free(c); };
    std::unique_ptr<icalcomponent, decltype(free_component)> cal(icalcomponent_new_vcalendar(),
                                                                 free_component);
    if (!cal) throw std::runtime_error("ics: libical could not make a calendar");
    add_prop(cal.get(), icalproperty_new_version("2.0"));
    add_prop(cal.get(), icalproperty_new_prodid("-//collab//collab calendar//EN"));
    add_prop(cal.get(), icalproperty_new_calscale("GREGORIAN"));
    add_prop(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalproperty* name = icalproperty_new_x(text(options.name).c_str());
    if (!name) throw std::runtime_error("ics: libical could not make a property");
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    add_prop(cal.get(), name);

    icaltimetype stamp = icaltime_null_time();
    stamp.year = options.today.year;
    stamp.month = options.today.month;
    stamp.day = options.today.day;
    stamp.zone = icaltimezone_get_utc_timezone();

    for (const CalendarEntry& e : entries) {
        icalcomponent* ev = icalcomponent_new_vevent();
        if (!ev) throw std::runtime_error("ics: libical could not make an event");
        icalcomponent_add_component(cal.get(), ev);  // owned by the calendar from here on
        add_prop(ev, icalproperty_new_uid(calendar_uid(options.name, e).c_str()));
        add_prop(ev, icalproperty_new_dtstamp(stamp));
        add_prop(ev, icalproperty_new_dtstart(ical_date(e.first)));
        add_prop(ev,
                 icalproperty_new_dtend(ical_date(Date::from_days(e.last.days_since_epoch() + 1))));
        add_prop(ev, icalproperty_new_summary(text(e.summary).c_str()));
        add_prop(ev, icalproperty_new_description(text(e.description).c_str()));
        add_prop(ev, icalproperty_new_categories(text(e.what).c_str()));
        add_prop(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
        if (options.alarm) {
            const long days =
                e.first.days_since_epoch() - add(e.first, *options.alarm, -1).days_since_epoch();
            icaltriggertype trigger{};
            trigger.time = icaltime_null_time();
            trigger.duration = icaldurationtype_null_duration();
            trigger.duration.is_neg = days > 0 ? 1 : 0;
            trigger.duration.days = static_cast<unsigned>(days >= 0 ? days : -days);
            icalcomponent* alarm = icalcomponent_new_valarm();
            if (!alarm) throw std::runtime_error("ics: libical could not make an alarm");
            icalcomponent_add_component(ev, alarm);
            add_prop(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
            add_prop(alarm, icalproperty_new_trigger(trigger));
            add_prop(alarm, icalproperty_new_description(text(e.summary).c_str()));
        }
    }
    char* raw = icalcomponent_as_ical_string_r(cal.get());
    if (!raw) throw std::runtime_error("ics: libical could not write the calendar");
    std::string out = refold(raw);
    icalmemory_free_buffer(raw);
    return out;
}

}  // namespace collab
