#include "core/suggest.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
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

std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    const std::size_t n = a.size(), m = b.size();
    const std::size_t over = limit + 1;
    if ((n > m ? n - m : m - n) > limit) return over;
    // Optimal string alignment as above, on three rolling rows, only within the band
    // |i - j| <= limit (cells outside it exceed the limit anyway); stops when a row does.
    // Reused per thread: a comparison allocates nothing once the rows are long enough.
    thread_local std::vector<std::size_t> before, prev, cur;
    before.assign(m + 1, over);
    prev.assign(m + 1, over);
    cur.assign(m + 1, over);
    for (std::size_t j = 0; j <= std::min(m, limit); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        std::fill(cur.begin(), cur.end(), over);
        const std::size_t lo = i > limit ? i - limit : 0;
        const std::size_t hi = std::min(m, i + limit);
        std::size_t row_min = over;
        if (lo == 0) row_min = cur[0] = i <= limit ? i : over;
        for (std::size_t j = std::max<std::size_t>(lo, 1); j <= hi; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                v = std::min(v, before[j - 2] + 1);
            }
            cur[j] = std::min(v, over);
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return over;
        std::swap(before, prev);
        std::swap(prev, cur);
    }
    return std::min(prev[m], over);
}

namespace {

std::atomic<long> budget_left{suggestion_budget};

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
        // The budget counts every comparison of the run; spent, suggestions stop (a
        // suggestion is a courtesy, and may not cost more than the check it decorates).
        if (budget_left.fetch_sub(1, std::memory_order_relaxed) <= 0) return std::nullopt;
        const std::size_t dist = bounded_edit_distance(word, cv, best_distance - 1);
        if (dist < best_distance) {
            best_distance = dist;
            best = std::string(cv);
        }
    }
    return best;
}

}  // namespace

void reset_suggestion_budget() {
    budget_left = suggestion_budget;
}

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
