// An import's outcome for people (text) and for scripts (JSON).
#pragma once
#include <string>

#include "import/import.h"

namespace collab {

struct ImportOutcome {
    std::string source;  // the CSV file as given ("-": standard input)
    const ImportPlan* plan = nullptr;
    bool dry_run = false;
    bool written = false;  // the files were written
};

// `FILE:ROW:COLUMN: error[code]: message` per problem, its hint on the next line, then a
// summary line. Text from the file (headers, cells) goes through terminal_text.
std::string render_import_text(const ImportOutcome& outcome);

// {"file", "rows", "written", "dry_run", "created": [files], "updated": [files],
//  "unchanged": n, "errors": n, "warnings": n,
//  "problems": [{"row", "column", "severity", "code", "message", "hint"}]}
std::string render_import_json(const ImportOutcome& outcome);

}  // namespace collab
