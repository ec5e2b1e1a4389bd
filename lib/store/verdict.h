// The store's verdict without decoding its records: what `collab validate` would say, from
// the saved state in .collab/ (issue 20, "Stamp-decided warm runs").
//
// STAND-IN (branch i20b): the real saved_verdict, which answers from .collab/index and
// .collab/checks, is the lead's part of issue 20 and replaces this file (and verdict.cpp)
// when merged. Until then this declares the same interface and answers correctly but
// slowly, by loading the whole store and validating it, so that the commands which decode
// only some kinds (cmd/list.cpp) are exercised and tested through the real interface.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/values.h"
#include "store/locate.h"
#include "store/store.h"

namespace collab {

struct Verdict {
    std::vector<Diagnostic> diagnostics;  // validate()'s result, sorted
    std::vector<std::string> files;       // every record file, as Store::files
    std::vector<char> has_record;         // per file: 1 when it loaded as a record
};

// The verdict for the store at `location` loaded with `options` on `today`; nullopt when it
// is not answerable from the saved state (here: when `options` do not use the cache). Then
// the caller loads the store in full and calls validate(), as before.
std::optional<Verdict> saved_verdict(const StoreLocation& location, const LoadOptions& options,
                                     Date today);

}  // namespace collab
