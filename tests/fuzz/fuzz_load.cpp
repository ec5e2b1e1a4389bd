// Fuzz target: one record file's bytes through the loader, every check, the outputs and fmt.
// Properties: no crash, leak or UB; when fmt accepts a file, formatting again changes nothing.
#include <cstdint>
#include <string>

#include "edit/edits.h"
#include "edit/emit.h"
#include "output/diagnostics.h"
#include "output/record_json.h"
#include "store/store.h"
#include "store/validate.h"
#include "yaml/parse_yaml.h"

using namespace collab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    ParsedYaml parsed = parse_yaml(text);
    const std::string rendered =
        render_text(parsed.diagnostics, ValidationSummary{".", 1, 0}, lines_of_text(text), {});
    if (!parsed.root) return 0;
    for (Kind kind : all_kinds) {
        std::vector<Diagnostic> ds;
        std::vector<Record> records = {
            make_record(kind, std::string(kind_folder(kind)) + "/f.yaml", *parsed.root, ds)};
        const DocumentProbe probe = [](std::string_view) -> std::optional<std::string> {
            return std::nullopt;
        };
        auto more = check_records(records, Config{}, Date{2026, 1, 15}, probe);
        ds.insert(ds.end(), more.begin(), more.end());
        (void)render_text(ds, ValidationSummary{".", 1, 1}, lines_of_text(text), {});
        (void)render_json(ds, ValidationSummary{".", 1, 1});
        (void)record_json(records.front())
            .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        const Rank rank = [kind](std::string_view key) { return canonical_rank(kind, key); };
        const EditResult once = format_text(text, rank);
        if (!once.problem) {
            const EditResult twice = format_text(once.text, rank);
            if (twice.problem || twice.text != once.text)
                __builtin_trap();  // fmt must be idempotent
        }
    }
    return 0;
}
