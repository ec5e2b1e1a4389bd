// collab import csv FILE --kind KIND: records from a spreadsheet's CSV export, all or nothing.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "cli.h"
#include "import/csv.h"
#include "import/import.h"
#include "import/render.h"
#include "store/lock.h"
#include "store/store_paths.h"
#include "store_access.h"
#include "util/atomic_write.h"
#include "util/errors.h"
#include "util/file.h"

namespace collab::cli {

namespace {

struct ImportCliOptions {
    std::string format_name;  // "csv"
    std::string file;
    std::string kind;
    std::vector<std::string> map;
    std::vector<std::string> ignore;
    std::string id_column;
    std::string list_sep = ";";
    std::string date_format;
    std::string delimiter;
    std::string encoding;
    bool create_partners = false;
    std::string country;
    std::string country_column;
    bool update = false;
    bool dry_run = false;
    std::string output_format = "text";
};

// The file's bytes, at most `limit` + 1 of them (more is reported by read_csv as too large
// without reading a huge file or pipe into memory).
std::string read_input(const std::string& file, std::size_t limit) {
    std::string bytes;
    if (file == "-") {
        char buffer[65536];
        std::size_t n = 0;
        while (bytes.size() <= limit && (n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
            bytes.append(buffer, n);
        }
        return bytes;
    }
    std::string error;
    bool too_large = false;
    auto content = read_file_limited(file, limit, error, too_large);
    if (too_large) {
        return std::string(limit + 1, ' ');  // only the size matters from here
    }
    if (!content) throw UsageError(fmt::format("cannot read {}: {}", file, error));
    return std::move(*content);
}

char parse_delimiter(const std::string& d) {
    if (d.empty()) return 0;
    if (d == "tab" || d == "\\t" || d == "\t") return '\t';
    if (d.size() == 1 && d != "\"" && d != "\n" && d != "\r") return d[0];
    throw UsageError(fmt::format("--delimiter '{}' is not one character", d),
                     "give ',', ';' or tab");
}

int run_import(const ImportCliOptions& o, const GlobalOptions& global) {
    ImportOptions options;
    options.kind = parse_kind_argument(o.kind);
    for (const auto& m : o.map) {
        const auto eq = m.rfind('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == m.size()) {
            throw UsageError(fmt::format("--map '{}' is not HEADER=FIELD", m),
                             "e.g. --map 'Partner Institution=parties'");
        }
        options.map.emplace_back(m.substr(0, eq), m.substr(eq + 1));
    }
    options.ignore = o.ignore;
    options.id_column = o.id_column;
    if (o.list_sep.size() != 1) {
        throw UsageError(fmt::format("--list-sep '{}' is not one character", o.list_sep));
    }
    options.list_sep = o.list_sep[0];
    options.date_format = o.date_format;
    options.create_partners = o.create_partners;
    options.country = o.country;
    options.country_column = o.country_column;
    options.update = o.update;
    CsvOptions csv;
    csv.delimiter = parse_delimiter(o.delimiter);
    csv.encoding = o.encoding;

    // Refuses the example store; the lock is held from before the read until the last write.
    const StoreLocation location = find_writable_store(global);
    const StoreLock lock(location.root);
    const std::string bytes = read_input(o.file, csv.limits.max_bytes);
    const Store store = load_store(location, global.jobs, !global.no_cache);
    ImportPlan plan;
    const CsvTable table = read_csv(bytes, csv, plan.problems);
    if (plan.problems.empty()) {
        plan = plan_import(table, options, store, today(global), [&](const std::string& file) {
            std::string error;
            bool too_large = false;
            return read_store_file(location.root, file, file_size_limit(), error, too_large);
        });
    } else {
        plan.rows = table.rows_read;
    }
    const bool errors = plan.has_errors();
    ImportOutcome outcome{o.file, &plan, o.dry_run, false};
    if (!errors && !o.dry_run) {
        // New files never replace one created meanwhile (replace = false); each is complete
        // or absent after a crash, and each is a record that validated with all the others.
        // One batch: a single syncfs instead of two fsyncs per file (20,000 rows: 628 s).
        std::vector<BatchWrite> batch;
        batch.reserve(plan.writes.size());
        for (const ImportWrite& w : plan.writes) {
            batch.push_back({store_write_path(location.root, w.file), w.text, w.update});
        }
        write_files_atomically(batch);
        outcome.written = true;
    }
    const std::string out =
        o.output_format == "json" ? render_import_json(outcome) : render_import_text(outcome);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return errors ? 1 : 0;
}

}  // namespace

Run setup_import(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<ImportCliOptions>();
    sub.add_option("format", o->format_name, "The file's format: csv")
        ->required()
        ->check(CLI::IsMember({"csv"}));
    sub.add_option("file", o->file, "The CSV file (- for standard input)")->required();
    sub.add_option("--kind", o->kind,
                   "The kind of record each row is: partner, person, "
                   "agreement, project or event")
        ->required();
    sub.add_option("--map", o->map,
                   "HEADER=FIELD: the column with this header fills this (dotted) field "
                   "(repeatable)");
    sub.add_option("--ignore-column", o->ignore,
                   "Leave the column with this header out "
                   "(repeatable)");
    sub.add_option("--id-column", o->id_column,
                   "Take ids from this column instead of making them from the title or name");
    sub.add_option("--list-sep", o->list_sep,
                   "What separates the items of a list cell "
                   "(default ;)");
    sub.add_option("--date-format", o->date_format,
                   "How dates are written besides ISO 8601: %d/%m/%Y, %m/%d/%Y, %d.%m.%Y or "
                   "excel (serial numbers)")
        ->check(CLI::IsMember({"%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "excel"}));
    sub.add_option("--delimiter", o->delimiter,
                   "The cell delimiter: ',', ';' or tab (default: detected from the header)");
    sub.add_option("--encoding", o->encoding,
                   "Convert from this encoding (e.g. windows-1252); default: UTF-8 required");
    sub.add_flag("--create-partners", o->create_partners,
                 "A partner name that matches none creates a minimal partner (type other)");
    sub.add_option("--country", o->country,
                   "The country (ISO 3166-1 alpha-2) of created "
                   "partners");
    sub.add_option("--country-column", o->country_column,
                   "The column holding the country of created partners");
    sub.add_flag("--update", o->update,
                 "Rows whose id exists change that record's fields, keeping comments");
    sub.add_flag("-n,--dry-run", o->dry_run, "Report what would happen; write nothing");
    sub.add_option("--format", o->output_format, "Output: text or json")
        ->check(CLI::IsMember({"text", "json"}));
    return [o, &global] { return run_import(*o, global); };
}

}  // namespace collab::cli
