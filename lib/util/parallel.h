// Running work on every core: a parallel for over indices, for loading files.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace collab {

// The number of threads to use for `requested` (0: one per core).
inline unsigned thread_count(unsigned requested) {
    if (requested > 0) return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

// Calls work(i) for every i in [0, n) on up to `threads` threads, handing out indices in
// small batches so slow items do not leave a core idle. The first exception thrown is
// rethrown here once every thread has stopped. With one thread, runs in order in the caller.
template <typename Work>
void parallel_for(std::size_t n, unsigned threads, Work&& work) {
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, (n + 15) / 16));
    if (threads <= 1) {
        for (std::size_t i = 0; i < n; ++i) work(i);
        return;
    }
    constexpr std::size_t batch = 16;
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto run = [&] {
        try {
            for (;;) {
                const std::size_t start = next.fetch_add(batch);
                if (start >= n) return;
                for (std::size_t i = start; i < std::min(n, start + batch); ++i) work(i);
            }
        } catch (...) {
            const std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            next = n;
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run);
    run();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace collab
