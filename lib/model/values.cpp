#include "model/values.h"

#include <fmt/format.h>

#include <charconv>
#include <set>

#include "model/schema.h"

#include "model/value_hints.h"

namespace collab {

namespace {

bool is_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

int to_int(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

bool is_leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

}  // namespace

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap(year)) return 29;
    return days[month - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days.
long Date::days_since_epoch() const {
    const long y = year - (month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long mp = (month + 9) % 12;
    const long doy = (153 * mp + 2) / 5 + day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date Date::from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return Date{static_cast<int>(y), m, d};
}

std::string Date::str() const {
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

Date PartialDate::first_day() const {
    return Date{year, month ? month : 1, day ? day : 1};
}

Date PartialDate::last_day() const {
    const int m = month ? month : 12;
    return Date{year, m, day ? day : days_in_month(year, m)};
}

std::string PartialDate::str() const {
    if (day) return fmt::format("{:04}-{:02}-{:02}", year, month, day);
    if (month) return fmt::format("{:04}-{:02}", year, month);
    return fmt::format("{:04}", year);
}

std::optional<PartialDate> parse_date(std::string_view text, std::string* why) {
    const auto fail = [&](std::string message) -> std::optional<PartialDate> {
        if (why) *why = std::move(message);
        return std::nullopt;
    };
    const bool shape_ok = (text.size() == 4 || text.size() == 7 || text.size() == 10) &&
                          is_digits(text.substr(0, 4)) &&
                          (text.size() == 4 || (text[4] == '-' && is_digits(text.substr(5, 2)))) &&
                          (text.size() != 10 || (text[7] == '-' && is_digits(text.substr(8, 2))));
    if (!shape_ok) return fail("expected a date as YYYY-MM-DD, YYYY-MM or YYYY");
    PartialDate d;
    d.year = to_int(text.substr(0, 4));
    if (text.size() >= 7) {
        d.month = to_int(text.substr(5, 2));
        if (d.month < 1 || d.month > 12)
            return fail(fmt::format("month {} does not exist", d.month));
    }
    if (text.size() == 10) {
        d.day = to_int(text.substr(8, 2));
        if (d.day < 1 || d.day > days_in_month(d.year, d.month)) {
            return fail(fmt::format("{:04}-{:02} has no day {}", d.year, d.month, d.day));
        }
    }
    if (d.year < 1000) return fail("the year must have four digits and be 1000 or later");
    return d;
}

namespace {

void collect_last_day_fields(std::span<const FieldSpec> fields, std::set<std::string_view>& out) {
    for (const FieldSpec& f : fields) {
        if (f.type == ValueType::Date && f.period_end == PeriodEnd::Last) out.insert(f.name);
        collect_last_day_fields(f.fields, out);
    }
}

}  // namespace

bool takes_last_day(std::string_view field) {
    // Read once from the field tables: the names are few and fixed.
    static const std::set<std::string_view> last = [] {
        std::set<std::string_view> out;
        for (Kind k : all_kinds) collect_last_day_fields(fields_of(k), out);
        return out;
    }();
    return last.contains(field);
}

Date day_of(const PartialDate& date, std::string_view field) {
    return takes_last_day(field) ? date.last_day() : date.first_day();
}

std::string Duration::str() const {
    return fmt::format("{}{}", count, unit);
}

std::optional<char> duration_unit_named(std::string_view word) {
    static constexpr std::pair<std::string_view, char> names[] = {
        {"d", 'd'},     {"day", 'd'}, {"days", 'd'}, {"w", 'w'},     {"week", 'w'},
        {"weeks", 'w'}, {"m", 'm'},   {"mo", 'm'},   {"month", 'm'}, {"months", 'm'},
        {"y", 'y'},     {"yr", 'y'},  {"year", 'y'}, {"years", 'y'},
    };
    std::string lower;
    for (char c : word) lower += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    for (const auto& [name, unit] : names) {
        if (lower == name) return unit;
    }
    return std::nullopt;
}

std::optional<Duration> parse_duration(std::string_view text, std::string* why) {
    static constexpr std::string_view examples = "e.g. 180d (days), 26w (weeks), 6m (months), 1y";
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    std::string_view rest = text.substr(digits);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    const auto fail = [&](std::string message) -> std::optional<Duration> {
        if (why) *why = std::move(message);
        return std::nullopt;
    };
    if (digits == 0 || digits > 7) {
        return fail(fmt::format("a duration is a number and a unit letter, {}", examples));
    }
    if (rest.empty()) {
        return fail(fmt::format(
            "'{}' has no unit: write {}d for days (durations: 180d, 26w, 6m, 1y)", text, text));
    }
    if (rest.size() != text.size() - digits || rest.size() > 1) {
        // "6 months", "6months", "6 m": said in words, or with a space.
        if (const auto unit = duration_unit_named(rest)) {
            return fail(fmt::format("write it as {}{}: a number and one letter, no space ({})",
                                    text.substr(0, digits), *unit, examples));
        }
        return fail(fmt::format("a duration is a number and a unit letter, {}", examples));
    }
    const char unit = text.back();
    if (unit != 'd' && unit != 'w' && unit != 'm' && unit != 'y') {
        return fail(fmt::format("unknown unit '{}': use d, w, m or y, {}", unit, examples));
    }
    return Duration{to_int(text.substr(0, text.size() - 1)), unit};
}

double approximate_days(const Duration& d) {
    switch (d.unit) {
        case 'w':
            return 7.0 * static_cast<double>(d.count);
        case 'm':
            return 30.436875 * static_cast<double>(d.count);
        case 'y':
            return 365.2425 * static_cast<double>(d.count);
        default:
            return static_cast<double>(d.count);
    }
}

Date add(Date date, Duration duration, int sign) {
    const long n = duration.count * sign;
    switch (duration.unit) {
        case 'd':
            return Date::from_days(date.days_since_epoch() + n);
        case 'w':
            return Date::from_days(date.days_since_epoch() + 7 * n);
        case 'm':
        case 'y': {
            const long months = duration.unit == 'm' ? n : 12 * n;
            const long index = date.year * 12L + (date.month - 1) + months;
            // Floor division: far enough back the index is negative, and C++'s / and %
            // round towards zero, which gave month -6 (found by fuzzing).
            const long year_index = index >= 0 ? index / 12 : -((-index + 11) / 12);
            const int year = static_cast<int>(year_index);
            const int month = static_cast<int>(index - year_index * 12) + 1;
            return Date{year, month, std::min(date.day, days_in_month(year, month))};
        }
    }
    return date;
}

bool is_id(std::string_view text) {
    if (text.empty() || text.size() > 64) return false;
    const auto ok = [](char c, bool first) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && c == '-');
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!ok(text[i], i == 0)) return false;
    }
    return true;
}

namespace {

bool has_space(std::string_view s) {
    return s.find_first_of(" \t\n\r") != std::string_view::npos;
}

}  // namespace

bool is_url(std::string_view text) {
    std::string_view rest;
    if (text.starts_with("https://")) {
        rest = text.substr(8);
    } else if (text.starts_with("http://")) {
        rest = text.substr(7);
    } else {
        return false;
    }
    const std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
    return !host.empty() && host.find('.') != std::string_view::npos && host.front() != '.' &&
           !has_space(text);
}

bool is_email(std::string_view text) {
    const auto at = text.find('@');
    if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos)
        return false;
    const std::string_view domain = text.substr(at + 1);
    const auto dot = domain.find('.');
    return !has_space(text) && dot != std::string_view::npos && dot > 0 && domain.back() != '.';
}

