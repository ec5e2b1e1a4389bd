// Diagnostics are values: checks return them, outputs render them.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/mark.h"

namespace collab {

enum class Severity : unsigned char { Error, Warning };
std::string_view severity_name(Severity severity);

// One row of the format's check table.
struct CheckInfo {
    std::string_view code;
    Severity severity;
    std::string_view description;
};
std::span<const CheckInfo> all_checks();
const CheckInfo* find_check(std::string_view code);

struct Diagnostic {
    std::string file;  // relative to the store root, '/' separators
    Mark mark;
    Severity severity = Severity::Error;
    std::string code;
    std::string message;
    std::string field;  // dotted path of the field it is about, if any
    std::string kind;   // the record's kind and id; empty for collab.yaml
    std::string id;
};

// A diagnostic with the severity the check table gives its code.
Diagnostic make_diagnostic(std::string_view code, Mark mark, std::string message,
                           std::string field = {});

// The documented order: file (byte order), line, column, code.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

struct Tally {
    int errors = 0;
    int warnings = 0;
};
Tally tally(std::span<const Diagnostic> diagnostics);

}  // namespace collab
