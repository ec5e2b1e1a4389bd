// The pieces of a report's HTML page, shared by `collab report --format html` (one
// self-contained page) and the pages of `collab site` (lib/site/), so a report looks the same
// in both.
#pragma once
#include <string>
#include <string_view>

#include "report/report.h"

namespace collab {

// The stylesheet of report and site pages: tables that wrap instead of scrolling (ids and
// dates never split), charts scaled to their column, and a print layout (@page margins with
// the store name and date in the page header, no row cut between pages). `print_header` is
// the text of that header; it is written as a CSS string (escape.h's css_string).
std::string page_css(std::string_view print_header);

// The sections of `report` as HTML (h2 per section, facts, charts, tables), the reader's
// sections included and the terminal's left out (ReportSection::Audience). Sections with a
// chart keep their tables behind a "Data" disclosure, so nothing is shown twice.
std::string report_sections_html(const Report& report);

// An SVG bar chart or Gantt chart (today marked), sized by a viewBox so it scales to its
// column; every label stays inside the drawing. Empty for a chart with no bars or spans.
std::string bar_chart_svg(const BarChart& chart);
std::string gantt_chart_svg(const GanttChart& chart, Date today);

// A table cell's text, escaped, for a cell that may wrap: in a list of ids or codes
// ("hkust, zju-fah") each item is kept whole (an id never breaks at its hyphens); any other
// text is escaped as it is.
std::string cell_text_html(std::string_view text);

// The "Store: ... · as of ..." line, and the text of the print header.
std::string report_meta_html(const Report& report);
std::string print_header_text(const Report& report);

}  // namespace collab
