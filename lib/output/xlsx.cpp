#include "output/xlsx.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "model/values.h"
#include "util/errors.h"
#include "util/utf8.h"

namespace collab {

namespace {

// UTF-16 code units of the UTF-8 sequence starting with `lead` (Excel counts those).
std::size_t utf16_units(unsigned char lead) {
    return lead >= 0xF0 ? 2 : 1;
}

// The length of the UTF-8 sequence starting with `lead` (the text is valid UTF-8 here).
std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    return 2;
}

std::size_t utf16_length(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); i += sequence_length(s[i])) {
        n += utf16_units(static_cast<unsigned char>(s[i]));
    }
    return n;
}

// A full ISO date (YYYY-MM-DD) Excel can hold (1900-01-01 to 9999-12-31); partial dates
// and anything else: none.
std::optional<Date> full_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto d = parse_date(text);
    if (!d || !d->is_full() || d->year < 1900) return std::nullopt;
    return d->first_day();
}

std::optional<double> number(const std::string& text) {
    if (text.empty() || text.find_first_not_of("0123456789+-.eE") != std::string::npos)
        return std::nullopt;
    char* end = nullptr;
    const double d = std::strtod(text.c_str(), &end);
    if (*end != '\0') return std::nullopt;
    return d;
}

// A folder of our own in $TMPDIR for the workbook and libxlsxwriter's row files, removed
// with everything in it when done.
struct ScratchDir {
    std::filesystem::path path;
    // An unusable $TMPDIR is the environment's fault, not the tool's: UsageError (exit 2).
    ScratchDir() {
        std::error_code ec;
        const std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
        std::string pattern = (tmp / "collab-xlsx-XXXXXX").string();
        if (ec || !mkdtemp(pattern.data())) {
            const char* env = std::getenv("TMPDIR");
            const std::string where = ec ? (env ? env : "") : tmp.string();
            const std::string why = ec ? ec.message() : std::strerror(errno);
            throw UsageError(
                fmt::format("cannot create a temporary folder for the workbook in '{}': {}", where,
                            why),
                "set TMPDIR to a writable folder");
        }
        path = pattern;
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
};

void check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR)
        throw std::runtime_error(fmt::format("xlsx: {}: {}", what, lxw_strerror(e)));
}

// Excel's column width unit is about one '0' of the default font; a display column of a
// terminal is close enough, plus room for the autofilter button.
double column_width(std::size_t display) {
    return static_cast<double>(std::min<std::size_t>(display, 60)) + 2.5;
}

}  // namespace

std::string xlsx_text(std::string_view cell, bool* truncated) {
    // Same rule as CSV cells: controls (XML-forbidden among them) and invalid bytes to U+FFFD.
    std::string s = printable(cell, "\n");
    if (truncated) *truncated = false;
    if (s.size() <= xlsx_max_cell_chars || utf16_length(s) <= xlsx_max_cell_chars) return s;
    const std::size_t budget = xlsx_max_cell_chars - utf16_length(xlsx_truncation_mark);
    std::size_t units = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t u = utf16_units(static_cast<unsigned char>(s[i]));
        if (units + u > budget) break;
        units += u;
        i += sequence_length(s[i]);
    }
    if (truncated) *truncated = true;
    return s.substr(0, i) + std::string(xlsx_truncation_mark);
}

std::string xlsx_sheet_name(std::string_view wanted, std::vector<std::string>& taken) {
    std::string base = printable(wanted, " ");
    for (char& c : base) {
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
    }
    while (!base.empty() && base.front() == '\'') base.erase(0, 1);
    while (!base.empty() && base.back() == '\'') base.pop_back();
    const auto lower = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    if (base.empty() || lower(base) == "history") base = "Sheet";
    const auto cut = [](const std::string& s, std::size_t chars) {
        std::string out;
        std::size_t n = 0;
        for (std::size_t i = 0; i < s.size() && n < chars; i += sequence_length(s[i]), ++n)
            out += s.substr(i, sequence_length(s[i]));
        return out;
    };
    const auto is_taken = [&](const std::string& name) {
        return std::any_of(taken.begin(), taken.end(),
                           [&](const std::string& t) { return lower(t) == lower(name); });
    };
    std::string name = cut(base, xlsx_max_sheet_name_chars);
    for (int n = 2; is_taken(name); ++n) {
        const std::string suffix = fmt::format(" ({})", n);
        name = cut(base, xlsx_max_sheet_name_chars - suffix.size()) + suffix;
    }
    taken.push_back(name);
    return name;
}

