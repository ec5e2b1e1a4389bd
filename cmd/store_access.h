// The store of a command that writes (new, set, renew, fmt; later mv, import).
#pragma once
#include "cli.h"

namespace collab::cli {

// Like find_store, but the example store (data/, reached only through scripts/collab's
// COLLAB_DEFAULT_STORE fallback) is refused: UsageError, exit 2, with a hint to run
// `collab init`. Named explicitly with --store or COLLAB_STORE it is writable (issue 13).
StoreLocation find_writable_store(const GlobalOptions& global);

}  // namespace collab::cli
