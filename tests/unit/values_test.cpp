#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "model/value_hints.h"
#include "model/values.h"

using namespace collab;

TEST_CASE("parse_date accepts full and reduced precision") {
    auto d = parse_date("2025-03-07");
    REQUIRE(d);
    CHECK(d->is_full());
    CHECK(d->first_day() == Date{2025, 3, 7});
    CHECK(d->last_day() == Date{2025, 3, 7});

    auto m = parse_date("2024-02");
    REQUIRE(m);
    CHECK(m->first_day() == Date{2024, 2, 1});
    CHECK(m->last_day() == Date{2024, 2, 29});  // leap year

    auto y = parse_date("2025");
    REQUIRE(y);
    CHECK(y->first_day() == Date{2025, 1, 1});
    CHECK(y->last_day() == Date{2025, 12, 31});
    CHECK(y->str() == "2025");
}

TEST_CASE("parse_date rejects impossible and malformed dates with a reason") {
    std::string why;
    CHECK_FALSE(parse_date("2025-02-30", &why));
    CHECK(why == "2025-02 has no day 30");
    CHECK_FALSE(parse_date("2023-02-29", &why));
    CHECK(parse_date("2024-02-29"));
    CHECK_FALSE(parse_date("2025-13", &why));
    CHECK(why == "month 13 does not exist");
    CHECK_FALSE(parse_date("2025-1-5", &why));
    CHECK(why.find("YYYY-MM-DD") != std::string::npos);
    CHECK_FALSE(parse_date("25"));
    CHECK_FALSE(parse_date("2025-03-07T10:00"));
    CHECK_FALSE(parse_date("0999"));
    CHECK_FALSE(parse_date(""));
}

TEST_CASE("partial dates stand for the first day, or the last for expires/end/until/due") {
    const auto y = *parse_date("2025");
    CHECK(day_of(y, "signed") == Date{2025, 1, 1});
    CHECK(day_of(y, "effective") == Date{2025, 1, 1});
    CHECK(day_of(y, "expires") == Date{2025, 12, 31});
    CHECK(day_of(y, "end") == Date{2025, 12, 31});
    CHECK(day_of(y, "until") == Date{2025, 12, 31});
    CHECK(day_of(y, "due") == Date{2025, 12, 31});
}

TEST_CASE("days since epoch round-trip") {
    for (long days : {-1000L, 0L, 59L, 60L, 11016L, 20000L, 2932896L}) {
        CHECK(Date::from_days(days).days_since_epoch() == days);
    }
    CHECK(Date{1970, 1, 1}.days_since_epoch() == 0);
    CHECK(Date{2000, 3, 1}.days_since_epoch() == 11017);
}

TEST_CASE("durations use calendar arithmetic and clamp to the month's end") {
    auto d = parse_duration("1m");
    REQUIRE(d);
    CHECK(add(Date{2027, 3, 31}, *d, -1) == Date{2027, 2, 28});
    CHECK(add(Date{2028, 3, 31}, *d, -1) == Date{2028, 2, 29});
    CHECK(add(Date{2025, 1, 31}, *parse_duration("1m")) == Date{2025, 2, 28});
    CHECK(add(Date{2024, 2, 29}, *parse_duration("1y")) == Date{2025, 2, 28});
    CHECK(add(Date{2025, 12, 25}, *parse_duration("2w")) == Date{2026, 1, 8});
    CHECK(add(Date{2025, 1, 1}, *parse_duration("90d")) == Date{2025, 4, 1});
    CHECK(add(Date{2025, 1, 15}, *parse_duration("13m"), -1) == Date{2023, 12, 15});
    std::string why;
    CHECK_FALSE(parse_duration("90", &why));
    CHECK_FALSE(parse_duration("d", &why));
    CHECK_FALSE(parse_duration("3q", &why));
    CHECK(why.find("unknown unit") != std::string::npos);
    CHECK_FALSE(parse_duration("-3d"));
}

TEST_CASE("a wrong duration is explained with examples") {
    std::string why;
    CHECK_FALSE(parse_duration("180", &why));
    CHECK(why.starts_with("'180' has no unit: write 180d for days"));
    CHECK(why.find("26w") != std::string::npos);
    CHECK_FALSE(parse_duration("6 months", &why));
    CHECK(why.starts_with("write it as 6m: "));
    CHECK_FALSE(parse_duration("2years", &why));
    CHECK(why.starts_with("write it as 2y: "));
    CHECK_FALSE(parse_duration("6 m", &why));
    CHECK(why.starts_with("write it as 6m: "));
    CHECK_FALSE(parse_duration("months", &why));
    CHECK(why.find("180d (days), 26w (weeks), 6m (months), 1y") != std::string::npos);
    CHECK(duration_unit_named("Months") == 'm');
    CHECK(duration_unit_named("week") == 'w');
    CHECK_FALSE(duration_unit_named("fortnight"));
}

TEST_CASE("ids and slugs") {
    CHECK(is_id("hkust"));
    CHECK(is_id("zju-fah"));
    CHECK(is_id("2025-visit"));
    CHECK_FALSE(is_id("-x"));
    CHECK_FALSE(is_id("HKUST"));
    CHECK_FALSE(is_id("a b"));
    CHECK_FALSE(is_id("../x"));
    CHECK_FALSE(is_id(""));
    CHECK(is_id(std::string(64, 'a')));
    CHECK_FALSE(is_id(std::string(65, 'a')));
}

