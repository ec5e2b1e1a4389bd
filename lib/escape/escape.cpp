#include "escape/escape.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>

#include <re2/re2.h>
#include <utf8proc.h>

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

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Markdown for one line of text that printable() has already made safe for a terminal;
// `line_start`: the text may start a line, so a block marker at its start is escaped too.
std::string markdown_line(std::string_view text, bool line_start) {
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    // A block marker at the start of the text: heading, list item, setext underline, quote.
    std::size_t i = 0;
    if (!line_start) {
        // Inline only (a table cell, after a list marker): no block can start here.
    } else if (!text.empty() && std::string_view("#+-=>").find(text[0]) != std::string_view::npos) {
        out += '\\';
    } else {
        // An ordered list marker: up to 9 digits and `.` or `)`.
        while (i < text.size() && is_digit(text[i])) ++i;
        if (i > 0 && i < 10 && i < text.size() && (text[i] == '.' || text[i] == ')')) {
            out.append(text.substr(0, i));
            out += '\\';
        } else {
            i = 0;
        }
    }
    for (; i < text.size(); ++i) {
        const char c = text[i];
        const std::string_view rest = text.substr(i);
        switch (c) {
            case '&':
                out += "&amp;";
                continue;
            case '<':
                out += "&lt;";
                continue;
            case '>':
                out += "&gt;";
                continue;
            case '@':
                // No @mention, no e-mail autolink.
                out += "@&#8203;";
                continue;
            case '#':
                // No issue reference (#35) on GitHub.
                out += (i + 1 < text.size() && is_digit(text[i + 1])) ? "#&#8203;" : "#";
                continue;
            default:
                break;
        }
        if (std::string_view("\\`*_[]!~|").find(c) != std::string_view::npos ||
            (c == ':' && rest.starts_with("://")) ||
            (c == '.' && i >= 3 &&
             (text.substr(i - 3, 3) == "www" || text.substr(i - 3, 3) == "WWW"))) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

}  // namespace

std::string terminal_text(std::string_view text) {
    std::string out = printable(text);
    // A GitHub runner trims leading white space (any Unicode space) from a log line and obeys
    // it as a workflow command when it then starts with "::" (actions/runner,
    // ActionCommand.TryParseV2). Text that starts a line is neutralised: its first colon
    // becomes U+FF1A FULLWIDTH COLON, which reads the same.
    std::size_t i = 0;
    while (i < out.size()) {
        utf8proc_int32_t cp = 0;
        const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(out.data()) + i,
                                        static_cast<utf8proc_ssize_t>(out.size() - i), &cp);
        if (n <= 0) break;
        const auto category = utf8proc_category(cp);
        if (cp != '\t' && category != UTF8PROC_CATEGORY_ZS && category != UTF8PROC_CATEGORY_ZL &&
            category != UTF8PROC_CATEGORY_ZP)
            break;
        i += static_cast<std::size_t>(n);
    }
    if (out.compare(i, 2, "::") == 0) out.replace(i, 1, "\uFF1A");
    return out;
}

std::string terminal_lines(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto nl = text.find('\n', start);
        const bool last = nl == std::string_view::npos;
        out += terminal_text(text.substr(start, last ? std::string_view::npos : nl - start));
        if (last) break;
        out += '\n';
        start = nl + 1;
    }
    return out;
}

std::string markdown_text(std::string_view text) {
    return markdown_line(printable(text, " "), true);
}

std::string markdown_cell(std::string_view text) {
    // Cut at the line breaks first, so <br> itself is not escaped.
    std::string out;
    const std::string safe = printable(text, "\n");
    std::size_t start = 0;
    while (true) {
        const auto nl = safe.find('\n', start);
        out += markdown_line(std::string_view(safe).substr(
                                 start, nl == std::string::npos ? std::string::npos : nl - start),
                             false);
        if (nl == std::string::npos) break;
        out += "<br>";
        start = nl + 1;
    }
    return out;
}

std::string markdown_code(std::string_view text) {
    std::string t = printable(text, " ");
    for (std::size_t p; (p = t.find('`')) != std::string::npos;) t.replace(p, 1, "ˋ");
    return "`" + t + "`";
}

