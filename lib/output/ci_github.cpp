// GitHub Actions workflow commands and the step summary.
#include <fmt/format.h>

#include "output/ci_formats.h"
#include "output/escape.h"
#include "util/utf8.h"

namespace collab {

namespace {

// The escaping of GitHub's own toolkit (actions/toolkit, command.ts): data escapes % CR LF;
// property values also : and , because they separate properties.
std::string escape_data(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '%':
                out += "%25";
                break;
            case '\r':
                out += "%0D";
                break;
            case '\n':
                out += "%0A";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string escape_property(std::string_view text) {
    std::string out;
    for (char c : escape_data(text)) {
        if (c == ':') {
            out += "%3A";
        } else if (c == ',') {
            out += "%2C";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string render_github(std::span<const Diagnostic> diagnostics,
                          const ValidationSummary& summary) {
    std::string out;
    for (const Severity severity : {Severity::Error, Severity::Warning}) {
        for (const Diagnostic& d : diagnostics) {
            if (d.severity != severity) continue;
            out += fmt::format(
                "::{} file={},line={},col={},title={}::{}\n", severity_name(severity),
                escape_property(diagnostic_path(summary, d)), d.mark.line, d.mark.column,
                escape_property(d.code), escape_data(printable(d.message)));
        }
    }
    return out + summary_line(diagnostics, summary) + "\n";
}

std::string render_github_step_summary(std::span<const Diagnostic> diagnostics,
                                       const ValidationSummary& summary) {
    std::string out =
        "### collab validate: " + markdown_cell(summary_line(diagnostics, summary)) + "\n\n";
    if (diagnostics.empty()) return out;
    out += "| severity | file | line | column | code | message |\n";
    out += "|---|---|---:|---:|---|---|\n";
    for (const Severity severity : {Severity::Error, Severity::Warning}) {
        for (const Diagnostic& d : diagnostics) {
            if (d.severity != severity) continue;
            out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", severity_name(severity),
                               markdown_cell(diagnostic_path(summary, d)), d.mark.line,
                               d.mark.column, markdown_cell(d.code), markdown_cell(d.message));
        }
    }
    return out + "\n";
}

}  // namespace collab
