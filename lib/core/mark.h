// A position in a record file. It sits in lib/core/ (below lib/model/) because diagnostics,
// the parse tree and every later stage point at the same positions.
#pragma once

namespace collab {

// 1-based line and column; columns count characters, not bytes (contract: positions).
struct Mark {
    int line = 1;
    int column = 1;
    friend bool operator==(const Mark&, const Mark&) = default;
    friend auto operator<=>(const Mark&, const Mark&) = default;
};

}  // namespace collab
