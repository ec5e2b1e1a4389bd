#include "query/names.h"

#include <utf8proc.h>

#include <cstdlib>

namespace collab {

std::vector<std::string> lookup_names(const Record& record) {
    std::vector<std::string> out;
    const auto add = [&](std::string_view field) {
        for (auto& v : record.root.values(field)) out.push_back(std::move(v));
    };
    switch (record.kind) {
        case Kind::Partner:
            for (const char* f : {"name", "short", "native_name", "aliases"}) add(f);
            break;
        case Kind::Person:
            add("name");
            add("native_name");
            break;
        default:
            add("title");
    }
    return out;
}

std::string fold_case(std::string_view text) {
    utf8proc_uint8_t* folded = nullptr;
    const auto options =
        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    const utf8proc_ssize_t n =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                     static_cast<utf8proc_ssize_t>(text.size()), &folded, options);
    if (n < 0) return std::string(text);
    std::string out(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(n));
    std::free(folded);
    return out;
}

std::vector<const Record*> find_by_name(std::string_view text, std::span<const Kind> kinds,
                                        const Index& index) {
    std::vector<const Record*> out;
    const std::string wanted = fold_case(text);
    if (wanted.empty()) return out;
    for (Kind k : kinds) {
        for (const auto& id : index.ids(k)) {
            const Record* r = index.find(k, id);
            if (!r) continue;
            for (const auto& name : lookup_names(*r)) {
                if (fold_case(name) == wanted) {
                    out.push_back(r);
                    break;
                }
            }
        }
    }
    return out;
}

}  // namespace collab
