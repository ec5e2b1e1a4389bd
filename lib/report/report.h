// A report as data: sections of facts, tables and charts. Each report builds one of these
// and every format (text, md, csv, json, html) renders the same model, so the numbers agree
// across formats by construction.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/kind.h"
#include "model/values.h"

namespace collab {

// What a cell holds, so that report JSON (v2, docs/reports.md "JSON") writes it typed while
// the formats for people (text, md, csv, html) keep writing `Cell::text`.
enum class CellType : unsigned char {
    Text,     // a JSON string
    Number,   // a JSON number (counts, days, amounts)
    Boolean,  // JSON true/false (`text` says yes/no for people)
    Date,     // an ISO date string as written (partial dates stay partial)
    Ref,      // one record: {"id": ..., "name": ...}
    Refs,     // records: an array of {"id": ..., "name": ...}
    List,     // an array of strings
};

// A record named in a cell: its id and its display name (the kind's label field; empty when
// the reference dangles, written as null).
struct Ref {
    std::string id;
    std::string name;
};

struct Cell {
    std::string text;              // for people; empty: absent (JSON null)
    std::optional<double> number;  // set for counts and amounts: typed in json, right-aligned
    CellType type = CellType::Text;
    bool null = false;               // absent in JSON although `text` shows a placeholder
    bool flag = false;               // Boolean
    std::vector<Ref> refs;           // Ref (one) and Refs
    std::vector<std::string> items;  // List

    Cell() = default;
    Cell(std::string t) : text(std::move(t)) {}  // NOLINT: cells read as text
    Cell(const char* t) : text(t) {}             // NOLINT
    static Cell count(long n) {
        Cell c{std::to_string(n)};
        c.number = static_cast<double>(n);
        c.type = CellType::Number;
        return c;
    }
    // A number that may be absent (empty text, JSON null).
    static Cell count(std::optional<long> n) { return n ? count(*n) : typed(CellType::Number); }
    // A date as written ("2026", "2026-03", "2026-03-14"); empty: absent.
    // Text that is no date (a record that failed validation) is shown but null in JSON.
    static Cell date(std::string written) {
        Cell c{std::move(written)};
        c.type = CellType::Date;
        c.null = !c.text.empty() && !parse_date(c.text);
        return c;
    }
    // `yes`/`no` for people, true/false in JSON.
    static Cell boolean(bool b) {
        Cell c{b ? "yes" : "no"};
        c.type = CellType::Boolean;
        c.flag = b;
        return c;
    }
    // One record; `text` is what people see (the id unless told otherwise); empty id: absent.
    static Cell ref(Ref r, std::optional<std::string> shown = std::nullopt) {
        Cell c{shown ? *shown : r.id};
        c.type = CellType::Ref;
        if (!r.id.empty()) c.refs.push_back(std::move(r));
        return c;
    }
    // Several records, shown as `text`.
    static Cell ref_list(std::vector<Ref> rs, std::string shown) {
        Cell c{std::move(shown)};
        c.type = CellType::Refs;
        c.refs = std::move(rs);
        return c;
    }
    // Several strings, shown as `text`.
    static Cell list(std::vector<std::string> values, std::string shown) {
        Cell c{std::move(shown)};
        c.type = CellType::List;
        c.items = std::move(values);
        return c;
    }
    // An absent value of a type (JSON null, or [] for the list types), shown as `shown`.
    static Cell typed(CellType t, std::string shown = {}) {
        Cell c{std::move(shown)};
        c.type = t;
        c.null = true;
        return c;
    }
};

// Columns whose titles are values (the areas of `report areas`): JSON gathers cells
// [first, first + count) of each row into an array `key` of {name_key: title, value_key: cell},
// because a key must not be record text (report JSON v2).
struct Spread {
    std::size_t first = 0;
    std::size_t count = 0;
    std::string key;        // "by_area"
    std::string name_key;   // "area"
    std::string value_key;  // "count"
};

struct ReportTable {
    std::string key;    // for json: "by_status"
    std::string title;  // for people: "Agreements by status"
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
    // Each column's type, for the report's JSON Schema (missing ones: Text). The JSON key of a
    // column is its title in snake_case (json_key in report_render.h).
    std::vector<CellType> types = {};
    // The columns the HTML page shows, by index in `columns` (empty: all). A table too wide
    // for a 1280 px page (issue 19) keeps every column in text, CSV, JSON and xlsx; the page
    // names the ones it leaves out.
    std::vector<std::size_t> page_columns = {};
    std::optional<Spread> spread = std::nullopt;
};

struct Fact {
    std::string key;
    std::string label;
    Cell value;
};

struct Bar {
    std::string label;
    double value = 0;
    // The label a reader of the HTML page sees (a partner's name rather than its id); empty:
    // `label`. The other formats keep `label`.
    std::string reader_label = {};
};

struct BarChart {
    std::string title;
    std::vector<Bar> bars;
};

// One bar of a Gantt chart: an agreement's or project's term.
struct Span {
    Kind kind = Kind::Agreement;
    std::string id;
    std::string label;
    std::string status;
    Date start;
    std::optional<Date> end;     // none: open-ended
    std::optional<Date> marker;  // e.g. the notice date
};

struct GanttChart {
    std::string title;
    std::vector<Span> spans;
};

struct ReportSection {
    std::string key;
    std::string title;
    std::vector<Fact> facts;
    std::vector<ReportTable> tables;
    std::vector<BarChart> bars;
    std::optional<GanttChart> gantt;
    std::string note;  // a sentence under the title
    // Who the section is for. A report's HTML page is read by people who never use a terminal
    // (issue 19): sections written for them (headline numbers, decisions listed by name) are
    // `reader` (HTML only); sections about the tool itself (validation counts, CLI hints) are
    // `terminal` (every format but HTML). The text, Markdown, CSV and JSON forms are unchanged.
    enum class Audience { everyone, reader, terminal };
    Audience audience = Audience::everyone;
};

struct Report {
    std::string name;   // summary, expiring ...
    std::string title;  // "Summary of HKUST medical partnerships"
    std::string store_name;
    Date today;
    std::string filter;  // the filter as explained, or empty
    std::vector<ReportSection> sections;
    // The report's tabular form for CSV; reports without one refuse --format csv.
    std::optional<ReportTable> flat;
    // For `--exit-code` (expiring, register): agreements due for a decision or lapsed, as the
    // expiring report defines them (report/terms.h); nullopt for reports that do not say.
    std::optional<long> due_or_lapsed = std::nullopt;
};

}  // namespace collab
