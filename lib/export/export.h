// `collab export`: the store (or the filtered part) as one JSON document, as CSV files, or
// as a SQLite database. Each function returns bytes; the command writes them atomically.
#pragma once
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "export/tables.h"
#include "model/config.h"

namespace collab {

// {"store": name, "partners": [...], "people": [...], ...}: every kind, each record as
// `list --format json` prints it.
std::string export_json(std::span<const Record* const> records, const Config& config);

// One RFC 4180 CSV file per table: {"partners.csv", text}, {"agreement_parties.csv", text} ...
// With `formula_guard`, cells a spreadsheet would run as formulas get a leading `'` (OWASP).
std::vector<std::pair<std::string, std::string>> export_csv(const std::vector<DataTable>& tables,
                                                            bool formula_guard = true);

// An Excel workbook (output/xlsx.h) with one sheet per table, named as the CSV files are
// (without .csv): Integer and Real columns as numbers, ids and references as text, other
// columns ColumnKind::Auto (a column of dates only has its full dates as dates). `warn` gets
// render_xlsx's warnings (cells cut at Excel's limit). Throws std::runtime_error as render_xlsx
// does. Takes the tables by value and frees each as its cells move into the sheet, so a large store
// is not held twice.
std::string export_xlsx(std::vector<DataTable> tables,
                        const std::function<void(const std::string&)>& warn = {});

// A SQLite database image: a table per kind (id primary key), link tables with foreign
// keys and indexes, and the view partner_top_level. Throws std::runtime_error when SQLite
// fails (a bug or out of memory: nothing the data can cause).
std::string export_sqlite(const std::vector<DataTable>& tables);

}  // namespace collab
