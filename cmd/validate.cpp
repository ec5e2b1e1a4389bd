// collab validate [PATH...]: every check of the format over the store.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "check/code_selection.h"
#include "cli.h"
#include "output/ci_formats.h"
#include "output/diagnostics.h"
#include "output/formats.h"
#include "store/store_paths.h"
#include "store/validate.h"
#include "store/verdict.h"
#include "util/errors.h"
#include "util/file.h"

namespace fs = std::filesystem;

namespace collab::cli {

namespace {

struct ValidateOptions {
    std::vector<std::string> paths;
    bool strict = false;
    std::string format;
    std::string output;
    CodeSelection codes;
    int max_errors = -1;
};

// --format auto (and -o FILE without --format): what the surroundings ask for.
std::string choose_format(const ValidateOptions& options) {
    if (options.format == "auto") {
        const char* actions = std::getenv("GITHUB_ACTIONS");
        return actions && std::string_view(actions) == "true" ? "github" : "text";
    }
    return format_for(options.format, options.output, formats_of("validate").formats,
                      std::string(formats_of("validate").fallback));
}

// GitHub renders this file under the job; several steps may append to it.
void append_step_summary(const std::string& markdown) {
    const char* path = std::getenv("GITHUB_STEP_SUMMARY");
    if (!path || !*path) return;
    std::FILE* f = std::fopen(path, "a");
    if (!f) {
        fmt::print(stderr, "collab: warning: cannot write GITHUB_STEP_SUMMARY '{}'\n", path);
        return;
    }
    std::fwrite(markdown.data(), 1, markdown.size(), f);
    std::fclose(f);
}

// Reads source lines for the text output, one file at a time.
SourceLines source_reader(const fs::path& root) {
    auto cache = std::make_shared<std::pair<std::string, std::vector<std::string>>>();
    return [root, cache](const std::string& file, int line) -> std::optional<std::string> {
        if (cache->first != file) {
            cache->first = file;
            cache->second.clear();
            std::string error;
            bool too_large = false;
            // The path rule: a source line is never shown from outside the store.
            const auto bytes = read_store_file(root, file, file_size_limit(), error, too_large);
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
    check_codes(options.codes.only, "--only");
    check_codes(options.codes.ignore, "--ignore");
    const StoreLocation location = find_store(global);
    const Date today = cli::today(global);
    const auto prefixes = store_selection(options.paths, location);
    // A warm run answers from the saved verdict without decoding a record; otherwise the
    // store is loaded and checked (which saves the verdict for next time).
    std::optional<Verdict> verdict =
        saved_verdict(location, load_options(global.jobs, !global.no_cache), today);
    if (!verdict) verdict = verdict_of(load_store(location, global.jobs, !global.no_cache), today);
    const auto& files = verdict->files;

    const std::string format = choose_format(options);
    std::vector<Diagnostic> diagnostics;
    for (auto& d : verdict->diagnostics) {
        if (selected(d.file, prefixes) && keeps(options.codes, d)) {
            diagnostics.push_back(std::move(d));
        }
    }
    ValidationSummary summary{location.display, 0, 0};
    if (options.max_errors >= 0)
        summary.omitted_errors = limit_errors(diagnostics, options.max_errors);
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!selected(files[i], prefixes)) continue;
        ++summary.files;
        if (verdict->has_record[i]) ++summary.records;
    }

    std::string out;
    if (format == "json") {
        out = render_json(diagnostics, summary);
    } else if (format == "github") {
        out = render_github(diagnostics, summary);
        append_step_summary(render_github_step_summary(diagnostics, summary));
    } else if (format == "junit") {
        std::vector<std::string> junit_files;
        for (const auto& f : files) {
            if (selected(f, prefixes)) junit_files.push_back(f);
        }
        if (selected("collab.yaml", prefixes)) junit_files.emplace_back("collab.yaml");
        out = render_junit(diagnostics, summary, junit_files);
    } else if (format == "sarif") {
        out = render_sarif(diagnostics, summary, COLLAB_VERSION);
    } else if (format == "gitlab") {
        out = render_gitlab(diagnostics, summary);
    } else {
        out = render_text(diagnostics, summary, source_reader(location.root),
                          TextStyle{options.output.empty() && use_color(global, 1)});
    }
    emit(out, options.output);
    const Tally t = found(diagnostics, summary);
    let_go(std::move(verdict));
    return t.errors > 0 || (options.strict && t.warnings > 0) ? 1 : 0;
}

}  // namespace

Run setup_validate(CLI::App& sub, const GlobalOptions& global) {
    auto options = std::make_shared<ValidateOptions>();
    sub.add_option("paths", options->paths,
                   "Report only on these files or folders (references still resolve against the "
                   "whole store)");
    sub.add_flag("--strict", options->strict, "Fail (exit 1) on warnings too");
    sub.add_option("--format", options->format,
                   "Output format: text (default), json, github (workflow annotations), junit "
                   "(XML), sarif (2.1.0), gitlab (Code Quality), or auto (github when "
                   "GITHUB_ACTIONS=true, else text)")
        ->check(CLI::IsMember([] {
            // The registry's formats, and auto (chosen from the environment).
            std::vector<std::string> names(formats_of("validate").formats.begin(),
                                           formats_of("validate").formats.end());
            names.emplace_back("auto");
            return names;
        }()));
    sub.add_option("-o,--output", options->output,
                   "Write to FILE (atomically) instead of stdout; the format follows its "
                   "extension (.json, .sarif, .xml for junit, .txt) unless --format says");
    sub.add_option("--only", options->codes.only,
                   "Report only these check codes (CODE[,CODE...]; may be repeated)")
        ->delimiter(',');
    sub.add_option("--ignore", options->codes.ignore,
                   "Leave out these check codes (CODE[,CODE...]; may be repeated)")
        ->delimiter(',');
    sub.add_option("--max-errors", options->max_errors,
                   "Show at most N errors (warnings are all shown); the exit status still counts "
                   "every error")
        ->check(CLI::NonNegativeNumber);
    return [options, &global] { return run_validate(*options, global); };
}

}  // namespace collab::cli
