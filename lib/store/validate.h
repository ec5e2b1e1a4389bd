// Every check over a loaded store, diagnostics sorted as documented.
#pragma once
#include <filesystem>
#include <vector>

#include "check/checks.h"
#include "store/snapshot.h"
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

// <root>/.collab/checks (snapshot.h's AcrossResults), read without following a link and
// decoded under this build's version bound to its folder (cache.h bound_version); nullopt
// when absent, unreadable, foreign or not right. Whether it applies is the caller's to ask:
// its key against the store's, and probes_agree.
std::optional<AcrossResults> read_saved_checks(const std::filesystem::path& root);
// True when every document path the saved checks probed gets the same answer now.
bool probes_agree(const AcrossResults& saved, const DocumentProbe& probe);

// One 0/1 per Store::files entry: whether it loaded as a record.
std::vector<char> record_flags(const Store& store);

// Checks document paths on disk: relative, inside the store (after links), existing.
DocumentProbe document_probe(const std::filesystem::path& root);

}  // namespace collab
