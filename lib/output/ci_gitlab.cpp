// GitLab Code Quality (a subset of the Code Climate issue format) and the fingerprints it
// and SARIF share.
#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "output/ci_formats.h"
#include "util/fnv.h"

namespace collab {

namespace {

// FNV-1a, 64 bits, run twice with different offsets for 128 bits: stable across versions
// and platforms, which is all a fingerprint needs (it is not a security boundary).
std::string fnv128(std::string_view text) {
    return fmt::format("{:016x}{:016x}", fnv1a_64(text), fnv1a_64(text, 0x6c62272e07bb0142ULL));
}

}  // namespace

std::string_view fingerprint_subject(std::string_view message) {
    // The did-you-mean hint names another record, which may come or go; the finding is the same.
    const auto hint = message.find("; did you mean '");
    return hint == std::string_view::npos ? message : message.substr(0, hint);
}

std::vector<std::string> fingerprints(std::span<const Diagnostic> diagnostics) {
    std::map<std::tuple<std::string, std::string, std::string, std::string>, int> seen;
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics) {
        const std::string subject(fingerprint_subject(d.message));
        // Only findings that say exactly the same thing are told apart by their rank.
        const int rank = seen[{d.file, d.code, d.field, subject}]++;
        out.push_back(
            fnv128(fmt::format("{}\n{}\n{}\n{}\n{}", d.file, d.code, d.field, subject, rank)));
    }
    return out;
}

std::string render_gitlab(std::span<const Diagnostic> diagnostics,
                          const ValidationSummary& summary) {
    using nlohmann::ordered_json;
    const std::vector<std::string> prints = fingerprints(diagnostics);
    ordered_json issues = ordered_json::array();
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        issues.push_back(
            {{"type", "issue"},
             {"check_name", d.code},
             {"description", d.message},
             {"severity", d.severity == Severity::Error ? "major" : "minor"},
             {"fingerprint", prints[i]},
             {"location",
              {{"path", diagnostic_path(summary, d)}, {"lines", {{"begin", d.mark.line}}}}}});
    }
    return issues.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace collab
