#include "store/validate.h"

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

std::vector<Diagnostic> check_across(std::span<const Record> records, const Config& config,
                                     Date today, const DocumentProbe& probe) {
    std::vector<Diagnostic> out;
    const Index index(records);
    const CheckContext context{config, index, today, probe};
    check_ids(records, out);
    check_refs(records, index, out);
    check_cycles(records, index, out);
    check_relations(records, context, out);
    check_today(records, today, out);
    check_home(config, index, out);
    check_supersedes(records, out);
    sort_diagnostics(out);
    return out;
}

std::vector<Diagnostic> validate(const Store& store, Date today) {
    std::vector<Diagnostic> out = store.diagnostics;
    out.insert(out.end(), store.file_checks.begin(), store.file_checks.end());
    for (auto& d :
         check_across(store.records, store.config, today, document_probe(store.location.root))) {
        out.push_back(std::move(d));
    }
    sort_diagnostics(out);
    return out;
}

std::vector<Diagnostic> validate_candidate(const Store& store, Kind kind, const std::string& file,
                                           std::string_view text, Date today) {
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
