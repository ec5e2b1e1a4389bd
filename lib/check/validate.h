// Every check over a loaded store, diagnostics sorted as documented.
#pragma once
#include <filesystem>
#include <vector>

#include "check/checks.h"
#include "store/store.h"

namespace collab {

std::vector<Diagnostic> validate(const Store& store, Date today);

// Checks document paths on disk: relative, inside the store (after links), existing.
DocumentProbe document_probe(const std::filesystem::path& root);

}  // namespace collab
