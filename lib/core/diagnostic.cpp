#include "core/diagnostic.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <tuple>

namespace collab {

std::string_view severity_name(Severity severity) {
    return severity == Severity::Error ? "error" : "warning";
}

namespace {

constexpr auto E = Severity::Error;
constexpr auto W = Severity::Warning;

constexpr std::array<CheckInfo, 28> checks = {{
    {"yaml-syntax", E, "The file is not valid YAML."},
    {"merge-conflict", E, "The file holds git merge-conflict markers."},
    {"duplicate-key", E, "A mapping repeats a key."},
    {"not-a-record", E,
     "The file is empty, holds several documents, or its root is not a mapping."},
    {"unsupported-yaml", E,
     "Anchors, aliases, merge keys, explicit tags or nesting too deep: records are plain YAML."},
    {"unreadable", E, "The file cannot be read, or is a link leaving the store or a link loop."},
    {"too-large", E,
     "The file is larger than the size limit (COLLAB_MAX_FILE_SIZE, default 10 MB)."},
    {"unknown-field", E, "A key the kind does not have."},
    {"missing-field", E, "A required field is absent."},
    {"wrong-type", E, "A value has the wrong shape, e.g. a list where a string belongs."},
    {"bad-value", E, "A value is not valid for its type or not one of the allowed choices."},
    {"bad-id", E, "The file name is not a valid id, or `id:` differs from it."},
    {"duplicate-id", E, "Two files of one kind share an id."},
    {"dangling-ref", E, "A reference names no record of that kind."},
    {"cycle", E, "`parent` chains of partners or agreements loop."},
    {"date-order", E, "Two dates of a record are in the wrong order."},
    {"too-few-parties", E, "An agreement has fewer than two distinct parties."},
    {"signatory-not-party", E, "A signatory's partner is not among the agreement's parties."},
    {"status-needs-date", E, "A status that implies signing, without a `signed` date."},
    {"superseded-twice", E,
     "Two or more agreements name the same agreement in `supersedes` (renewed twice)."},
    {"missing-document", E, "A document path does not exist or leaves the store."},
    {"config", E, "collab.yaml is missing, has no name, has unknown keys or bad values."},
    {"ambiguous-scalar", W,
     "An unquoted yes/no/on/off/y/n/true/false in a field that is not a boolean."},
    {"status-stale", W, "The status disagrees with the term end or the termination date."},
    {"signatory-without-role", W,
     "A signatory held no role at the partner when the agreement was signed."},
    {"duplicate-entry", W, "A list of references names the same id twice."},
    {"project-outside-agreement", W,
     "A project partner is not a party (or part of a party) of the agreements it runs under."},
    {"milestone-overdue", W, "An active project's milestone is past due and not done."},
}};

}  // namespace

std::span<const CheckInfo> all_checks() {
    return checks;
}

const CheckInfo* find_check(std::string_view code) {
    for (const auto& c : checks) {
        if (c.code == code) return &c;
    }
    return nullptr;
}

Diagnostic make_diagnostic(std::string_view code, Mark mark, std::string message,
                           std::string field) {
    const CheckInfo* info = find_check(code);
    // An unknown code is a bug in collab, not in the data.
    if (!info) throw std::logic_error("unknown diagnostic code: " + std::string(code));
    Diagnostic d;
    d.code = std::string(code);
    d.severity = info->severity;
    d.mark = mark;
    d.message = std::move(message);
    d.field = std::move(field);
    return d;
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
        return std::tie(a.file, a.mark.line, a.mark.column, a.code) <
               std::tie(b.file, b.mark.line, b.mark.column, b.code);
    });
}

Tally tally(std::span<const Diagnostic> diagnostics) {
    Tally t;
    for (const auto& d : diagnostics) {
        (d.severity == Severity::Error ? t.errors : t.warnings)++;
    }
    return t;
}

}  // namespace collab
