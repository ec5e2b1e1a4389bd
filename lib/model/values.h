// The value types of the record format: dates with reduced precision, durations, and the
// checks for ids, urls, emails, countries, currencies, numbers and ROR ids.
// Pure functions: no I/O, so every rule is unit-tested directly.
#pragma once
#include <compare>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace collab {

// A calendar day.
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    friend auto operator<=>(const Date&, const Date&) = default;
    friend bool operator==(const Date&, const Date&) = default;

    long days_since_epoch() const;
    static Date from_days(long days);
    std::string str() const;  // YYYY-MM-DD
};

int days_in_month(int year, int month);

// A date as written: YYYY-MM-DD, or reduced precision YYYY-MM or YYYY.
struct PartialDate {
    int year = 0;
    int month = 0;  // 0: not given
    int day = 0;    // 0: not given

    bool is_full() const { return day != 0; }
    Date first_day() const;
    Date last_day() const;
    std::string str() const;
};

// Parses a date; on failure returns nullopt and, when `why` is given, says what is wrong.
std::optional<PartialDate> parse_date(std::string_view text, std::string* why = nullptr);

// A record's partial date stands for one day: a date field whose spec says PeriodEnd::Last
// (`expires`, `end`, `until`, `due`) takes the last day of the period, every other field the
// first. `field` is the field's own name (not a dotted path); the field tables give each name
// one period end across kinds.
bool takes_last_day(std::string_view field);
Date day_of(const PartialDate& date, std::string_view field);

// <n>d, <n>w, <n>m or <n>y, with calendar arithmetic.
struct Duration {
    long count = 0;
    char unit = 'd';
    std::string str() const;
};
std::optional<Duration> parse_duration(std::string_view text, std::string* why = nullptr);
// For ordering durations of different units: months and years by their average length.
double approximate_days(const Duration& duration);
// m and y move the month or year and clamp to the month's last day; w is 7 days.
Date add(Date date, Duration duration, int sign = +1);

bool is_id(std::string_view text);  // also the form of a slug
bool is_url(std::string_view text);
bool is_email(std::string_view text);
bool is_country(std::string_view text);   // ISO 3166-1 alpha-2
bool is_currency(std::string_view text);  // ISO 4217 alpha-3
// The codes themselves, sorted (for JSON Schema enums and completions).
std::span<const std::string_view> country_codes();
std::span<const std::string_view> currency_codes();
bool is_ror(std::string_view text);
bool is_number(std::string_view text);        // decimal, >= 0
// A decimal with an optional leading minus: what computed fields such as days_to_notice
// (contract v2, negative once passed) hold, and what filters and sorting compare as numbers.
bool is_signed_number(std::string_view text);
bool is_whole_number(std::string_view text);  // 0, 1, 2 ...
// An unquoted word that YAML 1.1 readers take as a boolean.
bool is_yaml11_bool(std::string_view text);

}  // namespace collab
