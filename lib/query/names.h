// Look-up by name (contract v2, "Look-up by name"): an argument that is no id is matched,
// case-insensitively and exactly, against the names of records.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/index.h"

namespace collab {

// The names a record can be looked up by: a partner's name, short, native_name and aliases;
// a person's name and native_name; the title of other kinds. Present scalars only.
std::vector<std::string> lookup_names(const Record& record);

// Unicode case folding (utf8proc, NFC, then simple and full case folding), so that "sjtu"
// finds "SJTU" and "école" finds "École". Invalid UTF-8 is returned unchanged.
std::string fold_case(std::string_view text);

// The records of `kinds` (in kind order, then id order) one of whose names equals `text`
// after case folding. Linear in the number of records.
std::vector<const Record*> find_by_name(std::string_view text, std::span<const Kind> kinds,
                                        const Index& index);

}  // namespace collab
