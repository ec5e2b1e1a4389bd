// collab schema [KIND] [--out DIR]: JSON Schema for records and collab.yaml, for editors.
#include <fmt/format.h>

#include <filesystem>

#include "cli.h"
#include "core/suggest.h"
#include "output/json_schema.h"
#include "output/report_schema.h"
#include "report/registry.h"
#include "util/errors.h"

namespace collab::cli {

namespace {

struct SchemaOptions {
    std::string kind;
    std::string out;
    std::string report;
};

std::string dump(const nlohmann::ordered_json& schema) {
    return schema.dump(2) + "\n";
}

bool is_config_word(const std::string& word) {
    return word == "config" || word == "collab.yaml" || word == "settings";
}

// The store's areas make `areas` an enum in the schemas; outside a store they are any slug.
std::optional<Config> store_config(const GlobalOptions& global) {
    StoreLocation location;
    try {
        location = find_store(global);
    } catch (const UsageError&) {
        if (!global.store.empty()) throw;
        return std::nullopt;
    }
    std::vector<Diagnostic> ignored;
    return load_config(location.root, ignored);
}

int run_schema(const SchemaOptions& o, const GlobalOptions& global) {
    if (!o.report.empty()) {
        if (!o.kind.empty())
            throw UsageError("give a KIND or --report NAME, not both",
                             "e.g. `collab schema --report register`");
        const ReportInfo* info = find_report(o.report);
        if (!info) {
            std::vector<std::string_view> names;
            for (const ReportInfo& r : all_reports()) names.push_back(r.name);
            throw UsageError(
                fmt::format("unknown report '{}'{}", o.report, did_you_mean(o.report, names)),
                "reports: " + report_list(""));
        }
        const std::string text = dump(report_schema(report_shape(*info)));
        if (o.out.empty()) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            return 0;
        }
        for (const auto& path : emit_files(o.out, {{report_schema_file_name(info->name), text}}))
            fmt::print("{}\n", path.string());
        return 0;
    }
    if (o.kind.empty() && o.out.empty()) {
        throw UsageError("say which schema: a KIND, or --out DIR for all of them",
                         "e.g. `collab schema agreement` or `collab schema --out .schemas`");
    }
    const std::optional<Config> config = store_config(global);
    const Config* areas = config ? &*config : nullptr;

    std::vector<std::pair<std::string, std::string>> files;  // name, text
    if (o.kind.empty() || is_config_word(o.kind)) {
        files.emplace_back(config_schema_file_name, dump(config_schema()));
    }
    if (o.kind.empty()) {
        for (Kind k : all_kinds)
            files.emplace_back(schema_file_name(k), dump(record_schema(k, areas)));
    } else if (!is_config_word(o.kind)) {
        const Kind k = parse_kind_argument(o.kind);
        files.emplace_back(schema_file_name(k), dump(record_schema(k, areas)));
    }

    if (o.out.empty()) {
        std::fwrite(files.front().second.data(), 1, files.front().second.size(), stdout);
        return 0;
    }
    for (const auto& path : emit_files(o.out, files)) fmt::print("{}\n", path.string());
    return 0;
}

}  // namespace

Run setup_schema(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<SchemaOptions>();
    sub.add_option("kind", o->kind,
                   "partner, person, agreement, project, event, or config (collab.yaml); "
                   "without it, --out writes them all");
    sub.add_option("--out", o->out,
                   "Write KIND.schema.json files into DIR (created if missing) and list them");
    sub.add_option(
        "--report", o->report,
        "The JSON Schema of `collab report NAME --format json` instead: " + report_list("or"));
    return [o, &global] { return run_schema(*o, global); };
}

}  // namespace collab::cli
