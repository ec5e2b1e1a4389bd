// The collab command line: global options and the table of subcommands. Each subcommand
// lives in its own file and only parses options, calls lib/ and prints.
#include <fmt/format.h>

#include <iostream>

#include "cli.h"
#include "util/errors.h"

namespace collab::cli {

namespace {

const Command commands[] = {
    {"validate", "Check every record against the format; exit 1 when errors are found",
     setup_validate},
    {"list", "List the records of one kind that match filters, as a table or for scripts",
     setup_list},
    {"show", "Show one record with everything that points at it", setup_show},
    {"report", "Reports (setup_report lists them from lib/report/registry.cpp)", setup_report},
    {"graph", "The partners and agreements as a graph: Graphviz DOT, Mermaid or JSON", setup_graph},
    {"init", "Create a new store: collab.yaml, the five folders, a .gitignore", setup_init},
    {"new", "Write a new record from field=value arguments, validated first", setup_new},
    {"set", "Change fields of a record, editing only their lines", setup_set},
    {"renew", "Create the successor of an agreement, which supersedes it", setup_renew},
    {"import", "Records from a spreadsheet's CSV export: all rows or none, errors by row",
     setup_import},
    {"mv", "Rename a record and rewrite every reference to it", setup_mv},
    {"fmt", "Lay out record files canonically, keeping every comment", setup_fmt},
    {"diff", "What changed in the records between two git revisions, field by field", setup_diff},
    {"site", "The store as a static website: reports, lists, a page per record, search",
     setup_site},
    {"export", "The store as one JSON document, CSV files or a SQLite database", setup_export},
    {"calendar", "Notice dates, term ends, milestones and events as an iCalendar (.ics) file",
     setup_calendar},
    {"schema", "JSON Schema of each kind and of collab.yaml, for editors", setup_schema},
    {"completion", "Shell completion script for bash, zsh or fish", setup_completion},
    {"man", "The manual page collab.1 in roff, for packaging", setup_man, true},
};

int run(int argc, char** argv) {
    CLI::App app{"collab: validate, query and report on collaboration records kept as YAML",
                 "collab"};
    app.set_version_flag("--version", std::string("collab ") + COLLAB_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    GlobalOptions global;
    app.add_option("--store", global.store,
                   "The store folder (default: COLLAB_STORE, else the nearest folder upwards "
                   "holding collab.yaml)");
    app.add_option("--today", global.today,
                   "Take this date (YYYY-MM-DD) as today (default: COLLAB_TODAY, else the clock)");
    app.add_option("--color", global.color, "Colour output: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_option("-j,--jobs", global.jobs,
                   "Parse files on N threads (default: one per core); the output is the same")
        ->check(CLI::PositiveNumber);
    app.add_flag("--no-cache", global.no_cache,
                 "Read every file again instead of using the store's .collab/cache (also "
                 "COLLAB_NO_CACHE=1)");

    std::vector<std::pair<CLI::App*, Run>> runs;
    for (const Command& c : commands) {
        CLI::App* sub = app.add_subcommand(c.name, c.help);
        if (c.hidden) sub->group("");
        runs.emplace_back(sub, c.setup(*sub, global));
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        fmt::print(stderr,
                   "collab: error: {}\nhint: see `collab --help` or `collab COMMAND --help`\n",
                   e.what());
        return 2;
    }
    for (auto& [sub, run] : runs) {
        if (sub->parsed()) return run();
    }
    return 2;
}

}  // namespace

}  // namespace collab::cli

int main(int argc, char** argv) {
    // The process ends right after its command: no freeing of the store's records.
    collab::keep_records_until_exit(true);
    try {
        return collab::cli::run(argc, argv);
    } catch (const collab::UsageError& e) {
        std::cout.flush();
        fmt::print(stderr, "collab: error: {}\n", e.what());
        if (!e.hint.empty()) fmt::print(stderr, "hint: {}\n", e.hint);
        return 2;
    } catch (const std::exception& e) {
        std::cout.flush();
        fmt::print(stderr, "collab: internal error: {}\n", e.what());
        return 3;
    } catch (...) {
        fmt::print(stderr, "collab: internal error: unknown exception\n");
        return 3;
    }
}
