// Excel workbooks (Office Open XML, .xlsx) through libxlsxwriter: the tabular data of list,
// report and export, typed (dates as dates, numbers as numbers), one sheet per table.
#pragma once
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "output/table.h"

namespace collab {

// Excel's specifications and limits (support.microsoft.com, "Excel specifications and
// limits"): characters in a cell, in a sheet name.
inline constexpr std::size_t xlsx_max_cell_chars = 32767;
inline constexpr std::size_t xlsx_max_sheet_name_chars = 31;
// Appended to a cell cut at xlsx_max_cell_chars, so the reader sees it is not the whole text.
inline constexpr std::string_view xlsx_truncation_mark = " […truncated by collab]";

// One sheet: its wanted name (made valid and unique by xlsx_sheet_name), the table, and per
// column how cells are typed (missing entries: ColumnKind::Auto).
struct XlsxSheet {
    std::string name;
    const Table* table = nullptr;
    std::vector<ColumnKind> types;
};

// The bytes of a workbook holding `sheets` in order: a bold header row, frozen, with an
// autofilter; columns as wide as their widest cell (display width, capped at 60); in Date
// columns (and Auto columns of dates only, see ColumnKind) full ISO dates as Excel dates
// (yyyy-mm-dd), partial dates (2024, 2024-05) as text; Number columns as numbers (a cell that
// is no number is then a full date or text); http(s) URLs as
// hyperlinks; all other cells text, never formulas. Cell text goes through xlsx_text. Written in
// libxlsxwriter's constant_memory mode (rows stream to a temporary file in $TMPDIR), so memory
// stays bounded by one row plus the compressed result. `warn` gets one message per sheet with cells
// cut at Excel's limit. Throws UsageError (exit 2) when $TMPDIR cannot hold the temporary files
// (missing, unwritable, full), std::runtime_error when libxlsxwriter refuses a call (a bug).
std::string render_xlsx(std::span<const XlsxSheet> sheets,
                        const std::function<void(const std::string&)>& warn = {});

// A cell's text as Excel can hold it: characters XML 1.0 forbids (C0 controls other than tab
// and line breaks, U+FFFE, U+FFFF) and invalid UTF-8 become U+FFFD, as render_csv does
// (printable with LF kept); text over xlsx_max_cell_chars characters (counted in UTF-16 units,
// as Excel counts) is cut and ends in xlsx_truncation_mark, and `*truncated` is set.
std::string xlsx_text(std::string_view cell, bool* truncated = nullptr);

// A valid sheet name for `wanted`, not yet in `taken` (compared case-insensitively in ASCII, as
// Excel does), which it is added to: []:*?/\ become _, a leading or trailing ' is dropped, at
// most 31 characters (a clash is resolved with " (2)", " (3)" ... within those 31), an empty
// name or Excel's reserved "History" becomes "Sheet".
std::string xlsx_sheet_name(std::string_view wanted, std::vector<std::string>& taken);

// A single table as a one-sheet workbook named `sheet`: render_tabular's "xlsx" writer.
std::string render_xlsx_table(const Table& table, const TableStyle& style,
                              std::string_view sheet = "collab");

}  // namespace collab
