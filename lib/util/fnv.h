// FNV-1a, 64 bits (Fowler, Noll, Vo; draft-eastlake-fnv): a stable, fast hash of bytes for
// names and fingerprints that must not change across versions or platforms (calendar UIDs,
// the site's file names for unsafe ids, GitLab fingerprints). Not a security boundary.
#pragma once
#include <cstdint>
#include <string_view>

namespace collab {

inline constexpr std::uint64_t fnv1a_64_offset_basis = 14695981039346656037ULL;

// The hash of `bytes`, starting from `state` (the offset basis, or a previous result to hash
// several pieces as one run of bytes).
constexpr std::uint64_t fnv1a_64(std::string_view bytes,
                                 std::uint64_t state = fnv1a_64_offset_basis) {
    for (unsigned char c : bytes) state = (state ^ c) * 1099511628211ULL;
    return state;
}

}  // namespace collab
