// ISO 3166-1 alpha-2 country codes and ISO 4217 currency codes, with their English names.
// The tables are generated at build time from Debian's iso-codes JSON
// (/usr/share/iso-codes/json/iso_3166-1.json and iso_4217.json, by cmake/iso_codes.cmake),
// sorted by code for binary search; nothing here is kept by hand.
#include <algorithm>
#include <array>
#include <string_view>

#include "iso_codes_table.inc"
#include "model/value_hints.h"
#include "model/values.h"

namespace collab {

namespace {

struct Country {
    std::string_view code, name, common_name, official_name;
};
struct Currency {
    std::string_view code, name;
};

constexpr Country country_table[] = {ISO_COUNTRIES};
constexpr Currency currency_table[] = {ISO_CURRENCIES};

template <typename Row, std::size_t N>
constexpr auto codes_of(const Row (&table)[N]) {
    std::array<std::string_view, N> codes{};
    for (std::size_t i = 0; i < N; ++i) codes[i] = table[i].code;
    return codes;
}

constexpr auto countries = codes_of(country_table);
constexpr auto currencies = codes_of(currency_table);

template <typename List>
bool contains(const List& list, std::string_view code) {
    return std::binary_search(std::begin(list), std::end(list), code);
}

// ASCII case-insensitive equality, ignoring leading and trailing spaces of `text`: names are
// matched as a user would type them ("china", "United kingdom").
bool same_name(std::string_view text, std::string_view name) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (name.empty() || text.size() != name.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        if (lower(text[i]) != lower(name[i])) return false;
    }
    return true;
}

}  // namespace

std::span<const std::string_view> country_codes() {
    return countries;
}
std::span<const std::string_view> currency_codes() {
    return currencies;
}

bool is_country(std::string_view text) {
    return contains(countries, text);
}
bool is_currency(std::string_view text) {
    return contains(currencies, text);
}

std::optional<std::string_view> country_code_for_name(std::string_view text) {
    for (const auto& c : country_table) {
        if (same_name(text, c.name) || same_name(text, c.common_name) ||
            same_name(text, c.official_name))
            return c.code;
    }
    return std::nullopt;
}

std::optional<std::string_view> currency_code_for_name(std::string_view text) {
    for (const auto& c : currency_table) {
        if (same_name(text, c.name)) return c.code;
    }
    return std::nullopt;
}

}  // namespace collab