TEST_CASE("urls, emails, ROR ids") {
    CHECK(is_url("https://hkust.edu.hk"));
    CHECK(is_url("http://example.org/path?q=1"));
    CHECK_FALSE(is_url("ftp://example.org"));
    CHECK_FALSE(is_url("https://"));
    CHECK_FALSE(is_url("hkust.edu.hk"));
    CHECK_FALSE(is_url("https://exa mple.org"));
    CHECK(is_email("nancy@example.org"));
    CHECK_FALSE(is_email("nancy.example.org"));
    CHECK_FALSE(is_email("a@b@c.org"));
    CHECK_FALSE(is_email("a@localhost"));
    CHECK(is_ror("0abcd1234"));
    CHECK(is_ror("https://ror.org/0abcd1234"));
    CHECK_FALSE(is_ror("1abcd1234"));  // must start with 0
    CHECK_FALSE(is_ror("0abcl1234"));  // no l
    CHECK_FALSE(is_ror("0abcd12x4"));  // two digits at the end
    CHECK_FALSE(is_ror("0abcd123"));
}

TEST_CASE("countries and currencies come from the real ISO lists") {
    CHECK(is_country("HK"));
    CHECK(is_country("CN"));
    CHECK(is_country("GB"));
    CHECK(is_country("NO"));
    CHECK_FALSE(is_country("UK"));  // the ISO code is GB
    CHECK_FALSE(is_country("hk"));
    CHECK_FALSE(is_country("XX"));
    CHECK(is_currency("HKD"));
    CHECK(is_currency("CNY"));
    CHECK(is_currency("EUR"));
    CHECK_FALSE(is_currency("RMB"));  // colloquial, not ISO 4217
    CHECK_FALSE(is_currency("DEM"));  // withdrawn
    CHECK_FALSE(is_currency("usd"));
}

// The tables are generated from iso-codes at build time: every code of the JSON is in them,
// in order, and nothing else is (read here independently, with nlohmann::json).
TEST_CASE("country and currency tables are exactly Debian's iso-codes JSON") {
    const auto codes_in = [](const char* file, const char* key, const char* field) {
        std::ifstream in(std::string(ISO_CODES_JSON_DIR) + "/" + file);
        REQUIRE(in);
        std::vector<std::string> codes;
        const nlohmann::json json = nlohmann::json::parse(in);
        for (const auto& entry : json.at(key)) codes.push_back(entry.at(field));
        std::sort(codes.begin(), codes.end());
        return codes;
    };
    const auto countries = codes_in("iso_3166-1.json", "3166-1", "alpha_2");
    const auto currencies = codes_in("iso_4217.json", "4217", "alpha_3");
    CHECK(countries.size() > 240);
    CHECK(std::vector<std::string>(country_codes().begin(), country_codes().end()) == countries);
    CHECK(std::vector<std::string>(currency_codes().begin(), currency_codes().end()) == currencies);
}

TEST_CASE("country and currency names lead to their codes") {
    CHECK(country_code_for_name("China") == "CN");
    CHECK(country_code_for_name("china") == "CN");
    CHECK(country_code_for_name("People's Republic of China") == "CN");  // official_name
    CHECK(country_code_for_name("South Korea") == "KR");                 // common_name
    CHECK(country_code_for_name("United Kingdom") == "GB");
    CHECK(country_code_for_name("Hong Kong") == "HK");
    CHECK_FALSE(country_code_for_name("Atlantis"));
    CHECK_FALSE(country_code_for_name(""));
    CHECK(currency_code_for_name("Yuan Renminbi") == "CNY");
    CHECK(currency_code_for_name("euro") == "EUR");
    CHECK(currency_code_for_name("US Dollar") == "USD");
    CHECK_FALSE(currency_code_for_name("RMB"));
}

TEST_CASE("numbers") {
    CHECK(is_number("0"));
    CHECK(is_number("1000000"));
    CHECK(is_number("12.50"));
    CHECK_FALSE(is_number("-5"));
    CHECK_FALSE(is_number("1,000"));
    CHECK_FALSE(is_number("1e6"));
    CHECK_FALSE(is_number("12."));
    CHECK(is_whole_number("12"));
    CHECK_FALSE(is_whole_number("12.5"));
}

TEST_CASE("YAML 1.1 booleans in any case") {
    for (auto w : {"yes", "No", "ON", "off", "y", "N", "TRUE", "false"}) CHECK(is_yaml11_bool(w));
    for (auto w : {"yess", "norway", "", "1", "nope"}) CHECK_FALSE(is_yaml11_bool(w));
}

TEST_CASE("month arithmetic far into the past stays a real calendar date") {
    const Date d = add(Date{2024, 2, 29}, *parse_duration("60260m"), -1);
    CHECK(d.month >= 1);
    CHECK(d.month <= 12);
    CHECK(d == Date{-2998, 6, 29});  // 2024*12 + 1 - 60260 = -35971 = 12 * -2998 + 5
    CHECK(add(Date{1, 1, 31}, *parse_duration("1m"), -1) == Date{0, 12, 31});
}
