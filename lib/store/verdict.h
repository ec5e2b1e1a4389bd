// A whole `collab validate` answered from what the last run saved, without decoding a record,
// as `git status` answers from its index: every record file is stat'ed, its digest taken from
// the stamp index (.collab/index) when its stamp is unchanged or from its bytes when not, and
// when the store key (store_key) is the one the saved results (.collab/checks) were made
// under and every document path they probed answers the same, they are the answer; only the
// dated checks run, over the saved facts (check/today.cpp's today_facts). docs/performance.md.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/values.h"
#include "store/store.h"

namespace collab {

struct Verdict {
    std::vector<Diagnostic> diagnostics;  // exactly validate(Store::load(...), today)'s
    std::vector<std::string> files;       // as Store::files (sorted)
    std::vector<char> has_record;         // per `files` entry: 1 when it loaded as a record
};

// The verdict, or nullopt when it cannot be answered this way (no cache in `options`, nothing
// saved, a file changed, unreadable or over the size limit, a probe answers otherwise, a saved
// file not right): then load the store and call validate(), which saves it for next time.
// Rewrites the stamp index (best effort) when a file was touched without being changed.
std::optional<Verdict> saved_verdict(const StoreLocation& location, const LoadOptions& options,
                                     Date today);

// The same from a loaded store: validate() (which saves what saved_verdict reads), its files
// and which of them hold a record.
Verdict verdict_of(const Store& store, Date today);

}  // namespace collab
