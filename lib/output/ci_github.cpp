// GitHub Actions workflow commands and the step summary.
#include <fmt/format.h>

#include "output/ci_formats.h"
#include "escape/escape.h"
#include "util/utf8.h"

namespace collab {

std::string render_github(std::span<const Diagnostic> diagnostics,
                          const ValidationSummary& summary) {
    std::string out;
    for (const Severity severity : {Severity::Error, Severity::Warning}) {
        for (const Diagnostic& d : diagnostics) {
            if (d.severity != severity) continue;
            out += fmt::format(
                "::{} file={},line={},col={},title={}::{}\n", severity_name(severity),
                // The runner prints the property raw in its log: no control bytes from a file name.
                github_command_property(printable(diagnostic_path(summary, d))), d.mark.line,
                d.mark.column,
                github_command_property(d.code), github_command_data(terminal_text(d.message)));
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
