// What a wrong value probably meant: ISO codes by their names, duration units by their words.
// Used only to explain a value that already failed its check (issue 13), so none of this
// decides validity.
#pragma once
#include <optional>
#include <string_view>

namespace collab {

// The ISO 3166-1 alpha-2 code whose English name is `text` (iso-codes' name, common_name or
// official_name), ignoring ASCII case and surrounding spaces: "China" -> "CN", "South Korea"
// -> "KR", "People's Republic of China" -> "CN". A linear scan of ~250 rows.
std::optional<std::string_view> country_code_for_name(std::string_view text);
// The ISO 4217 code whose English name (iso-codes' name) is `text`: "Yuan Renminbi" -> "CNY",
// "euro" -> "EUR".
std::optional<std::string_view> currency_code_for_name(std::string_view text);

// The duration unit letter a word names: "months" -> 'm', "day" -> 'd', "y" -> 'y'; for
// explaining "6 months" and `--within 6 months` (durations are 180d, 26w, 6m, 1y).
std::optional<char> duration_unit_named(std::string_view word);

}  // namespace collab
