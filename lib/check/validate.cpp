#include "check/validate.h"

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

std::vector<Diagnostic> validate(const Store& store, Date today) {
    std::vector<Diagnostic> out = store.diagnostics;
    for (const Record& r : store.records) {
        const std::size_t first = out.size();
        check_fields(r, store.config, out);
        check_dates(r, out);
        check_agreement(r, out);
        attribute(out, first, r);
    }
    const Index index(store.records);
    const CheckContext context{store.config, index, today, document_probe(store.location.root)};
    check_ids(store.records, out);
    check_refs(store.records, index, out);
    check_cycles(store.records, index, out);
    check_relations(store.records, context, out);
    check_today(store.records, today, out);
    sort_diagnostics(out);
    return out;
}

}  // namespace collab
