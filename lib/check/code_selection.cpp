#include "check/code_selection.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/suggest.h"
#include "util/errors.h"

namespace collab {

void check_codes(const std::vector<std::string>& codes, std::string_view option) {
    std::vector<std::string_view> known;
    for (const auto& c : all_checks()) known.push_back(c.code);
    for (const auto& code : codes) {
        if (find_check(code)) continue;
        throw UsageError(
            fmt::format("{}: unknown check code '{}'{}", option, code, did_you_mean(code, known)),
            "the codes are listed in docs/validate.md (yaml-syntax, dangling-ref, ...)");
    }
}

bool keeps(const CodeSelection& selection, const Diagnostic& diagnostic) {
    const auto has = [&](const std::vector<std::string>& codes) {
        return std::find(codes.begin(), codes.end(), diagnostic.code) != codes.end();
    };
    if (!selection.only.empty() && !has(selection.only)) return false;
    return !has(selection.ignore);
}

int limit_errors(std::vector<Diagnostic>& diagnostics, int max_errors) {
    int seen = 0;
    int dropped = 0;
    std::erase_if(diagnostics, [&](const Diagnostic& d) {
        if (d.severity != Severity::Error) return false;
        if (++seen <= max_errors) return false;
        ++dropped;
        return true;
    });
    return dropped;
}

}  // namespace collab
