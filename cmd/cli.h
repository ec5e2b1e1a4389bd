// What every subcommand shares: global options, finding the store, today's date, colour.
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <span>
#include <string>

#include "model/index.h"
#include "model/values.h"
#include "store/locate.h"
#include "store/store.h"

namespace collab::cli {

struct GlobalOptions {
    std::string store;  // --store DIR
    std::string today;  // --today YYYY-MM-DD
    std::string color = "auto";
    unsigned jobs = 0;      // -j: threads that parse files; 0: one per core
    bool no_cache = false;  // --no-cache, or COLLAB_NO_CACHE=1
};

// Runs the parsed subcommand; returns the exit status.
using Run = std::function<int()>;

// One entry of the command table: declares its options on `sub`, returns how to run it.
struct Command {
    const char* name;
    const char* help;
    Run (*setup)(CLI::App& sub, const GlobalOptions& global);
    bool hidden = false;  // not in --help or completions (tools for packaging)
};

Run setup_validate(CLI::App& sub, const GlobalOptions& global);
Run setup_list(CLI::App& sub, const GlobalOptions& global);
Run setup_show(CLI::App& sub, const GlobalOptions& global);
Run setup_report(CLI::App& sub, const GlobalOptions& global);
Run setup_graph(CLI::App& sub, const GlobalOptions& global);
Run setup_init(CLI::App& sub, const GlobalOptions& global);
Run setup_new(CLI::App& sub, const GlobalOptions& global);
Run setup_set(CLI::App& sub, const GlobalOptions& global);
Run setup_renew(CLI::App& sub, const GlobalOptions& global);
Run setup_fmt(CLI::App& sub, const GlobalOptions& global);
Run setup_schema(CLI::App& sub, const GlobalOptions& global);
Run setup_export(CLI::App& sub, const GlobalOptions& global);
Run setup_site(CLI::App& sub, const GlobalOptions& global);
Run setup_diff(CLI::App& sub, const GlobalOptions& global);
Run setup_completion(CLI::App& sub, const GlobalOptions& global);
Run setup_man(CLI::App& sub, const GlobalOptions& global);
Run setup_calendar(CLI::App& sub, const GlobalOptions& global);
Run setup_import(CLI::App& sub, const GlobalOptions& global);
Run setup_mv(CLI::App& sub, const GlobalOptions& global);

StoreLocation find_store(const GlobalOptions& global);

// The store a command works on: found, loaded and indexed, with today's date. Built in place
// (`const OpenStore opened(global); const auto& [location, today, store, index] = opened;`):
// the index points into the store, so it is never copied or moved.
struct OpenStore {
    StoreLocation location;
    Date today;
    Store store;
    Index index;
    explicit OpenStore(const GlobalOptions& global);
    OpenStore(const OpenStore&) = delete;
    OpenStore& operator=(const OpenStore&) = delete;
};
// Store::load with the file size limit of COLLAB_MAX_FILE_SIZE (bytes, or with K, M or G),
// on `jobs` threads (0: one per core), through the cache unless told not to.
Store load_store(const StoreLocation& location, unsigned jobs, bool use_cache);
// The LoadOptions load_store uses (for store/verdict.h's saved_verdict).
LoadOptions load_options(unsigned jobs, bool use_cache);
// The size limit of a record file in bytes: COLLAB_MAX_FILE_SIZE, else default_max_file_size.
std::size_t file_size_limit();
// --today, else COLLAB_TODAY, else the local date; a malformed date is a usage error.
Date today(const GlobalOptions& global);
// Colour on a terminal only, never when NO_COLOR is set, unless --color says otherwise.
bool use_color(const GlobalOptions& global, int fd);
// The width a table may take: --width when given, the terminal's on a terminal, else none.
std::optional<std::size_t> table_width(int requested);
// "agreements" or "agreement" -> Kind; anything else is a usage error with a suggestion.
Kind parse_kind_argument(const std::string& word);
// The format for --output FILE when --format is not given: from the file's extension
// (.md, .csv, .json, .html, .txt, .dot, .mmd ...), if it is one of `allowed`.
std::string format_for(const std::string& format, const std::string& output,
                       std::span<const std::string_view> allowed, const std::string& fallback);
// Prints to stdout (no FILE, or `-`), or writes FILE atomically; FILE must be new or a regular
// file (or a link to one, written through): anything else is a UsageError (checked_output_path).
void emit(const std::string& text, const std::string& output);
// A binary format (xlsx) to stdout when stdout is a terminal: UsageError with a hint to use -o.
void refuse_binary_on_terminal(std::string_view format, const std::string& output);
// "collab: warning: MESSAGE" on stderr: the sink for the writers' warnings (TableStyle::warn).
void print_warning(const std::string& message);
// Creates `dir` if needed and writes each (name, text) into it atomically; returns the paths.
std::vector<std::filesystem::path> emit_files(
    const std::filesystem::path& dir,
    const std::vector<std::pair<std::string, std::string>>& files);

// PATH arguments (relative to the working directory, inside the store) as store-relative
// prefixes; "" is the whole store. Outside the store or missing: UsageError.
std::vector<std::string> store_selection(const std::vector<std::string>& paths,
                                         const StoreLocation& store);
bool selected(const std::string& file, const std::vector<std::string>& prefixes);

// Prints the diagnostics of a record about to be written (source lines from `text`), and
// returns whether any is an error.
bool report_candidate(const std::vector<Diagnostic>& diagnostics, const StoreLocation& store,
                      const std::string& text, const GlobalOptions& global);

// Opens `path` in $VISUAL or $EDITOR (else vi) and waits; returns the editor's status.
int run_editor(const std::filesystem::path& path);

// Prints a one-line warning on stderr when the store has errors (results may be partial).
void warn_if_invalid(const Store& store, Date today);
// The same warning from validate()'s result, when it is known without the records
// (store/verdict.h).
void warn_if_invalid(const std::vector<Diagnostic>& diagnostics);

}  // namespace collab::cli
