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
    std::string bom;                   // the byte-order mark(s) the file started with
    std::string eol = "\n";            // the file's line ending: "\n" or "\r\n" (its first line's)

    // The file: `bom`, then every line and a line break after each (a line that ended in
    // CRLF holds its CR), so unchanged lines come back byte for byte.
    std::string text() const;
    Block* find(std::string_view key);
};

// Splits `text` (whose parse is `root`, a mapping) into blocks. A line that ended in CRLF
// keeps its CR (so the lines are bytes to write back, not text to compare: see is_filler);
// a lone CR becomes LF; leading byte-order marks go to `bom`.
BlockFile split_blocks(std::string_view text, const Node& root);

// Whether two parsed trees mean the same: same keys in the same order, same values, same
// quoting (`ON` and "ON" differ for YAML 1.1 readers). Positions are ignored.
bool same_meaning(const Node& a, const Node& b);

}  // namespace collab
