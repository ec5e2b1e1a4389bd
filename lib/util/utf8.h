// UTF-8 helpers: validation, character counts and terminal display widths.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace collab {

// Byte offset of the first byte that does not start a valid UTF-8 sequence, if any.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Number of code points; the input is assumed valid UTF-8.
std::size_t count_chars(std::string_view text);

// Columns the text takes in a terminal: East Asian wide characters count two, combining
// marks none. Invalid bytes count one each so a broken file still lines up roughly.
std::size_t display_width(std::string_view text);

// Cuts text to at most `width` display columns, ending in "…" when anything was removed.
std::string truncate_to_width(std::string_view text, std::size_t width);

// Safe to print on a terminal: invalid UTF-8, control characters (C0 other than tab, DEL,
// C1), the Unicode bidi controls and U+FFFE/U+FFFF become U+FFFD, so no record can move
// the cursor, change colours or reorder what is shown.
std::string printable(std::string_view text);
// The same, with each line break (LF or CRLF) written as `line_break`, e.g. "<br>".
std::string printable(std::string_view text, std::string_view line_break);

// A record value quoted in a message: printable, and cut to `max_chars` characters.
std::string shorten(std::string_view text, std::size_t max_chars = 60);

}  // namespace collab
