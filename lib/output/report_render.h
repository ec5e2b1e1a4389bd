// Rendering a Report model in each format `collab report` offers.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "escape/escape.h"
#include "report/report.h"

namespace collab {

struct ReportStyle {
    bool color = false;
    bool formula_guard = true;                       // csv: see TableStyle::formula_guard
    std::function<void(const std::string&)> warn{};  // xlsx: see TableStyle::warn
};

// Throws UsageError for csv when the report has no tabular form.
std::string render_report(std::string_view format, const Report& report,
                          const ReportStyle& style = {});

std::string report_text(const Report& report, const ReportStyle& style);
std::string report_markdown(const Report& report);
// Report JSON v2 (docs/reports.md "JSON"): snake_case keys, typed cells (report_cell_json),
// `json_version` 2; validated by the report's schema (output/report_schema.h).
std::string report_json(const Report& report);
inline constexpr int report_json_version = 2;
// A column title as a JSON key: ASCII letters and digits lowercased, every other run of
// characters one '_' ("days to notice" -> "days_to_notice"; "column" when nothing is left).
std::string json_key(std::string_view title);
// One cell as JSON by its CellType: absent values are null (empty arrays for Refs and List),
// references {"id", "name"}.
nlohmann::ordered_json report_cell_json(const Cell& cell);
std::string report_html(const Report& report);
// A workbook (output/xlsx.h): a first sheet "Facts" (section, fact, value; the report's title,
// store, today and filter first), then one sheet per table of every section, named by the
// table's title, then the CSV form (Report::flat) when it is none of those tables. Counts are
// numbers, full dates dates.
std::string report_xlsx(const Report& report, const ReportStyle& style = {});

}  // namespace collab
