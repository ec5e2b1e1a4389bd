// The tool's own failures, as opposed to problems in the data (those are Diagnostics).
#pragma once
#include <stdexcept>
#include <string>

#include "util/utf8.h"

namespace collab {

// The user asked for something that cannot be done as asked: exit status 2.
// Messages often quote what the user typed; they are made printable (control characters
// and NUL become U+FFFD, line breaks stay) so a NUL cannot cut a message short and no
// argument can drive the terminal.
struct UsageError : std::runtime_error {
    explicit UsageError(const std::string& what, const std::string& hint_text = {})
        : std::runtime_error(printable(what, "\n")), hint(printable(hint_text, "\n")) {}
    std::string hint;
};

}  // namespace collab
