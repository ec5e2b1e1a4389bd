// Did-you-mean: the nearest candidate by edit distance, when it is near enough to help.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace collab {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The distance when it is at most `limit`, else limit + 1; costs O(length x limit) and no
// allocation once warm, instead of edit_distance's O(length^2).
std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// How many candidate comparisons one process may spend on suggestions (issue 15: a file of
// dangling references against thousands of partners cost 22 s). Once spent, nearest() answers
// nothing: messages lose their "did you mean", never their error. No real store comes near.
inline constexpr long suggestion_budget = 2'000'000;
// For tests: restores the whole budget.
void reset_suggestion_budget();

// The closest candidate within a distance a typo could explain, if any (none once the
// process has spent suggestion_budget comparisons).
std::optional<std::string> nearest(std::string_view word,
                                   std::span<const std::string_view> candidates);
std::optional<std::string> nearest(std::string_view word, std::span<const std::string> candidates);

// "; did you mean 'x'?" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

}  // namespace collab
