// Tables of text for people (aligned by display width) and scripts (CSV, TSV).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab {

struct Table {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
};

// How a typed output (xlsx) writes a column's cells; text formats ignore it. Auto: a Date
// column when every non-empty cell is a date as written (YYYY, YYYY-MM, YYYY-MM-DD), else Text.
// Date: full dates as dates, partial ones as text.
enum class ColumnKind : unsigned char { Auto, Text, Number, Date };

struct TableStyle {
    // Fit into this many columns by cutting the widest cells with "…"; none: never cut.
    std::optional<std::size_t> max_width;
    bool color = false;
    std::vector<bool> right_align;  // per column, e.g. counts
    // CSV and TSV: prefix cells a spreadsheet would run as formulas with `'` (OWASP CSV
    // injection; see formula_guard in escape/escape.h). Off only for machine readers that
    // asked for the text as written (`--no-formula-guard`).
    bool formula_guard = true;
    // xlsx: per column how its cells are typed (none given: Auto), and where warnings about
    // the data go (a cell cut at Excel's limit); no sink: they are dropped.
    std::vector<ColumnKind> types{};
    std::function<void(const std::string&)> warn{};
};

// Columns separated by two spaces, padded by display width (CJK takes two columns).
std::string render_table(const Table& table, const TableStyle& style = {});
// RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold , " CR or LF.
// Control characters other than line breaks and tab become U+FFFD (terminal_text's rule)
// and, with `formula_guard`, formula-looking cells get a leading `'` (formula_guard()).
std::string render_csv(const Table& table, bool formula_guard = true);
// Tab-separated, LF line ends; tabs and line breaks inside a cell become spaces, other
// controls U+FFFD; formula-looking cells guarded as in render_csv.
std::string render_tsv(const Table& table, bool formula_guard = true);

// The one tabular writer that list, report and export share: `format` is one of
// tabular_formats() ("table", "csv", "tsv"); a new tabular format (xlsx) is one more entry in
// its table in table.cpp. Returns the whole output (bytes; CSV/TSV guarded per
// style.formula_guard). A format that is not tabular is a bug in collab: std::logic_error.
std::string render_tabular(std::string_view format, const Table& table,
                           const TableStyle& style = {});
// The formats render_tabular writes, in the order they were registered.
std::vector<std::string_view> tabular_formats();
bool is_tabular(std::string_view format);

}  // namespace collab
