// Choosing which diagnostics validate reports: --only, --ignore and --max-errors.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace collab {

struct CodeSelection {
    std::vector<std::string> only;    // empty: every code
    std::vector<std::string> ignore;  // applied after `only`
};

// Checks every code against the check table; an unknown one is a UsageError naming the
// option, with a did-you-mean.
void check_codes(const std::vector<std::string>& codes, std::string_view option);

bool keeps(const CodeSelection& selection, const Diagnostic& diagnostic);

// Keeps the first `max_errors` errors (in their order) and every warning; returns how many
// errors it dropped.
int limit_errors(std::vector<Diagnostic>& diagnostics, int max_errors);

}  // namespace collab
