// SARIF 2.1.0 (OASIS), the log format GitHub code scanning and many IDEs import.
#include <nlohmann/json.hpp>

#include "output/ci_formats.h"
#include "escape/escape.h"

namespace collab {

std::string render_sarif(std::span<const Diagnostic> diagnostics, const ValidationSummary& summary,
                         const std::string& tool_version) {
    using nlohmann::ordered_json;
    const auto checks = all_checks();
    ordered_json rules = ordered_json::array();
    for (const CheckInfo& c : checks) {
        rules.push_back({{"id", c.code},
                         {"shortDescription", {{"text", c.description}}},
                         {"defaultConfiguration", {{"level", severity_name(c.severity)}}}});
    }
    const std::vector<std::string> prints = fingerprints(diagnostics);
    ordered_json results = ordered_json::array();
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        std::size_t rule = 0;
        while (rule < checks.size() && checks[rule].code != d.code) ++rule;
        results.push_back(
            {{"ruleId", d.code},
             {"ruleIndex", rule},
             {"level", severity_name(d.severity)},
             {"message", {{"text", d.message}}},
             {"locations",
              {{{"physicalLocation",
                 {{"artifactLocation", {{"uri", uri_path(diagnostic_path(summary, d))}}},
                  {"region", {{"startLine", d.mark.line}, {"startColumn", d.mark.column}}}}}}}},
             {"partialFingerprints", {{"collabFingerprint/v2", prints[i]}}}});
    }
    ordered_json run = {{"tool",
                         {{"driver",
                           {{"name", "collab"},
                            {"version", tool_version},
                            {"semanticVersion", tool_version},
                            {"rules", std::move(rules)}}}}},
                        {"columnKind", "unicodeCodePoints"},
                        {"results", std::move(results)}};
    ordered_json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                        {"version", "2.1.0"},
                        {"runs", ordered_json::array({std::move(run)})}};
    return log.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace collab
