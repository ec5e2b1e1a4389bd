// The text edits of `new`, `set`, `renew` and `fmt`. Each works on text and proves its
// result: the edited text is parsed again and must mean the same as the original except
// for the fields the edit was asked to change.
#pragma once
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/kind.h"
#include "model/node.h"

namespace collab {

using Rank = std::function<int(std::string_view key)>;

// The text of a new record holding `entries`, in canonical order.
std::string new_record_text(Kind kind, std::vector<Entry> entries);

struct EditResult {
    std::string text;
    std::optional<std::string> problem;  // why the edit was refused; the file stays as it is
};

// Replaces or inserts (at the canonical position) the top-level fields of `changes` and
// removes those of `unset`; every other line, comment and blank line stays as it was.
EditResult set_fields(std::string_view text, Kind kind, std::span<const Entry> changes,
                      std::span<const std::string> unset);

// The canonical layout: top-level keys in `rank` order (each with the comments above it),
// LF line ends, no trailing blanks, single blank lines, one newline at the end.
EditResult format_text(std::string_view text, const Rank& rank);

// A unified diff of two texts (3 lines of context), empty when they are equal.
std::string unified_diff(std::string_view from_label, std::string_view to_label,
                         std::string_view from, std::string_view to);

}  // namespace collab
