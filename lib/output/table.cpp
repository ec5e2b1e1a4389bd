#include "output/table.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "escape/escape.h"
#include "output/xlsx.h"
#include "util/utf8.h"

namespace collab {

namespace {

// Column widths that fit `limit` in total, taking from the widest column first. The first
// column (the id, which people copy into other commands) is cut only when nothing else can be.
std::vector<std::size_t> fit(std::vector<std::size_t> widths,
                             const std::vector<std::string>& headers, std::size_t limit) {
    const std::size_t gaps = widths.empty() ? 0 : 2 * (widths.size() - 1);
    const auto total = [&] { return std::accumulate(widths.begin(), widths.end(), gaps); };
    // Never narrower than the header (or 4 columns): past that the table cannot fit.
    const auto floor = [&](std::size_t i) {
        return std::max<std::size_t>(4, display_width(headers[i]));
    };
    for (const std::size_t first : {std::size_t{1}, std::size_t{0}}) {
        while (total() > limit) {
            std::size_t widest = first;
            for (std::size_t i = first; i < widths.size(); ++i) {
                if (widths[i] > widths[widest]) widest = i;
            }
            if (widest >= widths.size() || widths[widest] <= floor(widest)) break;
            --widths[widest];
        }
    }
    return widths;
}

}  // namespace

std::string render_table(const Table& table, const TableStyle& style) {
    const std::size_t n = table.headers.size();
    std::vector<std::size_t> widths(n, 0);
    for (std::size_t c = 0; c < n; ++c) widths[c] = display_width(table.headers[c]);
    for (const auto& row : table.rows) {
        for (std::size_t c = 0; c < n && c < row.size(); ++c) {
            widths[c] = std::max(widths[c], display_width(terminal_text(row[c])));
        }
    }
    if (style.max_width) widths = fit(widths, table.headers, *style.max_width);

    const auto line = [&](const std::vector<std::string>& cells, bool header) {
        std::string out;
        for (std::size_t c = 0; c < n; ++c) {
            std::string cell =
                truncate_to_width(terminal_text(c < cells.size() ? cells[c] : ""), widths[c]);
            const std::size_t pad = widths[c] - display_width(cell);
            const bool right = c < style.right_align.size() && style.right_align[c];
            if (header && style.color) cell = "\033[1m" + cell + "\033[0m";
            if (right) {
                out += std::string(pad, ' ') + cell;
            } else {
                out += cell;
                // No trailing blanks after the last column.
                if (c + 1 < n) out += std::string(pad, ' ');
            }
            if (c + 1 < n) out += "  ";
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(table.headers, true);
    for (const auto& row : table.rows) out += line(row, false);
    return out;
}

namespace {

// The single point where a CSV cell is made: controls out, the formula guard, RFC 4180.
std::string csv_field(const std::string& raw, bool guard) {
    std::string s = printable(raw, "\n");
    if (guard) s = formula_guard(s);
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// The single point where a TSV cell is made.
std::string tsv_field(const std::string& raw, bool guard) {
    std::string s = printable(raw, " ");
    std::replace(s.begin(), s.end(), '\t', ' ');
    return guard ? formula_guard(s) : s;
}

template <typename Field>
std::string delimited(const Table& table, char separator, const char* eol, Field field) {
    std::string out;
    const auto row = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < table.headers.size(); ++c) {
            if (c) out += separator;
            out += field(c < cells.size() ? cells[c] : std::string());
        }
        out += eol;
    };
    row(table.headers);
    for (const auto& r : table.rows) row(r);
    return out;
}

}  // namespace

std::string render_csv(const Table& table, bool formula_guard) {
    return delimited(table, ',', "\r\n",
                     [&](const std::string& s) { return csv_field(s, formula_guard); });
}
std::string render_tsv(const Table& table, bool formula_guard) {
    return delimited(table, '\t', "\n",
                     [&](const std::string& s) { return tsv_field(s, formula_guard); });
}

namespace {

// One row per tabular format: its --format name and its writer.
struct TabularWriter {
    std::string_view name;
    std::string (*write)(const Table&, const TableStyle&);
};

const TabularWriter tabular_writers[] = {
    {"table", [](const Table& t, const TableStyle& s) { return render_table(t, s); }},
    {"csv", [](const Table& t, const TableStyle& s) { return render_csv(t, s.formula_guard); }},
    {"tsv", [](const Table& t, const TableStyle& s) { return render_tsv(t, s.formula_guard); }},
    // Binary: a workbook of one sheet (output/xlsx.h); never formulas, so no guard needed.
    {"xlsx", [](const Table& t, const TableStyle& s) { return render_xlsx_table(t, s); }},
};

const TabularWriter* find_writer(std::string_view format) {
    for (const TabularWriter& w : tabular_writers) {
        if (w.name == format) return &w;
    }
    return nullptr;
}

}  // namespace

std::string render_tabular(std::string_view format, const Table& table, const TableStyle& style) {
    const TabularWriter* w = find_writer(format);
    if (!w) throw std::logic_error("no tabular writer for format " + std::string(format));
    return w->write(table, style);
}

std::vector<std::string_view> tabular_formats() {
    std::vector<std::string_view> names;
    for (const TabularWriter& w : tabular_writers) names.push_back(w.name);
    return names;
}

bool is_tabular(std::string_view format) {
    return find_writer(format) != nullptr;
}

}  // namespace collab
