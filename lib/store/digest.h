// What a file's bytes are, in 16 bytes: the first half of their SHA-256 (FIPS 180-4, through
// OpenSSL's libcrypto). The warm path trusts it as git trusts its object names: a file whose
// stamp changed but whose digest did not is the same file, so nothing that depends on it is
// worked out again. A cryptographic hash, so that content crafted in a pull request cannot be
// made to collide with what the cache saw (128 bits: 2^64 work for any collision).
#pragma once
#include <array>
#include <string>
#include <string_view>

namespace collab {

using Digest = std::array<unsigned char, 16>;

// The digest of `bytes`. Throws std::runtime_error only when libcrypto itself fails.
Digest digest_of(std::string_view bytes);

// 32 lower-case hex digits, for keys and messages.
std::string hex(const Digest& digest);

}  // namespace collab
