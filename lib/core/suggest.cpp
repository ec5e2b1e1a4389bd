#include "core/suggest.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace collab {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: Levenshtein plus swapping two neighbours, the commonest typo.
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[n][m];
}

namespace {

template <typename T>
std::optional<std::string> nearest_in(std::string_view word, std::span<const T> candidates) {
    // Long words tolerate more typos; 1-2 letter words none beyond one edit.
    const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(3, word.size() / 3));
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (const auto& c : candidates) {
        const std::string_view cv(c);
        if (cv == word) continue;
        // Comparing lengths first skips the quadratic distance for hopeless candidates.
        const std::size_t gap =
            cv.size() > word.size() ? cv.size() - word.size() : word.size() - cv.size();
        if (gap >= best_distance) continue;
        const std::size_t dist = edit_distance(word, cv);
        if (dist < best_distance) {
            best_distance = dist;
            best = std::string(cv);
        }
    }
    return best;
}

}  // namespace

std::optional<std::string> nearest(std::string_view word,
                                   std::span<const std::string_view> candidates) {
    return nearest_in(word, candidates);
}
std::optional<std::string> nearest(std::string_view word, std::span<const std::string> candidates) {
    return nearest_in(word, candidates);
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
    const auto n = nearest(word, candidates);
    return n ? fmt::format("; did you mean '{}'?", *n) : std::string();
}
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
    const auto n = nearest(word, candidates);
    return n ? fmt::format("; did you mean '{}'?", *n) : std::string();
}

}  // namespace collab
