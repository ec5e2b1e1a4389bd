// `collab diff` for people (text), for pull-request comments (Markdown) and for scripts (JSON).
#pragma once
#include <string>

#include "diff/store_diff.h"

namespace collab {

struct DiffSides {
    std::string from;  // "HEAD", "main" ... as the user named them
    std::string to;    // a revision, or "the working tree"
};

std::string diff_text(const StoreDiff& diff, const DiffSides& sides, bool color);
std::string diff_markdown(const StoreDiff& diff, const DiffSides& sides);
std::string diff_json(const StoreDiff& diff, const DiffSides& sides);

}  // namespace collab
