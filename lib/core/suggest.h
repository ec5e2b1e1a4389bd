// Did-you-mean: the nearest candidate by edit distance, when it is near enough to help.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace collab {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a distance a typo could explain, if any.
std::optional<std::string> nearest(std::string_view word,
                                   std::span<const std::string_view> candidates);
std::optional<std::string> nearest(std::string_view word, std::span<const std::string> candidates);

// "; did you mean 'x'?" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

}  // namespace collab