std::string escape_html(std::string_view text) {
    return replaced(
        printable(text),
        {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}});
}

std::string css_string(std::string_view text) {
    std::string out = "\"";
    const std::string clean = printable(text, " ");
    for (std::size_t i = 0; i < clean.size();) {
        const unsigned char c = static_cast<unsigned char>(clean[i]);
        const bool keep =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            std::string_view(" -_.,:/").find(static_cast<char>(c)) != std::string_view::npos;
        if (keep) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        // One code point (printable() left valid UTF-8 only), as its hex value.
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < len && i + k < clean.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(clean[i + k]) & 0x3F);
        out += fmt::format("\\{:X} ", static_cast<std::uint32_t>(cp));
        i += len;
    }
    return out + "\"";
}

std::string script_json(std::string_view json_text) {
    std::string out;
    out.reserve(json_text.size());
    for (std::size_t i = 0; i < json_text.size(); ++i) {
        const char c = json_text[i];
        if (c == '<') {
            out += "\\u003c";
        } else if (c == '>') {
            out += "\\u003e";
        } else if (c == '&') {
            out += "\\u0026";
        } else if (c == '\xE2' && i + 2 < json_text.size() && json_text[i + 1] == '\x80' &&
                   (json_text[i + 2] == '\xA8' || json_text[i + 2] == '\xA9')) {
            out += json_text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string escape_xml(std::string_view text) {
    // printable() keeps line breaks as "\n" and turns every other control character, the
    // noncharacters and invalid bytes into U+FFFD, which is exactly what XML 1.0 can hold.
    return replaced(
        printable(text, "\n"),
        {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&apos;"}});
}

std::string mermaid_label(std::string_view text) {
    std::string out = "\"";
    for (char c : printable(text, " ")) {
        switch (c) {
            case '"':
                out += "#quot;";
                break;
            case '#':
                out += "#35;";
                break;
            case '&':
                out += "#amp;";
                break;
            case '<':
                out += "#lt;";
                break;
            case '>':
                out += "#gt;";
                break;
            case '%':
                out += "#37;";
                break;
            case '`':
                out += "#96;";
                break;
            case '*':
                out += "#42;";
                break;
            case '_':
                out += "#95;";
                break;
            default:
                out += c;
        }
    }
    return out + "\"";
}

bool yaml_implicit_non_string(std::string_view s) {
    if (s.empty()) return true;
    // Every implicit type but the words below starts with one of these characters; the
    // regular expressions run only then, so ordinary names cost one comparison.
    static constexpr std::string_view words[] = {
        "~",  "null", "Null", "NULL", "y",    "Y",    "yes",  "Yes",   "YES",   "n",
        "N",  "no",   "No",   "NO",   "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On",   "ON",   "off",  "Off",  "OFF",  "<<",   "="};
    for (const auto w : words) {
        if (s == w) return true;
    }
    const char c = s.front();
    if (!(is_digit(c) || c == '-' || c == '+' || c == '.')) return false;
    // YAML 1.1 int (base 2, 8, 10, 16, 60) and float (incl. base 60), YAML 1.2 core int and
    // float, .inf and .nan; the 1.1 timestamp. From the YAML 1.1 type repository
    // (yaml.org/type/int.html, float.html, timestamp.html) and YAML 1.2.2 §10.3.2.
    // RE2 (linear time, no recursion), as for every regular expression run on record text.
    static const RE2 implicit(
        R"([-+]?0b[0-1_]+)"
        R"(|[-+]?0[0-7_]+|0o[0-7]+)"
        R"(|[-+]?(0|[1-9][0-9_]*))"
        R"(|[-+]?0x[0-9a-fA-F_]+)"
        R"(|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)"
        R"(|[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?)"
        R"(|[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+))"
        R"(|[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)?)"
        R"(|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))"
        R"(|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?)"
        R"(([ \t]*)(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?)");
    return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), implicit);
}

namespace {

// The escape yaml_quoted writes for the character at the start of `rest` (`len` bytes of
// valid UTF-8), or nothing when it can stand as it is.
std::string yaml_escape_of(std::string_view ch) {
    const auto c = static_cast<unsigned char>(ch[0]);
    if (ch.size() == 1) {
        switch (c) {
            case '"':
                return "\\\"";
            case '\\':
                return "\\\\";
            case '\n':
                return "\\n";
            case '\t':
                return "\\t";
            case '\r':
                return "\\r";
            default:
                if (c < 0x20 || c == 0x7F) return fmt::format("\\x{:02X}", c);
                return {};
        }
    }
    // C1 controls (NEL included: \u, not \N, which yaml-cpp 0.7 decodes to a bare 0x85
    // byte), LS, PS, BOM, noncharacters and bidi controls: anything printable() replaces.
    if (ch == "\u2028" || ch == "\u2029" || ch == "\uFEFF" ||
        (ch.size() == 2 && c == 0xC2 && static_cast<unsigned char>(ch[1]) < 0xA0) ||
        printable(ch) != ch) {
        char32_t cp = 0;
        if (ch.size() == 2) cp = ((c & 0x1F) << 6) | (ch[1] & 0x3F);
        if (ch.size() == 3) cp = ((c & 0x0F) << 12) | ((ch[1] & 0x3F) << 6) | (ch[2] & 0x3F);
        return fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
    }
    return {};
}

// Calls fn(character) for each UTF-8 character of `text`; an invalid byte comes as U+FFFD.
template <typename Fn>
void for_each_utf8(std::string_view text, Fn&& fn) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        if (len > text.size() - i || first_invalid_utf8(text.substr(i, len))) {
            fn(std::string_view("\xEF\xBF\xBD"));
            ++i;
            continue;
        }
        fn(text.substr(i, len));
        i += len;
    }
}

}  // namespace

std::string yaml_quoted(std::string_view text) {
    std::string out = "\"";
    for_each_utf8(text, [&](std::string_view ch) {
        const std::string e = yaml_escape_of(ch);
        out += e.empty() ? std::string(ch) : e;
    });
    return out + "\"";
}

bool yaml_plain_safe(std::string_view s) {
    if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos)
        return false;
    if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos ||
        s.back() == ':')
        return false;
    bool plain = true;
    for_each_utf8(s, [&](std::string_view ch) {
        if (ch == "\xEF\xBF\xBD" || !yaml_escape_of(ch).empty()) {
            // `"` and `\` need no escape in a plain scalar; everything else does.
            if (ch != "\"" && ch != "\\") plain = false;
        }
    });
    if (!plain || first_invalid_utf8(s)) return false;
    return !yaml_implicit_non_string(s);
}

