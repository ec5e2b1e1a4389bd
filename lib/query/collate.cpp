#include "query/collate.h"

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace collab {

std::string collation_locale() {
    for (const char* name : {"LC_ALL", "LC_COLLATE", "LANG"}) {
        const char* v = std::getenv(name);
        if (!v || !*v) continue;
        std::string value(v);
        value = value.substr(0, value.find_first_of(".@"));
        if (value == "C" || value == "POSIX") return "";
        return value;
    }
    return "";
}

namespace {

struct CollatorDeleter {
    void operator()(UCollator* c) const { ucol_close(c); }
};

// One collator per locale, opened once; ICU collators are safe to use from several threads
// for ucol_getSortKey once opened.
UCollator* collator_for(const std::string& locale) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<UCollator, CollatorDeleter>> collators;
    const std::lock_guard lock(mutex);
    auto it = collators.find(locale);
    if (it == collators.end()) {
        UErrorCode status = U_ZERO_ERROR;
        UCollator* c = ucol_open(locale.empty() ? "" : locale.c_str(), &status);
        if (U_FAILURE(status)) c = nullptr;
        it = collators.emplace(locale, std::unique_ptr<UCollator, CollatorDeleter>(c)).first;
    }
    return it->second.get();
}

}  // namespace

std::string collation_key(std::string_view text, const std::string& locale) {
    UCollator* collator = collator_for(locale);
    if (!collator) return std::string(text);
    // UTF-8 to UTF-16, replacing invalid sequences with U+FFFD.
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    std::vector<UChar> utf16(text.size() + 1);
    u_strFromUTF8WithSub(utf16.data(), static_cast<int32_t>(utf16.size()), &length, text.data(),
                         static_cast<int32_t>(text.size()), 0xFFFD, nullptr, &status);
    if (U_FAILURE(status)) return std::string(text);
    std::vector<uint8_t> key(length * 4 + 16);
    int32_t needed = ucol_getSortKey(collator, utf16.data(), length, key.data(),
                                     static_cast<int32_t>(key.size()));
    if (needed > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(needed));
        needed = ucol_getSortKey(collator, utf16.data(), length, key.data(), needed);
    }
    // The key ends with a NUL byte; keep the bytes before it.
    return std::string(reinterpret_cast<const char*>(key.data()),
                       needed > 0 ? static_cast<std::size_t>(needed - 1) : 0);
}

}  // namespace collab
