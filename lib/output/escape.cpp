#include "output/escape.h"

#include <fmt/format.h>

#include "util/utf8.h"

namespace collab {

std::string markdown_cell(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '|':
                out += "\\|";
                break;
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return printable(out, "<br>");
}

namespace {

// & < > " ' as entities, after printable() has replaced what a terminal or parser must not
// see; `apostrophe` is the entity HTML or XML prefers.
std::string escape_markup(const std::string& safe, std::string_view apostrophe) {
    std::string out;
    out.reserve(safe.size());
    for (char c : safe) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += apostrophe;
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace

std::string escape_html(std::string_view text) {
    return escape_markup(printable(text), "&#39;");
}

std::string escape_xml(std::string_view text) {
    // printable() keeps line breaks as "\n" and turns every other control character and
    // invalid byte into U+FFFD, which is exactly what XML 1.0 can hold.
    return escape_markup(printable(text, "\n"), "&apos;");
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
