#include "import/csv.h"

#include <csv.h>
#include <fmt/format.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <memory>

#include "util/utf8.h"

namespace collab {

const std::vector<ImportCode>& import_codes() {
    static const std::vector<ImportCode> codes = {
        {"csv-encoding", "The file is not UTF-8 (or not in the encoding given with --encoding)."},
        {"csv-syntax", "The file is not CSV: an unterminated quote, or a quote inside a field."},
        {"csv-empty", "The file has no header, or no rows under it."},
        {"csv-too-large", "The file, a row count or a cell is over the import's limits."},
        {"csv-nul", "A cell holds a NUL byte."},
        {"csv-ragged", "A row has more or fewer cells than the header."},
        {"duplicate-column", "Two columns have the same header, or map to the same field."},
        {"unknown-column", "A header maps to no field (see --map and --ignore-column)."},
        {"formula", "A cell holds a spreadsheet formula (=...) instead of its value."},
        {"bad-cell", "A cell cannot be converted to its field's type."},
        {"unknown-reference", "A reference cell names no record by id or by name."},
        {"ambiguous-reference", "A reference cell's name matches several records."},
        {"no-id", "No id can be made for the row (no Latin letters; give --id-column)."},
        {"id-clash", "Two rows have the same id, or a row's id is an existing record."},
    };
    return codes;
}

char detect_delimiter(std::string_view bytes) {
    std::size_t comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (char c : bytes) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        comma += c == ',';
        semicolon += c == ';';
        tab += c == '\t';
    }
    if (semicolon > comma && semicolon >= tab) return ';';
    if (tab > comma && tab > semicolon) return '\t';
    return ',';
}

namespace {

struct Parse {
    const CsvOptions* options;
    std::vector<ImportProblem>* problems;
    CsvTable table;
    std::vector<std::string> current;
    int row = 1;  // the spreadsheet row being read
    bool header_done = false;
    bool stop = false;  // a limit was hit: the rest is not read
    bool row_bad = false;

    std::string column_name(std::size_t index) const {
        if (header_done && index < table.header.size()) return table.header[index];
        return fmt::format("column {}", index + 1);
    }
};

void on_field(void* data, std::size_t len, void* p) {
    auto& s = *static_cast<Parse*>(p);
    if (s.stop) return;
    const std::string_view cell(static_cast<const char*>(data), data ? len : 0);
    if (cell.size() > s.options->limits.max_cell) {
        s.problems->push_back({s.row, s.column_name(s.current.size()), "csv-too-large",
                               fmt::format("the cell holds {} bytes, over the limit of {}",
                                           cell.size(), s.options->limits.max_cell),
                               "a record field this long belongs in a document, not a cell"});
        s.row_bad = true;
        s.current.emplace_back();
        return;
    }
    if (cell.find('\0') != std::string_view::npos) {
        s.problems->push_back({s.row, s.column_name(s.current.size()), "csv-nul",
                               "the cell holds a NUL byte", "remove it in the spreadsheet"});
        s.row_bad = true;
    }
    s.current.emplace_back(cell);
}

void on_row(int, void* p) {
    auto& s = *static_cast<Parse*>(p);
    if (s.stop) return;
    if (!s.header_done) {
        s.table.header = std::move(s.current);
        s.header_done = true;
    } else if (s.table.rows.size() >= s.options->limits.max_rows) {
        s.problems->push_back({s.row, "", "csv-too-large",
                               fmt::format("more than {} rows", s.options->limits.max_rows),
                               "split the file and import the parts one after another"});
        s.stop = true;
    } else if (std::all_of(s.current.begin(), s.current.end(),
                           [](const std::string& c) { return c.empty(); })) {
        // A row of empty cells (;;;; that spreadsheets write for formatted blank rows): no
        // record, no error.
    } else if (s.current.size() != s.table.header.size()) {
        s.problems->push_back(
            {s.row, s.column_name(std::min(s.current.size(), s.table.header.size())), "csv-ragged",
             fmt::format("the row has {} cells, the header {}", s.current.size(),
                         s.table.header.size()),
             "a cell holding the delimiter must be quoted; check the row in the spreadsheet"});
    } else if (!s.row_bad) {
        s.table.rows.push_back({s.row, std::move(s.current)});
    }
    s.current.clear();
    s.row_bad = false;
    ++s.row;
}

// `bytes` as UTF-8: converted from `encoding` by ICU; nullopt after a problem.
std::optional<std::string> to_utf8(std::string_view bytes, const std::string& encoding,
                                   std::vector<ImportProblem>& problems) {
    UErrorCode error = U_ZERO_ERROR;
    const int32_t need = ucnv_convert("UTF-8", encoding.c_str(), nullptr, 0, bytes.data(),
                                      static_cast<int32_t>(bytes.size()), &error);
    if (error != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(error)) {
        problems.push_back(
            {1, "", "csv-encoding",
             fmt::format("cannot convert from '{}': {}", printable(encoding), u_errorName(error)),
             "give an encoding ICU knows, e.g. --encoding windows-1252"});
        return std::nullopt;
    }
    std::string out(static_cast<std::size_t>(need), '\0');
    error = U_ZERO_ERROR;
    ucnv_convert("UTF-8", encoding.c_str(), out.data(), need, bytes.data(),
                 static_cast<int32_t>(bytes.size()), &error);
    if (U_FAILURE(error) && error != U_STRING_NOT_TERMINATED_WARNING) {
        problems.push_back(
            {1, "", "csv-encoding",
             fmt::format("cannot convert from '{}': {}", printable(encoding), u_errorName(error)),
             ""});
        return std::nullopt;
    }
    return out;
}

}  // namespace

