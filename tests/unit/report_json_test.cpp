// Report JSON v2 (docs/reports.md "JSON (version 2)"): keys from titles, typed cells, records
// as {"id", "name"}, area names kept out of keys, and the schema that describes it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "output/report_render.h"
#include "output/report_schema.h"

using namespace collab;
using json = nlohmann::ordered_json;

TEST_CASE("json_key: titles to snake_case ASCII") {
    CHECK(json_key("notice date") == "notice_date");
    CHECK(json_key("top-level organisations") == "top_level_organisations");
    CHECK(json_key("  Days  to: notice ") == "days_to_notice");
    CHECK(json_key("北京") == "column");  // nothing ASCII is left
    CHECK(json_key("année 2") == "ann_e_2");
}

TEST_CASE("report_cell_json: each CellType, absent values null") {
    CHECK(report_cell_json(Cell("x")) == "x");
    CHECK(report_cell_json(Cell("")).is_null());
    CHECK(report_cell_json(Cell::count(-137)) == -137);
    CHECK(report_cell_json(Cell::count(std::optional<long>())).is_null());
    CHECK(report_cell_json(Cell::boolean(true)) == true);
    CHECK(report_cell_json(Cell::boolean(false)) == false);
    CHECK(report_cell_json(Cell::date("2026-03")) == "2026-03");
    CHECK(report_cell_json(Cell::date("someday")).is_null());  // no date: shown, but null
    CHECK(Cell::date("someday").text == "someday");
    CHECK(report_cell_json(Cell::typed(CellType::Date, "none")).is_null());
    CHECK(report_cell_json(Cell::ref({"zju", "Zhejiang University"})) ==
          json{{"id", "zju"}, {"name", "Zhejiang University"}});
    CHECK(report_cell_json(Cell::ref({"gone", ""})) == json{{"id", "gone"}, {"name", nullptr}});
    CHECK(report_cell_json(Cell::ref({"", ""})).is_null());
    CHECK(report_cell_json(Cell::ref_list({{"a", "A"}, {"b", "B"}}, "a, b")) ==
          json::array({{{"id", "a"}, {"name", "A"}}, {{"id", "b"}, {"name", "B"}}}));
    CHECK(report_cell_json(Cell::ref_list({}, "")) == json::array());
    CHECK(report_cell_json(Cell::list({"x", "y"}, "x; y")) == json::array({"x", "y"}));
}

TEST_CASE("report_json: snake_case row keys, spread columns as an array, json_version 2") {
    Report r;
    r.name = "areas";
    r.title = "T";
    r.store_name = "S";
    r.today = Date{2026, 1, 15};
    ReportSection s{"areas", "Areas", {}, {}, {}, {}, {}};
    ReportTable t{"agreements", "Agreements", {"partner", "Data & AI", "health", "total"}, {}};
    t.types = {CellType::Ref, CellType::Number, CellType::Number, CellType::Number};
    t.spread = Spread{1, 2, "by_area", "area", "count"};
    t.rows.push_back({Cell::ref({"p", "P"}), Cell::count(1), Cell::count(0), Cell::count(1)});
    s.tables.push_back(t);
    r.sections.push_back(s);
    const json doc = json::parse(report_json(r));
    CHECK(doc["json_version"] == 2);
    CHECK(doc["sections"][0]["note"].is_null());
    const json& row = doc["sections"][0]["tables"][0]["rows"][0];
    CHECK(row == json{{"partner", {{"id", "p"}, {"name", "P"}}},
                      {"by_area", json::array({{{"area", "Data & AI"}, {"count", 1}},
                                               {{"area", "health"}, {"count", 0}}})},
                      {"total", 1}});
    const json& columns = doc["sections"][0]["tables"][0]["columns"];
    CHECK(columns.size() == 3);
    CHECK(columns[1]["key"] == "by_area");

    // The schema of the same shape requires exactly these keys, typed.
    const json schema = report_schema(r);
    CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    const json& rows = schema["properties"]["sections"]["prefixItems"][0]["properties"]["tables"]
                             ["prefixItems"][0]["properties"]["rows"]["items"];
    CHECK(rows["required"] == json::array({"partner", "by_area", "total"}));
    CHECK(rows["additionalProperties"] == false);
    CHECK(rows["properties"]["total"]["type"] == json::array({"number", "null"}));
}
