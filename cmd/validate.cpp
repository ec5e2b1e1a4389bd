// collab validate [PATH...]: every check of the format over the store.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "check/validate.h"
#include "cli.h"
#include "output/diagnostics.h"
#include "util/errors.h"
#include "util/file.h"

namespace fs = std::filesystem;

namespace collab::cli {

namespace {

struct ValidateOptions {
    std::vector<std::string> paths;
    bool strict = false;
    std::string format = "text";
};

// Reads source lines for the text output, one file at a time.
SourceLines source_reader(const fs::path& root) {
    auto cache = std::make_shared<std::pair<std::string, std::vector<std::string>>>();
    return [root, cache](const std::string& file, int line) -> std::optional<std::string> {
        if (cache->first != file) {
            cache->first = file;
            cache->second.clear();
            std::string error;
            const auto bytes = read_file(root / file, error);
            if (bytes) {
                std::string_view text = *bytes;
                if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
                std::size_t start = 0;
                while (start <= text.size()) {
                    std::size_t end = text.find('\n', start);
                    if (end == std::string_view::npos) end = text.size();
                    std::string l(text.substr(start, end - start));
                    if (!l.empty() && l.back() == '\r') l.pop_back();
                    cache->second.push_back(std::move(l));
                    start = end + 1;
                }
            }
        }
        if (line < 1 || line > static_cast<int>(cache->second.size())) return std::nullopt;
        return cache->second[static_cast<std::size_t>(line - 1)];
    };
}

int run_validate(const ValidateOptions& options, const GlobalOptions& global) {
    const StoreLocation location = find_store(global);
    const Date today = cli::today(global);
    const auto prefixes = store_selection(options.paths, location);
    const Store store = load_store(location);

    std::vector<Diagnostic> diagnostics;
    for (auto& d : validate(store, today)) {
        if (selected(d.file, prefixes)) diagnostics.push_back(std::move(d));
    }
    ValidationSummary summary{location.display, 0, 0};
    summary.files =
        static_cast<int>(std::count_if(store.files.begin(), store.files.end(),
                                       [&](const auto& f) { return selected(f, prefixes); }));
    summary.records = static_cast<int>(
        std::count_if(store.records.begin(), store.records.end(),
                      [&](const Record& r) { return selected(r.file, prefixes); }));

    if (options.format == "json") {
        std::cout << render_json(diagnostics, summary);
    } else {
        std::cout << render_text(diagnostics, summary, source_reader(location.root),
                                 TextStyle{use_color(global, 1)});
    }
    std::cout.flush();
    const Tally t = tally(diagnostics);
    return t.errors > 0 || (options.strict && t.warnings > 0) ? 1 : 0;
}

}  // namespace

Run setup_validate(CLI::App& sub, const GlobalOptions& global) {
    auto options = std::make_shared<ValidateOptions>();
    sub.add_option("paths", options->paths,
                   "Report only on these files or folders (references still resolve against the "
                   "whole store)");
    sub.add_flag("--strict", options->strict, "Fail (exit 1) on warnings too");
    sub.add_option("--format", options->format, "Output format: text or json")
        ->check(CLI::IsMember({"text", "json"}));
    return [options, &global] { return run_validate(*options, global); };
}

}  // namespace collab::cli