std::string yaml_scalar(std::string_view text) {
    return yaml_plain_safe(text) ? std::string(text) : yaml_quoted(text);
}

bool looks_like_formula(std::string_view cell) {
    std::size_t i = 0;
    while (i < cell.size() && cell[i] == ' ') ++i;
    const std::string_view rest = cell.substr(i);
    if (rest.empty()) return false;
    // A plain number, signed or not, is data: "-12.5" must stay a number.
    static const RE2 number(R"([-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?)");
    if (RE2::FullMatch(re2::StringPiece(rest.data(), rest.size()), number)) return false;
    if (std::string_view("=+-@\t\r\n", 7).find(rest.front()) != std::string_view::npos ||
        rest.front() == '\0')
        return true;
    // Full-width equals, plus, minus and commercial at (U+FF1D U+FF0B U+FF0D U+FF20), which
    // some spreadsheets fold to their ASCII forms.
    for (const std::string_view wide : {"\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"}) {
        if (rest.starts_with(wide)) return true;
    }
    return false;
}

std::string formula_guard(std::string_view cell) {
    return looks_like_formula(cell) ? "'" + std::string(cell) : std::string(cell);
}

std::string github_command_data(std::string_view text) {
    return replaced(text, {{'%', "%25"}, {'\r', "%0D"}, {'\n', "%0A"}});
}

std::string github_command_property(std::string_view text) {
    return replaced(github_command_data(text), {{':', "%3A"}, {',', "%2C"}});
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

std::string shell_word(std::string_view word) {
    const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("_./-+:,@=").find(c) != std::string_view::npos;
    });
    if (plain) return std::string(word);
    std::string out = "'";
    for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace collab
