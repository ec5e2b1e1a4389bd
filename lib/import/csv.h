// Reading the CSV that spreadsheets write (issue 17): RFC 4180 quoting with embedded line
// breaks, a UTF-8 byte-order mark, CRLF, `,` `;` or tab as the delimiter. The parsing itself
// is libcsv's (Debian's libcsv-dev); this file adds the checks a spreadsheet export needs
// before its cells can be trusted: encoding, NUL bytes, ragged rows, sizes.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace collab {

// One problem of an import, placed the way a spreadsheet user finds it: `row` is the
// spreadsheet's row number (1 is the header; a cell's embedded line breaks do not count),
// `column` the header's text ("" for the file as a whole). Codes: import_codes() below.
struct ImportProblem {
    int row = 0;
    std::string column;
    std::string code;
    std::string message;
    std::string hint;
    bool warning = false;
};

// The codes an import reports besides validate's (docs/authoring.md, "Importing a
// spreadsheet"), each with what it means. The import's own table, not validate's check
// table: these describe a CSV file, not a record, so `validate --only` and SARIF rules do
// not list them.
struct ImportCode {
    std::string_view code;
    std::string_view description;
};
const std::vector<ImportCode>& import_codes();

// The limits that keep an import bounded in time and memory (issue 17, "Bad input").
struct CsvLimits {
    std::size_t max_bytes = 20u << 20;  // the whole file: 20 MiB
    std::size_t max_rows = 20000;       // data rows
    std::size_t max_cell = 64u << 10;   // one cell: 64 KiB
};

struct CsvOptions {
    char delimiter = 0;    // 0: detect from the header line (`,`, `;` or tab)
    std::string encoding;  // empty: UTF-8 required; else converted from it (ICU converter names)
    CsvLimits limits;
};

struct CsvRow {
    int row = 0;  // spreadsheet row number
    std::vector<std::string> cells;
};

struct CsvTable {
    std::vector<std::string> header;
    std::vector<CsvRow> rows;
    char delimiter = ',';
    std::size_t rows_read = 0;  // data rows in the file, those left out for a problem included
};

// Parses `bytes` (the file's content) into a header and rows. Every problem is appended to
// `problems` (an error stops reading only where the file cannot be read further: encoding,
// size, an unterminated quote). Rows with a different number of cells than the header are
// reported and left out. Linear in the size of the input.
CsvTable read_csv(std::string_view bytes, const CsvOptions& options,
                  std::vector<ImportProblem>& problems);

// `,` `;` or tab: the one of them that occurs most often outside quotes on the first line
// (`,` on a tie or when none occurs), as Excel and LibreOffice choose by locale.
char detect_delimiter(std::string_view bytes);

}  // namespace collab
