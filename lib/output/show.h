// `show` output: one record's fields and its related records.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "query/related.h"

namespace collab {

struct ShowStyle {
    bool color = false;
};

// text: a heading, the fields as written, then one block per non-empty section.
// json / yaml: the record as `list --format json` gives it, plus "related": {section: [...]}.
std::string render_show(std::string_view format, const Record& record,
                        std::span<const RelatedSection> sections, const ShowStyle& style);

}  // namespace collab
