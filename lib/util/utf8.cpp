#include "util/utf8.h"

#include <utf8proc.h>

namespace collab {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return 1;
    std::size_t len = 0;
    char32_t cp = 0;
    if ((lead & 0xE0) == 0xC0) {
        len = 2;
        cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        len = 3;
        cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        len = 4;
        cp = lead & 0x07;
    } else {
        return 0;
    }
    if (i + len > text.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    // Reject overlong forms, surrogates and code points past U+10FFFF.
    static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = sequence_length(text, i);
        if (len == 0) return i;
        i += len;
    }
    return std::nullopt;
}

std::size_t count_chars(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    }
    return n;
}

namespace {

// Calls fn(bytes_of_char, width) for every character of text.
template <typename Fn>
void for_each_char(std::string_view text, Fn&& fn) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        int width = 1;
        if (n <= 0) {
            n = 1;
        } else {
            width = utf8proc_charwidth(cp);
            if (width < 0) width = 0;
        }
        fn(std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)),
           static_cast<std::size_t>(width));
        p += n;
        left -= n;
    }
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for_each_char(text, [&](std::string_view, std::size_t w) { width += w; });
    return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width == 0) return {};
    std::string out;
    std::size_t used = 0;
    bool full = false;
    for_each_char(text, [&](std::string_view ch, std::size_t w) {
        if (full || used + w > width - 1) {
            full = true;
            return;
        }
        out += ch;
        used += w;
    });
    return out + "…";
}

namespace {

// The Unicode bidi controls (ALM, LRM, RLM, LRE..RLO, LRI..PDI: Unicode TR9 §2, the
// characters of Trojan Source, CVE-2021-42574) and the noncharacters U+FFFE/U+FFFF, which
// XML 1.0 cannot hold: all reorder or break text without being seen.
bool invisible_control(std::string_view ch) {
    static constexpr std::string_view listed[] = {"\u061C", "\u200E", "\u200F", "\u202A", "\u202B",
                                                  "\u202C", "\u202D", "\u202E", "\u2066", "\u2067",
                                                  "\u2068", "\u2069", "\uFFFE", "\uFFFF"};
    for (const auto l : listed) {
        if (ch == l) return true;
    }
    return false;
}

}  // namespace

std::string printable(std::string_view text) {
    static constexpr std::string_view replacement = "\xEF\xBF\xBD";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = sequence_length(text, i);
        if (len == 0) {
            out += replacement;
            ++i;
            continue;
        }
        const auto c0 = static_cast<unsigned char>(text[i]);
        const bool control =
            (len == 1 && ((c0 < 0x20 && c0 != '\t') || c0 == 0x7F)) ||
            (len == 2 && c0 == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) ||
            (len > 1 && invisible_control(text.substr(i, len)));
        if (control) {
            out += replacement;
        } else {
            out.append(text.substr(i, len));
        }
        i += len;
    }
    return out;
}

std::string printable(std::string_view text, std::string_view line_break) {
    std::string out;
    std::size_t start = 0;
    while (true) {
        auto nl = text.find('\n', start);
        std::string_view line =
            text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        if (line.ends_with('\r')) line.remove_suffix(1);
        out += printable(line);
        if (nl == std::string_view::npos) break;
        out += line_break;
        start = nl + 1;
    }
    return out;
}

std::string shorten(std::string_view text, std::size_t max_chars) {
    const std::string safe = printable(text);
    std::size_t chars = 0;
    for (std::size_t i = 0; i < safe.size(); ++i) {
        if ((static_cast<unsigned char>(safe[i]) & 0xC0) == 0x80) continue;
        if (chars++ == max_chars) return safe.substr(0, i) + "…";
    }
    return safe;
}

}  // namespace collab
