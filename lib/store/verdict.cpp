#include "store/verdict.h"

#include <algorithm>

#include "check/checks.h"
#include "store/cache.h"
#include "store/snapshot.h"
#include "store/store_paths.h"
#include "store/validate.h"
#include "util/file.h"
#include "util/parallel.h"

namespace fs = std::filesystem;

namespace collab {

namespace {

// check_today over the records saved by store/validate.cpp for the dated checks, appended to
// `out`; false when one is not right. One record decoded at a time, so the facts of 100,000
// records never sit in memory together.
bool check_dated(std::string_view bytes, Date today, std::vector<Diagnostic>& out) {
    const auto index = read_snapshot(bytes, dated_version);
    if (!index) return false;
    for (const auto& item : index->items) {
        auto loaded = decode_entry(item.file, item.blob, index->tables);
        if (!loaded || !loaded->record) return false;
        check_today(std::span<const Record>(&*loaded->record, 1), today, out);
    }
    return true;
}

}  // namespace

std::optional<Verdict> saved_verdict(const StoreLocation& location, const LoadOptions& options,
                                     Date today) {
    if (!options.use_cache) return std::nullopt;
    const fs::path& root = location.root;
    auto saved = read_saved_checks(root);
    if (!saved) return std::nullopt;

    // What Store::load would find, in its order: collab.yaml's diagnostics, then the scan's.
    std::vector<Diagnostic> out;
    const auto config_bytes = read_config(root, out, options.max_file_size);
    if (!config_bytes) return std::nullopt;
    config_from(config_bytes, out);
    ScanResult scan = scan_records(root, out);

    const std::int64_t since = unsettled_since();
    StampIndex stamps = StampIndex::open(root, COLLAB_VERSION);
    const std::size_t n = scan.files.size();
    std::vector<StampRow> rows(n);
    std::vector<char> failed(n, 0);
    const std::vector<const StampRow*> known_rows = stamps.rows_of(scan.files);
    parallel_for(n, thread_count(options.jobs), [&](std::size_t i) {
        const RecordFile& f = scan.files[i];
        StampRow& row = rows[i];
        row.file = f.file;
        const auto stamp = stamp_of(f.path.c_str());
        if (!stamp || stamp->size > options.max_file_size) {
            failed[i] = 1;
            return;
        }
        row.stamp = settled(*stamp, since);
        if (const auto known = StampIndex::digest(known_rows[i], *stamp)) {
            row.digest = *known;
            return;
        }
        std::string read_error;
        bool over = false;
        const auto content = read_file_limited(f.path, options.max_file_size, read_error, over);
        if (!content) {
            failed[i] = 1;
            return;
        }
        row.digest = digest_of(*content);
    });
    if (std::find(failed.begin(), failed.end(), 1) != failed.end()) return std::nullopt;
    std::vector<std::pair<const std::string*, Digest>> digests;
    digests.reserve(n);
    for (const auto& row : rows) digests.emplace_back(&row.file, row.digest);
    const Digest config_digest = digest_of(*config_bytes);
    if (store_key(config_digest, options.max_file_size, scan.unread, digests) != saved->key)
        return std::nullopt;
    if (!probes_agree(*saved, document_probe(root))) return std::nullopt;
    if (saved->has_record.size() != scan.unread.size() + n) return std::nullopt;
    std::vector<Diagnostic> across = std::move(saved->diagnostics);
    if (!check_dated(saved->dated, today, across)) return std::nullopt;
    Verdict verdict;
    verdict.files = std::move(scan.unread);
    verdict.files.reserve(verdict.files.size() + n);
    for (auto& f : scan.files) verdict.files.push_back(std::move(f.file));  // rows have theirs
    if (!std::is_sorted(verdict.files.begin(), verdict.files.end()))
        std::sort(verdict.files.begin(), verdict.files.end());

    // Touched but unchanged files: their new stamps, so the next run reads nothing.
    if (!stamps.holds(rows)) save_stamps(root, rows, COLLAB_VERSION);

    // The order validate() builds before its last sort, so ties sort the same way.
    for (auto& d : saved->file_diagnostics) out.push_back(std::move(d));
    sort_diagnostics(across);
    for (auto& d : across) out.push_back(std::move(d));
    sort_diagnostics(out);
    verdict.diagnostics = std::move(out);
    verdict.has_record = std::move(saved->has_record);
    let_go(std::move(scan));
    let_go(std::move(rows));
    let_go(std::move(stamps));
    return verdict;
}

Verdict verdict_of(const Store& store, Date today) {
    Verdict verdict;
    verdict.diagnostics = validate(store, today);
    verdict.files = store.files;
    verdict.has_record = record_flags(store);
    return verdict;
}

}  // namespace collab
