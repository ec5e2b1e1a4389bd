// Rendering validate's results for people (text) and for scripts (json).
#pragma once
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "core/diagnostic.h"

namespace collab {

struct ValidationSummary {
    std::string store;  // the store as the user sees it, e.g. "data"
    int files = 0;
    int records = 0;
    int omitted_errors = 0;  // errors found but not shown (--max-errors)
};

// Errors and warnings found, counting the ones --max-errors left out.
Tally found(std::span<const Diagnostic> diagnostics, const ValidationSummary& summary);

// `3 files, 3 records: 1 error, 0 warnings`, and what --max-errors left out.
std::string summary_line(std::span<const Diagnostic> diagnostics, const ValidationSummary& summary);

// A store-relative file as seen from the working directory.
std::string store_path(const ValidationSummary& summary, const std::string& file);
// `file` of a diagnostic as seen from the working directory.
std::string diagnostic_path(const ValidationSummary& summary, const Diagnostic& d);

// The text of line `line` of a store file, for showing it under the diagnostic.
using SourceLines = std::function<std::optional<std::string>(const std::string& file, int line)>;

struct TextStyle {
    bool color = false;
    bool summary = true;  // the closing `N files, N records: ...` line
};

// Source lines from a text in memory (a record not yet written).
SourceLines lines_of_text(std::string text);

// Compiler style: `path:line:col: error[code]: message`, the source line and a caret, then
// the summary line.
std::string render_text(std::span<const Diagnostic> diagnostics, const ValidationSummary& summary,
                        const SourceLines& source, TextStyle style);

std::string render_json(std::span<const Diagnostic> diagnostics, const ValidationSummary& summary);

}  // namespace collab