bool is_ror(std::string_view text) {
    if (text.starts_with("https://ror.org/")) text.remove_prefix(16);
    if (text.size() != 9 || text[0] != '0') return false;
    for (std::size_t i = 1; i < 7; ++i) {
        const char c = text[i];
        const bool digit = c >= '0' && c <= '9';
        const bool letter = c >= 'a' && c <= 'z' && c != 'i' && c != 'l' && c != 'o' && c != 'u';
        if (!digit && !letter) return false;
    }
    return is_digits(text.substr(7, 2));
}

bool is_number(std::string_view text) {
    const auto dot = text.find('.');
    if (dot == std::string_view::npos) return is_digits(text);
    return is_digits(text.substr(0, dot)) && is_digits(text.substr(dot + 1));
}

bool is_signed_number(std::string_view text) {
    if (text.starts_with('-')) text.remove_prefix(1);
    return is_number(text);
}

bool is_whole_number(std::string_view text) {
    return is_digits(text);
}

bool is_yaml11_bool(std::string_view text) {
    static constexpr std::string_view words[] = {"yes", "no", "on",   "off",
                                                 "y",   "n",  "true", "false"};
    for (auto w : words) {
        if (text.size() != w.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < w.size(); ++i) {
            const char c =
                text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + 32) : text[i];
            if (c != w[i]) same = false;
        }
        if (same) return true;
    }
    return false;
}

}  // namespace collab
