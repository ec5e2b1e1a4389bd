#include "output/escape.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "util/utf8.h"

namespace collab {

namespace {

struct Replacement {
    char from;
    std::string_view to;
};

// `text` with each character in `table` replaced by its text.
std::string replaced(std::string_view text, std::initializer_list<Replacement> table) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto* r = std::find_if(table.begin(), table.end(),
                                     [c](const Replacement& x) { return x.from == c; });
        if (r == table.end()) {
            out += c;
        } else {
            out += r->to;
        }
    }
    return out;
}

}  // namespace

std::string markdown_cell(std::string_view text) {
    return printable(replaced(text, {{'|', "\\|"}, {'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}}),
                     "<br>");
}

std::string escape_html(std::string_view text) {
    return replaced(
        printable(text),
        {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}});
}

std::string escape_xml(std::string_view text) {
    // printable() keeps line breaks as "\n" and turns every other control character and
    // invalid byte into U+FFFD, which is exactly what XML 1.0 can hold.
    return replaced(
        printable(text, "\n"),
        {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&apos;"}});
}

std::string uri_path(std::string_view path) {
    std::string out;
    for (unsigned char c : path) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' ||
                          c == '/';
        if (keep) {
            out += static_cast<char>(c);
        } else {
            out += fmt::format("%{:02X}", c);
        }
    }
    return out;
}

}  // namespace collab
