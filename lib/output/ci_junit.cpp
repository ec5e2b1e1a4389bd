// JUnit XML, as GitLab, Jenkins and most CI dashboards read it.
#include <fmt/format.h>

#include <map>

#include "output/ci_formats.h"
#include "escape/escape.h"

namespace collab {

namespace {

// The test case's class: the kind folder, or the settings file.
std::string class_of(const std::string& file) {
    const auto slash = file.find('/');
    return slash == std::string::npos ? file : file.substr(0, slash);
}

std::string location(const ValidationSummary& summary, const Diagnostic& d) {
    return fmt::format("{}:{}:{}", diagnostic_path(summary, d), d.mark.line, d.mark.column);
}

}  // namespace

std::string render_junit(std::span<const Diagnostic> diagnostics, const ValidationSummary& summary,
                         std::span<const std::string> files) {
    std::map<std::string, std::vector<const Diagnostic*>> by_file;
    for (const auto& f : files) by_file[f];
    for (const auto& d : diagnostics) by_file[d.file].push_back(&d);

    int failed = 0;
    std::string cases;
    for (const auto& [file, ds] : by_file) {
        std::string failures;
        std::string warnings;
        for (const Diagnostic* d : ds) {
            const std::string line = fmt::format("{}: {}[{}]: {}", location(summary, *d),
                                                 severity_name(d->severity), d->code, d->message);
            if (d->severity == Severity::Error) {
                failures += fmt::format(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n", escape_xml(d->code),
                    escape_xml(fmt::format("{}:{}: {}", d->mark.line, d->mark.column, d->message)),
                    escape_xml(line));
            } else {
                warnings += line + "\n";
            }
        }
        if (!failures.empty()) ++failed;
        const std::string path = store_path(summary, file);
        cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"",
                             escape_xml(class_of(file)), escape_xml(file), escape_xml(path));
        if (failures.empty() && warnings.empty()) {
            cases += "/>\n";
            continue;
        }
        cases += ">\n" + failures;
        if (!warnings.empty()) {
            cases += "      <system-out>" + escape_xml(warnings) + "</system-out>\n";
        }
        cases += "    </testcase>\n";
    }
    const std::size_t tests = by_file.size();
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format(
        "<testsuites name=\"collab validate\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", tests,
        failed);
    out += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
        escape_xml(summary.store), tests, failed);
    out += cases;
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

}  // namespace collab
