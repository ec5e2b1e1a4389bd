#include "output/diagnostics.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <vector>

#include "escape/escape.h"
#include "util/utf8.h"

namespace collab {

std::string store_path(const ValidationSummary& summary, const std::string& file) {
    if (summary.store.empty() || summary.store == ".") return file;
    return summary.store + "/" + file;
}

std::string diagnostic_path(const ValidationSummary& summary, const Diagnostic& d) {
    return store_path(summary, d.file);
}

namespace {

std::string plural(int n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// Source lines are shown at most this wide; longer ones are windowed around the caret.
constexpr std::size_t max_excerpt_width = 100;

struct Excerpt {
    std::string text;     // printable, windowed
    std::string padding;  // what goes before the caret: tabs copied, everything else spaces
};

// The source line as it is safe and useful to show, with the caret's padding.
Excerpt excerpt(std::string_view raw, int column) {
    const std::string line = terminal_text(raw);
    struct Char {
        std::string_view bytes;
        std::size_t width;
    };
    std::vector<Char> chars;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t len = 1;
        while (i + len < line.size() && (static_cast<unsigned char>(line[i + len]) & 0xC0) == 0x80)
            ++len;
        const std::string_view ch = std::string_view(line).substr(i, len);
        chars.push_back({ch, ch == "\t" ? 1 : display_width(ch)});
        i += len;
    }
    const std::size_t caret =
        std::min<std::size_t>(static_cast<std::size_t>(std::max(column, 1)) - 1, chars.size());
    std::size_t first = 0;
    std::size_t last = chars.size();
    if (display_width(line) > max_excerpt_width) {
        // Keep a little context before the caret, and fill the rest after it.
        first = caret > 20 ? caret - 20 : 0;
        std::size_t width = 0;
        last = first;
        while (last < chars.size() && width + chars[last].width <= max_excerpt_width - 2) {
            width += chars[last++].width;
        }
    }
    Excerpt e;
    if (first > 0) {
        e.text += "…";
        e.padding += " ";
    }
    for (std::size_t i = first; i < last; ++i) {
        e.text += chars[i].bytes;
        if (i < caret) {
            if (chars[i].bytes == "\t") {
                e.padding += '\t';
            } else {
                e.padding.append(chars[i].width, ' ');
            }
        }
    }
    if (last < chars.size()) e.text += "…";
    return e;
}

}  // namespace

std::string render_text(std::span<const Diagnostic> diagnostics, const ValidationSummary& summary,
                        const SourceLines& source, TextStyle style) {
    const auto paint = [&](std::string_view codes, std::string_view text) {
        return style.color ? fmt::format("\033[{}m{}\033[0m", codes, text) : std::string(text);
    };
    std::string out;
    for (const Diagnostic& d : diagnostics) {
        const bool error = d.severity == Severity::Error;
        const std::string_view tone = error ? "1;31" : "1;33";
        out += fmt::format(
            "{}: {}: {}\n",
            paint("1", fmt::format("{}:{}:{}", terminal_text(diagnostic_path(summary, d)),
                                   d.mark.line, d.mark.column)),
            paint(tone, fmt::format("{}[{}]", severity_name(d.severity), d.code)),
            terminal_text(d.message));
        // An unreadable or oversized file is not to be read, not even for one line.
        const bool skip = d.code == "unreadable" || d.code == "too-large";
        const auto line = source && !skip ? source(d.file, d.mark.line) : std::nullopt;
        if (!line) continue;
        const Excerpt e = excerpt(*line, d.mark.column);
        const std::string number = std::to_string(d.mark.line);
        const std::string gutter(number.size(), ' ');
        out += fmt::format(" {} | {}\n", paint("2", number), e.text);
        out += fmt::format(" {} | {}{}\n", gutter, e.padding, paint(tone, "^"));
    }
    if (!style.summary) return out;
    const Tally t = found(diagnostics, summary);
    out += paint(t.errors ? "1;31" : (t.warnings ? "1;33" : "1;32"),
                 summary_line(diagnostics, summary)) +
           "\n";
    return out;
}

Tally found(std::span<const Diagnostic> diagnostics, const ValidationSummary& summary) {
    Tally t = tally(diagnostics);
    t.errors += summary.omitted_errors;
    return t;
}

std::string summary_line(std::span<const Diagnostic> diagnostics,
                         const ValidationSummary& summary) {
    const Tally t = found(diagnostics, summary);
    std::string line = fmt::format("{}, {}: {}, {}", plural(summary.files, "file"),
                                   plural(summary.records, "record"), plural(t.errors, "error"),
                                   plural(t.warnings, "warning"));
    if (summary.omitted_errors > 0) {
        line +=
            fmt::format(" ({} not shown: --max-errors)", plural(summary.omitted_errors, "error"));
    }
    return line;
}

SourceLines lines_of_text(std::string text) {
    auto lines = std::make_shared<std::vector<std::string>>();
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines->push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return [lines](const std::string&, int line) -> std::optional<std::string> {
        if (line < 1 || line > static_cast<int>(lines->size())) return std::nullopt;
        return (*lines)[static_cast<std::size_t>(line - 1)];
    };
}

std::string render_json(std::span<const Diagnostic> diagnostics, const ValidationSummary& summary) {
    using nlohmann::ordered_json;
    const Tally t = found(diagnostics, summary);
    ordered_json doc;
    doc["store"] = summary.store;
    doc["files"] = summary.files;
    doc["records"] = summary.records;
    doc["errors"] = t.errors;
    doc["warnings"] = t.warnings;
    if (summary.omitted_errors > 0) doc["errors_not_shown"] = summary.omitted_errors;
    ordered_json list = ordered_json::array();
    for (const Diagnostic& d : diagnostics) {
        ordered_json j;
        j["file"] = d.file;
        j["path"] = diagnostic_path(summary, d);
        j["line"] = d.mark.line;
        j["column"] = d.mark.column;
        j["severity"] = severity_name(d.severity);
        j["code"] = d.code;
        if (!d.kind.empty()) j["kind"] = d.kind;
        if (!d.id.empty()) j["id"] = d.id;
        if (!d.field.empty()) j["field"] = d.field;
        j["message"] = d.message;
        list.push_back(std::move(j));
    }
    doc["diagnostics"] = std::move(list);
    // Invalid UTF-8 cannot reach here (the loader rejects it), but a bad byte must never
    // turn into an exception on output.
    return doc.dump(-1, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace collab
