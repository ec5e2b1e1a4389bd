#include "store/validate.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

#include "store/cache.h"
#include "store/snapshot.h"
#include "store/store_paths.h"
#include "util/atomic_write.h"
#include "util/file.h"
#include "yaml/parse_yaml.h"

namespace fs = std::filesystem;

namespace collab {

DocumentProbe document_probe(const fs::path& root) {
    return [root](std::string_view path) -> std::optional<std::string> {
        const fs::path p(path);
        if (p.is_absolute()) return "is an absolute path; give it relative to the store root";
        const fs::path normal = p.lexically_normal();
        if (normal.empty() || *normal.begin() == "..") return "leaves the store";
        std::error_code ec;
        const fs::path real = fs::canonical(root / normal, ec);
        if (ec) return "does not exist (paths are relative to the store root)";
        const fs::path real_root = fs::canonical(root, ec);
        const fs::path rel = real.lexically_relative(real_root);
        if (rel.empty() || *rel.begin() == "..") return "leads out of the store through a link";
        return std::nullopt;
    };
}

std::vector<Diagnostic> check_file(const Record& record, const Config& config) {
    std::vector<Diagnostic> out;
    check_fields(record, config, out);
    check_dates(record, out);
    check_agreement(record, out);
    attribute(out, 0, record);
    return out;
}

std::string check_file_context(const Config& config) {
    std::string context = config.has_areas ? "areas:" : "no areas";
    for (const auto& a : config.areas) context += "\n" + a;
    return context;
}

std::vector<Diagnostic> check_records(std::span<const Record> records, const Config& config,
                                      Date today, const DocumentProbe& probe) {
    std::vector<Diagnostic> out;
    for (const Record& r : records) {
        for (auto& d : check_file(r, config)) out.push_back(std::move(d));
    }
    for (auto& d : check_across(records, config, today, probe)) out.push_back(std::move(d));
    sort_diagnostics(out);
    return out;
}

std::vector<Diagnostic> check_across_undated(std::span<const Record> records, const Config& config,
                                             const DocumentProbe& probe) {
    std::vector<Diagnostic> out;
    const Index index(records);
    // No check here reads the date (check_today is the only one); see check/checks.h.
    const CheckContext context{config, index, Date{}, probe};
    check_ids(records, out);
    check_refs(records, index, out);
    check_cycles(records, index, out);
    check_relations(records, context, out);
    check_home(config, index, out);
    check_supersedes(records, out);
    sort_diagnostics(out);
    return out;
}

std::vector<Diagnostic> check_across(std::span<const Record> records, const Config& config,
                                     Date today, const DocumentProbe& probe) {
    std::vector<Diagnostic> out = check_across_undated(records, config, probe);
    // check_today's codes (status-stale, milestone-overdue) are made by no other check, so
    // sorting after appending orders them exactly as one sort over every check would.
    check_today(records, today, out);
    sort_diagnostics(out);
    return out;
}

namespace {

constexpr std::string_view checks_file = "checks";

}  // namespace

std::optional<AcrossResults> read_saved_checks(const fs::path& root) {
    const auto dir = collab_dir(root, /*create=*/false);
    if (!dir) return std::nullopt;
    std::string error;
    bool too_large = false;
    // As with the record cache: never through a link, never gigabytes.
    const auto bytes = read_file_limited(*dir / checks_file, std::size_t{1} << 30, error, too_large,
                                         /*follow_final_link=*/false);
    if (!bytes) return std::nullopt;
    return decode_across(*bytes, bound_version(*dir, COLLAB_VERSION));
}

bool probes_agree(const AcrossResults& saved, const DocumentProbe& probe) {
    return std::all_of(saved.probes.begin(), saved.probes.end(),
                       [&](const auto& p) { return probe(p.first) == p.second; });
}

std::vector<char> record_flags(const Store& store) {
    std::unordered_set<std::string_view> with_record;
    for (const Record& r : store.records) with_record.insert(r.file);
    std::vector<char> out;
    out.reserve(store.files.size());
    for (const auto& f : store.files) out.push_back(with_record.contains(f) ? 1 : 0);
    return out;
}

namespace {

// Fills in what store/verdict.h needs to answer a whole validate without the records: the
// record files' diagnostics, which files hold a record, and the dated checks' facts.
void save_for_verdict(const Store& store, AcrossResults& results) {
    const auto first =
        store.diagnostics.begin() +
        static_cast<std::ptrdiff_t>(std::min(store.setup_diagnostics, store.diagnostics.size()));
    results.file_diagnostics.assign(first, store.diagnostics.end());
    results.file_diagnostics.insert(results.file_diagnostics.end(), store.file_checks.begin(),
                                    store.file_checks.end());
    results.has_record = record_flags(store);
    std::vector<SnapshotEntry> facts;
    for (const Record& r : store.records) {
        if (auto cut = today_facts(r)) {
            SnapshotEntry e;
            e.file = r.file;
            e.loaded.record = std::move(*cut);
            facts.push_back(std::move(e));
        }
    }
    std::vector<const SnapshotEntry*> pointers;
    pointers.reserve(facts.size());
    for (const auto& e : facts) pointers.push_back(&e);
    results.dated = encode_snapshot(pointers, dated_version);
}

// check_across_undated of a store loaded with the cache, reused from <store>/.collab/checks
// when it was saved under the same Store::check_key and every document path it probed gets
// the same answer from the disk now; else computed and saved (atomically, best effort).
std::vector<Diagnostic> undated_results(const Store& store) {
    const DocumentProbe probe = document_probe(store.location.root);
    if (store.check_key.empty()) return check_across_undated(store.records, store.config, probe);
    if (auto saved = read_saved_checks(store.location.root);
        saved && saved->key == store.check_key && probes_agree(*saved, probe))
        return std::move(saved->diagnostics);
    AcrossResults results;
    results.key = store.check_key;
    const DocumentProbe recording = [&](std::string_view path) {
        auto answer = probe(path);
        results.probes.emplace_back(std::string(path), answer);
        return answer;
    };
    results.diagnostics = check_across_undated(store.records, store.config, recording);
    save_for_verdict(store, results);
    AtomicWriteOptions options;
    options.durable = false;  // disposable, checked when read (as store/cache.cpp)
    options.fault_hooks = false;
    try {
        if (const auto made = collab_dir(store.location.root, /*create=*/true)) {
            write_file_atomically(*made / checks_file,
                                  encode_across(results, bound_version(*made, COLLAB_VERSION)),
                                  options);
        }
    } catch (...) {
        // A store we cannot write to works without it.
    }
    return std::move(results.diagnostics);
}

}  // namespace

namespace {

// A partial store (Store::partial) holds placeholders: checking it would report their empty
// fields. That is a bug in the caller, the tool's own failure, not bad data.
void refuse_partial(const Store& store) {
    if (store.partial)
        throw std::logic_error("a partially decoded store cannot be checked; load it in full");
}

}  // namespace

std::vector<Diagnostic> validate(const Store& store, Date today) {
    refuse_partial(store);
    std::vector<Diagnostic> out = store.diagnostics;
    out.insert(out.end(), store.file_checks.begin(), store.file_checks.end());
    std::vector<Diagnostic> across = undated_results(store);
    check_today(store.records, today, across);
    sort_diagnostics(across);
    for (auto& d : across) out.push_back(std::move(d));
    sort_diagnostics(out);
    return out;
}

std::vector<Diagnostic> validate_candidate(const Store& store, Kind kind, const std::string& file,
                                           std::string_view text, Date today) {
    refuse_partial(store);
    ParsedYaml parsed = parse_yaml(text);
    std::vector<Diagnostic> out = std::move(parsed.diagnostics);
    std::vector<Record> records;
    for (const Record& r : store.records) {
        if (r.file != file) records.push_back(r);
    }
    if (parsed.root) records.push_back(make_record(kind, file, std::move(*parsed.root), out));
    for (auto& d :
         check_records(records, store.config, today, document_probe(store.location.root))) {
        if (d.file == file) out.push_back(std::move(d));
    }
    for (auto& d : out) {
        d.file = file;
        d.kind = std::string(kind_name(kind));
        d.id = std::filesystem::path(file).stem().string();
    }
    sort_diagnostics(out);
    return out;
}

}  // namespace collab
