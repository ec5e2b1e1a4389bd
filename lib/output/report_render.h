// Rendering a Report model in each format `collab report` offers.
#pragma once
#include <functional>
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
std::string report_json(const Report& report);
std::string report_html(const Report& report);
// A workbook (output/xlsx.h): a first sheet "Facts" (section, fact, value; the report's title,
// store, today and filter first), then one sheet per table of every section, named by the
// table's title, then the CSV form (Report::flat) when it is none of those tables. Counts are
// numbers, full dates dates.
std::string report_xlsx(const Report& report, const ReportStyle& style = {});

}  // namespace collab
