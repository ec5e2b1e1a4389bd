// collab export [FILTER...] --format json|csv|sqlite --out PATH: the store for spreadsheets,
// databases and BI tools.
#include <fmt/format.h>

#include <filesystem>

#include "cli.h"
#include "export/export.h"
#include "model/index.h"
#include "output/formats.h"
#include "report/scope.h"
#include "store/store_paths.h"
#include "util/atomic_write.h"
#include "util/errors.h"

namespace collab::cli {

namespace {

struct ExportOptions {
    std::vector<std::string> filters;
    std::string format;
    std::string out;
    bool no_formula_guard = false;
};

int run_export(const ExportOptions& o, const GlobalOptions& global) {
    const std::string format = format_for(o.format, o.out, formats_of("export").formats,
                                          std::string(formats_of("export").fallback));
    refuse_binary_on_terminal(format, o.out);
    if (o.out.empty() && format != "json" && format != "xlsx") {
        throw UsageError(
            fmt::format("--format {} needs --out {}", format, format == "csv" ? "DIR" : "FILE"),
            format == "csv" ? "e.g. `collab export --format csv --out export/`"
                            : "e.g. `collab export --out collab.db`");
    }
    const OpenStore opened(global);
    const auto& [location, today, store, index] = opened;
    warn_if_invalid(store, today);
    const Scope scope = make_scope(store.config, store.records, index, today, o.filters, {});

    const std::vector<const Record*> records = export_order(scope.selected);
    if (format == "json") {
        emit(export_json(records, store.config), o.out);
        return 0;
    }
    std::vector<DataTable> tables = export_tables(records);
    std::size_t rows = 0;
    for (const auto& t : tables) rows += t.rows.size();
    const std::size_t table_count = tables.size();
    if (format == "xlsx") {
        // Moved: the workbook takes the cells over rather than copying a large store.
        emit(export_xlsx(std::move(tables), print_warning), o.out);
    } else if (format == "sqlite") {
        if (o.out == "-")
            throw UsageError("--format sqlite cannot go to standard output",
                             "give a file, e.g. `--out collab.db`");
        write_file_atomically(checked_output_path(o.out), export_sqlite(tables));
    } else {
        emit_files(o.out, export_csv(tables, !o.no_formula_guard));
    }
    fmt::print(stderr, "collab: exported {} records ({} tables, {} rows) to {}\n", records.size(),
               table_count, rows, o.out.empty() || o.out == "-" ? "standard output" : o.out);
    return 0;
}

}  // namespace

Run setup_export(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<ExportOptions>();
    sub.add_option("filters", o->filters,
                   "Filter expressions as for `list`; each applies to every kind it can speak "
                   "about, and records of other kinds are left out");
    sub.add_option("--format", o->format,
                   "json (one document keyed by kind), csv (a file per table into a folder), "
                   "sqlite (a database) or xlsx (a workbook, a sheet per table); default: from "
                   "--out's extension, else json")
        ->check(CLI::IsMember(std::vector<std::string>(formats_of("export").formats.begin(),
                                                       formats_of("export").formats.end())));
    sub.add_option("-o,--out,--output", o->out,
                   "Where to write (atomically): a FILE for json, sqlite and xlsx, a folder for "
                   "csv; json goes to stdout without it");
    sub.add_flag(
        "--no-formula-guard", o->no_formula_guard,
        "csv: write cells that start like a spreadsheet formula (= + - @ ...) as they are, without "
        "the leading ' that stops a spreadsheet running them; for programs, not people");
    return [o, &global] { return run_export(*o, global); };
}

}  // namespace collab::cli
