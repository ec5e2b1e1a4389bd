// collab list KIND [FILTER...]: the records of one kind that match, in a table or for scripts.
#include <fmt/format.h>

#include <iostream>

#include "cli.h"
#include "core/suggest.h"
#include "output/formats.h"
#include "output/records.h"
#include "query/filter.h"
#include "store/validate.h"
#include "store/verdict.h"

namespace collab::cli {

namespace {

struct ListOptions {
    std::string kind;
    std::vector<std::string> filters;
    std::string fields;
    std::string sort;
    int limit = -1;
    bool count = false;
    std::string group_by;
    bool explain = false;
    std::string format;
    std::string output;
    int width = 0;
    bool no_formula_guard = false;
};

// The kinds whose records `list` reads: the listed kind and every kind its filter, columns,
// sort keys and grouping reach through references and computed fields (kinds_reached).
// Parsed here without the store's ids, which are checked after loading as always; when
// anything does not parse, every kind, so its error comes out exactly as with a full load.
KindSet kinds_needed(const ListOptions& o, Kind kind, Date today) {
    try {
        KindSet out;
        out.add(kind);
        out.add(Filter::parse(o.filters, kind, FilterContext{today, nullptr}).kinds_reached());
        const QueryContext query{nullptr, today};
        for (const auto& c : parse_field_list(
                 kind, o.fields.empty() ? default_columns(kind) : o.fields, "--fields", &query))
            out.add(kinds_reached(c));
        if (!o.sort.empty()) {
            for (const auto& k : parse_sort(kind, o.sort, &query)) out.add(kinds_reached(k.field));
        }
        if (!o.group_by.empty()) {
            for (const auto& g : parse_field_list(kind, o.group_by, "--group-by", &query))
                out.add(kinds_reached(g));
        }
        return out;
    } catch (const std::exception&) {
        return KindSet::all();
    }
}

int run_list(const ListOptions& o, const GlobalOptions& global) {
    const Kind kind = parse_kind_argument(o.kind);
    const StoreLocation location = find_store(global);
    const Date today = cli::today(global);
    // Only the kinds the query reaches are decoded (Store::partial), when the store's
    // verdict is known without its records: the warning below needs every record otherwise.
    LoadOptions options = load_options(global.jobs, !global.no_cache);
    const KindSet needed = kinds_needed(o, kind, today);
    std::optional<Verdict> verdict;
    if (!needed.is_all()) verdict = saved_verdict(location, options, today);
    if (verdict) options.decode = needed;
    const Store store = Store::load(location, options);
    const Index index(store.records, store.config.home);
    const Filter filter = Filter::parse(o.filters, kind, FilterContext{today, &index});
    const QueryContext query{&index, today};
    const auto columns = parse_field_list(kind, o.fields.empty() ? default_columns(kind) : o.fields,
                                          "--fields", &query);
    const auto sort_keys =
        o.sort.empty() ? parse_sort(kind, "id") : parse_sort(kind, o.sort, &query);
    std::optional<FieldPath> group;
    if (!o.group_by.empty())
        group = parse_field_list(kind, o.group_by, "--group-by", &query).front();

    if (store.partial) {
        warn_if_invalid(verdict->diagnostics);
    } else {
        warn_if_invalid(store, today);
    }
    if (o.explain) fmt::print(stderr, "filter: {}\n", filter.explain());

    std::vector<const Record*> matches;
    for (const Record& r : store.records) {
        if (r.kind == kind && filter.matches(r, index)) matches.push_back(&r);
    }
    sort_records(matches, sort_keys);
    if (o.limit >= 0 && matches.size() > static_cast<std::size_t>(o.limit)) matches.resize(o.limit);

    if (o.count) {
        emit(std::to_string(matches.size()) + "\n", o.output);
        return 0;
    }
    const std::string format = format_for(o.format, o.output, formats_of("list").formats,
                                          std::string(formats_of("list").fallback));
    refuse_binary_on_terminal(format, o.output);
    TableStyle style;
    // A file is not a terminal: no colour, nothing cut to fit.
    style.color = o.output.empty() && use_color(global, 1);
    style.max_width = o.output.empty() ? table_width(o.width) : std::nullopt;
    if (!o.output.empty() && o.width > 0) style.max_width = static_cast<std::size_t>(o.width);
    style.formula_guard = !o.no_formula_guard;
    style.warn = print_warning;
    // xlsx: dates as dates and numbers as numbers where the field is one; ids and lists text.
    for (const auto& c : columns) {
        style.types.push_back(c.is_list                            ? ColumnKind::Text
                              : c.comparable == Comparable::Date   ? ColumnKind::Date
                              : c.comparable == Comparable::Number ? ColumnKind::Number
                                                                   : ColumnKind::Text);
    }
    emit(group ? render_groups(format, *group, group_by(matches, *group), style)
               : render_records(format, matches, columns, style),
         o.output);
    return 0;
}

}  // namespace

Run setup_list(CLI::App& sub, const GlobalOptions& global) {
    auto o = std::make_shared<ListOptions>();
    sub.add_option("kind", o->kind, kind_folder_list("or") + " (singular works too)")->required();
    sub.add_option("filters", o->filters,
                   "Filter expressions, joined with `and`, e.g. status=active 'parties under zju'");
    sub.add_option("--fields", o->fields,
                   "Columns for table, csv and tsv: a,b,c (dotted paths allowed)");
    sub.add_option("--sort", o->sort, "Sort by field[,field]; -field for descending (default: id)");
    sub.add_option("--limit", o->limit, "Print at most N records")->check(CLI::NonNegativeNumber);
    sub.add_flag("--count", o->count, "Print only the number of matching records");
    sub.add_option("--group-by", o->group_by, "Print each value of this field with its count");
    sub.add_flag("--explain", o->explain,
                 "Print the parsed filter, with relative dates resolved, on stderr");
    sub.add_option("-o,--output", o->output,
                   "Write to FILE (atomically) instead of stdout; the format follows its "
                   "extension (.json, .jsonl, .csv, .tsv, .yaml, .xlsx) unless --format says");
    sub.add_option("--format", o->format,
                   fmt::format("{} (default: from --output, else {})", format_list("list"),
                               formats_of("list").fallback))
        ->check(CLI::IsMember(std::vector<std::string>(formats_of("list").formats.begin(),
                                                       formats_of("list").formats.end())));
    sub.add_option("--width", o->width,
                   "Fit the table into N columns (default: the terminal's width on a terminal; "
                   "never cut when piped)")
        ->check(CLI::PositiveNumber);
    sub.add_flag(
        "--no-formula-guard", o->no_formula_guard,
        "csv/tsv: write cells that start like a spreadsheet formula (= + - @ ...) as they are, "
        "without the leading ' that stops a spreadsheet running them; for programs, not people");
    return [o, &global] { return run_list(*o, global); };
}

}  // namespace collab::cli
