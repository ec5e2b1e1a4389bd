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

struct Cell {
    std::string text;
    std::optional<double> number;  // set for counts and amounts: typed in json, right-aligned

    Cell() = default;
    Cell(std::string t) : text(std::move(t)) {}  // NOLINT: cells read as text
    Cell(const char* t) : text(t) {}             // NOLINT
    static Cell count(long n) { return Cell{std::to_string(n), static_cast<double>(n)}; }

  private:
    Cell(std::string t, double n) : text(std::move(t)), number(n) {}
};

struct ReportTable {
    std::string key;    // for json: "by_status"
    std::string title;  // for people: "Agreements by status"
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
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
};

}  // namespace collab
