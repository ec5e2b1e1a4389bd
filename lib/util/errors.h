// The tool's own failures, as opposed to problems in the data (those are Diagnostics).
#pragma once
#include <stdexcept>
#include <string>

namespace collab {

// The user asked for something that cannot be done as asked: exit status 2.
struct UsageError : std::runtime_error {
    explicit UsageError(const std::string& what, std::string hint_text = {})
        : std::runtime_error(what), hint(std::move(hint_text)) {}
    std::string hint;
};

}  // namespace collab
