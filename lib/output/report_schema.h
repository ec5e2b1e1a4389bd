// JSON Schema (draft 2020-12) of each report's JSON (report JSON v2, report_json in
// output/report_render.h), printed by `collab schema --report NAME`, so scripts can check
// what they read. Derived from the report's shape (report_shape in report/registry.h): its
// sections, facts and tables in order, and each column's declared CellType.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "report/report.h"

namespace collab {

// The schema of `shape.name`'s JSON: fixed sections (by key, in order), fixed tables per
// section, rows with exactly the columns' keys typed by ReportTable::types (every value may
// be null when absent; Refs and List are arrays), facts typed by their cells (each optional),
// charts of either kind. Dates are ISO strings, partial ones as written.
nlohmann::ordered_json report_schema(const Report& shape);

// "report-NAME.schema.json", the schema's $id.
std::string report_schema_file_name(std::string_view report);

}  // namespace collab