std::string render_xlsx(std::span<const XlsxSheet> sheets,
                        const std::function<void(const std::string&)>& warn) {
    const ScratchDir scratch;
    const std::filesystem::path file = scratch.path / "book.xlsx";
    std::string tmpdir = scratch.path.string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmpdir.data();
    options.use_zip64 = LXW_TRUE;  // a sheet of a large store may pass 4 GB uncompressed
    lxw_workbook* book = workbook_new_opt(file.c_str(), &options);
    if (!book)
        throw UsageError("cannot create a workbook in '" + tmpdir + "'",
                         "check the free space in TMPDIR, or set TMPDIR to another folder");

    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format* date = workbook_add_format(book);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* wrap = workbook_add_format(book);  // cells with line breaks
    format_set_text_wrap(wrap);

    std::vector<std::string> taken;
    for (const XlsxSheet& sheet : sheets) {
        const Table& t = *sheet.table;
        const std::string name = xlsx_sheet_name(sheet.name, taken);
        lxw_worksheet* ws = workbook_add_worksheet(book, name.c_str());
        if (!ws) throw std::runtime_error("xlsx: cannot add the sheet " + name);
        const std::size_t n = t.headers.size();
        // Widths and Auto columns' types first: in constant_memory mode rows are gone once
        // written. An Auto column is a date column only when every cell in it is a date as
        // written, so an id or a title that happens to read as a date stays text.
        std::vector<ColumnKind> types(n, ColumnKind::Auto);
        std::vector<bool> all_dates(n, true), any(n, false);
        for (std::size_t c = 0; c < n && c < sheet.types.size(); ++c) types[c] = sheet.types[c];
        std::vector<std::size_t> widths(n, 0);
        for (std::size_t c = 0; c < n; ++c) widths[c] = display_width(t.headers[c]) + 2;
        for (const auto& row : t.rows) {
            for (std::size_t c = 0; c < n && c < row.size(); ++c) {
                const std::string_view cell = row[c];
                const auto nl = cell.find('\n');
                widths[c] = std::max(widths[c], display_width(cell.substr(0, nl)));
                if (types[c] != ColumnKind::Auto || cell.empty() || !all_dates[c]) continue;
                any[c] = true;
                all_dates[c] = parse_date(cell).has_value();
            }
        }
        for (std::size_t c = 0; c < n; ++c) {
            if (types[c] == ColumnKind::Auto)
                types[c] = any[c] && all_dates[c] ? ColumnKind::Date : ColumnKind::Text;
        }
        const auto type = [&](std::size_t c) { return types[c]; };
        for (std::size_t c = 0; c < n; ++c) {
            check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                       column_width(widths[c]), nullptr),
                  "set_column");
        }

        std::size_t cut = 0;
        std::string first_cut;
        const auto write_text = [&](lxw_row_t r, lxw_col_t c, const std::string& raw,
                                    lxw_format* f) {
            bool truncated = false;
            const std::string text = xlsx_text(raw, &truncated);
            if (truncated && cut++ == 0) {
                char cell[16];
                lxw_rowcol_to_cell(cell, r, c);
                first_cut = cell;
            }
            if (!f && text.find('\n') != std::string::npos) f = wrap;
            check(worksheet_write_string(ws, r, c, text.c_str(), f), "write_string");
        };
        for (std::size_t c = 0; c < n; ++c)
            write_text(0, static_cast<lxw_col_t>(c), t.headers[c], bold);

        lxw_row_t r = 1;
        for (const auto& row : t.rows) {
            for (std::size_t c = 0; c < n && c < row.size(); ++c) {
                const std::string& cell = row[c];
                if (cell.empty()) continue;
                const auto col = static_cast<lxw_col_t>(c);
                const ColumnKind ty = type(c);
                if (ty == ColumnKind::Number) {
                    if (const auto d = number(cell)) {
                        check(worksheet_write_number(ws, r, col, *d, nullptr), "write_number");
                        continue;
                    }
                }
                if (ty != ColumnKind::Text) {
                    if (const auto d = full_date(cell)) {
                        lxw_datetime dt{d->year, d->month, d->day, 0, 0, 0};
                        check(worksheet_write_datetime(ws, r, col, &dt, date), "write_datetime");
                        continue;
                    }
                }
                // Over Excel's URL limits (2,079 characters, 65,530 links a sheet) a URL
                // stays text.
                // The format's URL rule (model/values.h): http(s), a host with a dot, no space.
                if (is_url(cell) && cell.find_first_of("\"<>") == std::string::npos &&
                    cell.size() < 2079 &&
                    worksheet_write_url(ws, r, col, cell.c_str(), nullptr) == LXW_NO_ERROR)
                    continue;
                write_text(r, col, cell, nullptr);
            }
            ++r;
        }
        if (n > 0) {
            worksheet_freeze_panes(ws, 1, 0);
            check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(t.rows.size()),
                                       static_cast<lxw_col_t>(n - 1)),
                  "autofilter");
        }
        if (cut > 0 && warn) {
            warn(
                fmt::format("sheet '{}': {} cell{} over Excel's {} characters cut, ending in "
                            "\"{}\" (first: {})",
                            name, cut, cut == 1 ? "" : "s", xlsx_max_cell_chars,
                            xlsx_truncation_mark, first_cut));
        }
    }
    // Writing the rows' temporary files and the archive: a full or unwritable $TMPDIR.
    if (const lxw_error e = workbook_close(book); e != LXW_NO_ERROR) {
        throw UsageError(
            fmt::format("cannot write the workbook in '{}': {}", tmpdir, lxw_strerror(e)),
            "check the free space in TMPDIR, or set TMPDIR to another folder");
    }

    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("xlsx: cannot read back " + file.string());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string render_xlsx_table(const Table& table, const TableStyle& style, std::string_view sheet) {
    const XlsxSheet one{std::string(sheet), &table, style.types};
    return render_xlsx(std::span(&one, 1), style.warn);
}

}  // namespace collab
