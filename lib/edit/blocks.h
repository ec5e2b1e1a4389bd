// A record file as text blocks, one per top-level key, so edits can move or replace whole
// fields without touching any other byte. Positions come from the YAML loader, so the
// split agrees with what the parser saw.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/node.h"

namespace collab {

struct Block {
    std::string key;
    std::vector<std::string>
        leading;  // blank and comment lines between the previous value and the key
    std::vector<std::string> body;  // the key line and the lines of its value
};

struct BlockFile {
    std::vector<std::string>
        header;                 // comments at the top, set apart from the first key by a blank line
    std::vector<Block> blocks;  // in file order
    std::vector<std::string> trailer;  // blank and comment lines after the last value

    std::string text() const;  // LF line ends, one newline at the end
    Block* find(std::string_view key);
};

// Splits `text` (whose parse is `root`, a mapping) into blocks. Line ends are normalised to
// LF and a byte-order mark is dropped.
BlockFile split_blocks(std::string_view text, const Node& root);

// Whether two parsed trees mean the same: same keys in the same order, same values, same
// quoting (`ON` and "ON" differ for YAML 1.1 readers). Positions are ignored.
bool same_meaning(const Node& a, const Node& b);

}  // namespace collab
