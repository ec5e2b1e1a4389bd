#include "store/digest.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace collab {

Digest digest_of(std::string_view bytes) {
    // Fetched once: an implicit fetch per call costs more than hashing a small record.
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    unsigned char full[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!sha256 || EVP_Digest(bytes.data(), bytes.size(), full, &length, sha256, nullptr) != 1 ||
        length < 16)
        throw std::runtime_error("libcrypto could not compute SHA-256");
    Digest d;
    std::copy(full, full + d.size(), d.begin());
    return d;
}

std::string hex(const Digest& digest) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * digest.size());
    for (const unsigned char c : digest) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

}  // namespace collab