CsvTable read_csv(std::string_view bytes, const CsvOptions& options,
                  std::vector<ImportProblem>& problems) {
    if (bytes.size() > options.limits.max_bytes) {
        problems.push_back(
            {1, "", "csv-too-large",
             // Only limit + 1 bytes are read: "more than", not a size.
             fmt::format("the file holds more than {} bytes, the limit", options.limits.max_bytes),
             "split the file and import the parts one after another"});
        return {};
    }
    std::string converted;
    if (!options.encoding.empty()) {
        auto utf8 = to_utf8(bytes, options.encoding, problems);
        if (!utf8) return {};
        converted = std::move(*utf8);
        bytes = converted;
    } else if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        problems.push_back({1, "", "csv-encoding", "the file is UTF-16, not UTF-8",
                            "save it as \"CSV UTF-8\", or give --encoding utf-16"});
        return {};
    } else if (auto bad = first_invalid_utf8(bytes)) {
        // The spreadsheet's row: count the records before the bad byte roughly by line; a
        // byte that is not UTF-8 is most often Windows-1252 (Excel's "CSV" on Western Windows).
        int line = 1;
        for (std::size_t i = 0; i < *bad; ++i) line += bytes[i] == '\n';
        problems.push_back({line, "", "csv-encoding",
                            fmt::format("the file is not UTF-8 (byte 0x{:02X} at offset {})",
                                        static_cast<unsigned char>(bytes[*bad]), *bad),
                            "save it as \"CSV UTF-8\", or convert it with --encoding "
                            "windows-1252 if that is what it is"});
        return {};
    }
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);

    Parse s;
    s.options = &options;
    s.problems = &problems;
    s.table.delimiter = options.delimiter ? options.delimiter : detect_delimiter(bytes);
    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        throw std::bad_alloc();
    }
    std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, csv_free);
    csv_set_delim(&parser, static_cast<unsigned char>(s.table.delimiter));
    // Spaces around unquoted cells are trimmed; a tab delimiter is never taken for one.
    csv_set_space_func(&parser, [](unsigned char c) { return c == ' ' ? 1 : 0; });
    const std::size_t done = csv_parse(&parser, bytes.data(), bytes.size(), on_field, on_row, &s);
    const bool parse_failed = done != bytes.size();
    if (parse_failed || csv_fini(&parser, on_field, on_row, &s) != 0) {
        if (!s.stop) {
            problems.push_back(
                {s.row, s.column_name(s.current.size()), "csv-syntax",
                 parse_failed ? "a quote inside a cell that is not quoted as a whole, or text "
                                "after a closing quote"
                              : "a quote opened here is never closed",
                 "a cell holding quotes is written \"like \"\"this\"\"\" (RFC 4180)"});
        }
        return {};
    }
    s.table.rows_read = s.row > 2 ? static_cast<std::size_t>(s.row - 2) : 0;
    if (!s.header_done || s.table.header.empty()) {
        problems.push_back(
            {1, "", "csv-empty", "the file is empty", "the first row must name the columns"});
    } else if (s.table.rows.empty() && problems.empty()) {
        problems.push_back({1, "", "csv-empty", "the file has a header and no rows", ""});
    }
    return std::move(s.table);
}

}  // namespace collab
