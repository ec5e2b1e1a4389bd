// Every check over a loaded store, diagnostics sorted as documented.
#pragma once
#include <filesystem>
#include <vector>

#include "check/checks.h"
#include "store/store.h"

namespace collab {

// The store's loading diagnostics and check_file results, then check_across. With a
// Store::check_key, the undated cross-record results come from <store>/.collab/checks when
// saved under the same key (and the document paths they probed answer the same), else they
// are computed and saved there; the result is the same either way. A partial store
// (Store::partial) is refused with std::logic_error, as is one given to validate_candidate.
std::vector<Diagnostic> validate(const Store& store, Date today);

// The checks that need the whole set of records or today's date; always run on all of them.
std::vector<Diagnostic> check_across(std::span<const Record> records, const Config& config,
                                     Date today, const DocumentProbe& probe);

// check_across without check_today: every result that stays true while no file changes.
std::vector<Diagnostic> check_across_undated(std::span<const Record> records, const Config& config,
                                             const DocumentProbe& probe);

// Every check over records already in memory (check_file of each, then check_across);
// validate() takes the store's loading diagnostics and its check_file results as loaded.
std::vector<Diagnostic> check_records(std::span<const Record> records, const Config& config,
                                      Date today, const DocumentProbe& probe);

// The diagnostics of one record file as it would be with `text`, checked against the rest of
// the store (a new file, or an edit of an existing one), before anything is written.
std::vector<Diagnostic> validate_candidate(const Store& store, Kind kind, const std::string& file,
                                           std::string_view text, Date today);

// Checks document paths on disk: relative, inside the store (after links), existing.
DocumentProbe document_probe(const std::filesystem::path& root);

}  // namespace collab
