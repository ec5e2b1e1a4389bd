// Bytes of one YAML file in, a Node tree with positions and diagnostics out. The only
// place yaml-cpp is used. Never throws for bad input: every problem is a diagnostic.
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "model/node.h"

namespace collab {

struct ParsedYaml {
    // The root mapping; absent when the file is not a single YAML document with a mapping
    // at its root, or when an unrecoverable error stopped the parse.
    std::optional<Node> root;
    // With `file` left empty: the caller knows which file it read.
    std::vector<Diagnostic> diagnostics;
};

// Records never nest deeper than a few levels; anything past this is hostile or a mistake.
inline constexpr int max_nesting = 64;

ParsedYaml parse_yaml(std::string_view bytes);

}  // namespace collab
