// validate's results in the formats CI platforms read: GitHub workflow commands, JUnit XML,
// SARIF 2.1.0 and GitLab Code Quality. Paths are as seen from the working directory (where
// CI runs), so annotations land on the right line of a pull request.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "output/diagnostics.h"

namespace collab {

// `::error file=…,line=…,col=…,title=CODE::message`, errors before warnings (GitHub shows
// only the first few annotations of a step), then the summary line.
std::string render_github(std::span<const Diagnostic> diagnostics,
                          const ValidationSummary& summary);

// A Markdown table of every finding, for $GITHUB_STEP_SUMMARY.
std::string render_github_step_summary(std::span<const Diagnostic> diagnostics,
                                       const ValidationSummary& summary);

// One test case per checked file (`files`, store-relative, plus any file a diagnostic
// names), a <failure> per error, warnings as the test case's system-out.
std::string render_junit(std::span<const Diagnostic> diagnostics, const ValidationSummary& summary,
                         std::span<const std::string> files);

// SARIF 2.1.0: one rule per check code with its description, results with physical
// locations (columns in Unicode code points, as collab counts them).
std::string render_sarif(std::span<const Diagnostic> diagnostics, const ValidationSummary& summary,
                         const std::string& tool_version);

// GitLab Code Quality: an array of issues with fingerprints that survive edits.
std::string render_gitlab(std::span<const Diagnostic> diagnostics,
                          const ValidationSummary& summary);

// A stable fingerprint of each diagnostic (32 hex digits), built from its file, code, field
// and what it is about, never the line, so it survives edits above it. What it is about is
// the message, which names the offending value (`no partner 'x'`), without the did-you-mean
// hint, which depends on other records: fixing the first of three dangling references
// leaves the other two fingerprints alone. Only diagnostics that say exactly the same thing
// are told apart by their rank among themselves.
std::vector<std::string> fingerprints(std::span<const Diagnostic> diagnostics);

// The part of a message a fingerprint is built from: all of it but a did-you-mean hint.
std::string_view fingerprint_subject(std::string_view message);

}  // namespace collab
