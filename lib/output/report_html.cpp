// The HTML form of a report: one self-contained page (inline CSS and SVG; no scripts, fonts or
// anything else from the network), with bar charts and a Gantt chart of terms, today marked.
// Written for readers who never use a terminal (issue 19): it fits a 1280 px window without
// horizontal scrolling, keeps chart labels inside their charts, and prints (A4 or Letter).
#include "output/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "escape/escape.h"
#include "output/report_render.h"
#include "util/utf8.h"

namespace collab {

namespace {

constexpr std::string_view screen_style = R"(
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0969da; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1160px; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; line-height: 1.25; }
h2 { font-size: 20px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 20px 0 6px; }
a { color: var(--accent); }
.meta, .note { color: var(--muted); margin: 4px 0 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 16px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.headline { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 8px; padding: 0; list-style: none; }
.headline li { flex: 1 1 150px; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--soft); }
.headline .n { display: block; font-size: 28px; font-weight: 700; line-height: 1.2; }
.headline .l { color: var(--muted); font-size: 14px; }
table { border-collapse: collapse; margin: 6px 0 16px; font-size: 14px; max-width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top;
         white-space: normal; overflow-wrap: break-word; }
th { background: var(--soft); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nw, span.nw { white-space: nowrap; }
td.long { min-width: 14em; }
details.data { margin: -8px 0 16px; }
details.data > summary { cursor: pointer; color: var(--muted); }
.legend { color: var(--muted); font-size: 13px; margin: -12px 0 16px; }
.none { color: var(--muted); font-style: italic; }
svg { display: block; margin: 8px 0 20px; max-width: 100%; height: auto; font-size: 12px; }
svg text { fill: var(--ink); }
svg .bar { fill: var(--accent); }
svg .axis { stroke: var(--line); }
svg .tick { fill: var(--muted); }
svg .today { stroke: #cf222e; stroke-width: 2; stroke-dasharray: 4 3; }
svg .today-label { fill: #cf222e; font-weight: 600; }
svg .notice { fill: #bf8700; }
svg .span { fill: #8c959f; }
svg .span.active { fill: #1a7f37; }
svg .span.signed, svg .span.planned { fill: #0969da; }
svg .span.negotiating, svg .span.draft, svg .span.proposed { fill: #9a6700; }
svg .span.open { opacity: 0.55; }
footer { color: var(--muted); margin-top: 40px; font-size: 13px; }
nav.site { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 16px; padding: 0 0 12px; margin-bottom: 16px; border-bottom: 1px solid var(--line); }
nav.site .home { font-weight: 700; color: var(--ink); text-decoration: none; margin-right: 8px; }
nav.site form { margin-left: auto; }
input[type=search] { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; min-width: 16em; }
th button { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer; color: inherit; text-align: left; }
th[aria-sort=ascending] button::after { content: " \25B2"; }
th[aria-sort=descending] button::after { content: " \25BC"; }
.filter { margin: 8px 0; }
ul.hits li { margin: 4px 0; }
.kind { color: var(--muted); font-size: 13px; }
)";

constexpr std::string_view print_style = R"(
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.site, .filter, form, details.data { display: none; }
  a { color: inherit; text-decoration: none; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; margin-top: 18pt; }
  h2, h3 { break-after: avoid; }
  table { font-size: 9.5pt; width: 100%; }
  thead { display: table-header-group; }
  tr, dl.facts, .headline li, svg, .legend { break-inside: avoid; }
  svg { max-height: 240mm; }
  footer { margin-top: 12pt; }
}
)";

std::string number_text(double v) {
    return v == std::floor(v) ? fmt::format("{}", static_cast<long long>(v))
                              : fmt::format("{:.2f}", v);
}

// Collab's own sentences may name a command in backticks for terminal readers; a page's
// reader cannot run it, so "(see `...`)" goes and any other backtick is dropped.
std::string reader_note(std::string_view note) {
    std::string out(note);
    for (std::size_t open; (open = out.find(" (see `")) != std::string::npos;) {
        const std::size_t close = out.find(')', open);
        if (close == std::string::npos) break;
        out.erase(open, close - open + 1);
    }
    out.erase(std::remove(out.begin(), out.end(), '`'), out.end());
    return out;
}

std::string table_html(const ReportTable& t) {
    if (t.rows.empty()) return "<p class=\"none\">none</p>\n";
    std::vector<std::size_t> shown = t.page_columns;
    if (shown.empty()) {
        for (std::size_t c = 0; c < t.columns.size(); ++c) shown.push_back(c);
    }
    std::string out = "<table>\n<thead><tr>";
    for (std::size_t c : shown) out += "<th scope=\"col\">" + escape_html(t.columns[c]) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
        out += "<tr>";
        for (std::size_t c : shown) {
            static const Cell none{};
            const Cell& cell = c < row.size() ? row[c] : none;
            // Text wraps at its spaces; one word (an id, a date) never splits, unless it is too
            // long for any column (then it may break anywhere rather than push the page wide).
            const std::size_t w = display_width(cell.text);
            const bool one_word = cell.text.find(' ') == std::string::npos;
            out += cell.number           ? "<td class=\"num\">"
                   : one_word && w <= 40 ? "<td class=\"nw\">"
                   : w > 40 && !one_word ? "<td class=\"long\">"
                                         : "<td>";
            out += (one_word ? escape_html(cell.text) : cell_text_html(cell.text)) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    if (shown.size() < t.columns.size()) {
        std::string rest;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            if (std::find(shown.begin(), shown.end(), c) != shown.end()) continue;
            rest += (rest.empty() ? "" : ", ") + escape_html(t.columns[c]);
        }
        out +=
            "<p class=\"note\">More columns in the CSV, JSON and Excel forms: " + rest + ".</p>\n";
    }
    return out;
}

// True when every fact of the section is also a bar of its charts (the summary's record
// counts): the page shows the chart alone.
bool charted_facts(const ReportSection& s) {
    for (const Fact& f : s.facts) {
        bool found = false;
        for (const BarChart& c : s.bars) {
            for (const Bar& b : c.bars) found = found || (b.label == f.label);
        }
        if (!found) return false;
    }
    return true;
}

// The tick step for `years` years in `width` pixels: about 48 px per label, so that four
// digits never run together, on round steps (1, 2, 5, 10, 20, 50 ... years).
int year_step(int years, double width) {
    const int fit = std::max(1, static_cast<int>(width / 48));
    for (int step : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
        if ((years + step - 1) / step <= fit) return step;
    }
    return 1000;
}

}  // namespace

std::string bar_chart_svg(const BarChart& chart) {
    if (chart.bars.empty()) return {};
    const double max = std::max(
        1.0,
        std::max_element(chart.bars.begin(), chart.bars.end(), [](const auto& a, const auto& b) {
            return a.value < b.value;
        })->value);
    const int label_w = 220, bar_w = 440, row_h = 24, top = 28, value_w = 70;
    const int width = label_w + bar_w + value_w;
    const int height = top + static_cast<int>(chart.bars.size()) * row_h + 8;
    std::string out = fmt::format(
        "<svg class=\"chart bars\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {}\" "
        "width=\"{}\" height=\"{}\"><title>{}</title>"
        "<text x=\"0\" y=\"16\" font-weight=\"600\">{}</text>",
        escape_html(chart.title), width, height, width, height, escape_html(chart.title),
        escape_html(truncate_to_width(chart.title, 100)));
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const auto& b = chart.bars[i];
        const std::string& label = b.reader_label.empty() ? b.label : b.reader_label;
        const int y = top + static_cast<int>(i) * row_h;
        const double w = b.value / max * bar_w;
        // A label of at most 30 columns fits the 212 px left of the bars at 12 px (a CJK
        // character is two columns and about 12 px wide).
        out += fmt::format(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" "
            "rx=\"2\"><title>{}: {}</title></rect>"
            "<text x=\"{:.1f}\" y=\"{}\">{}</text>",
            label_w - 8, y + 15, escape_html(truncate_to_width(label, 30)), label_w, y + 3, w,
            row_h - 6, escape_html(label), number_text(b.value), label_w + w + 6, y + 15,
            number_text(b.value));
    }
    return out + "</svg>\n";
}

std::string gantt_chart_svg(const GanttChart& chart, Date today) {
    if (chart.spans.empty()) return {};
    long first = today.days_since_epoch(), last = first;
    for (const auto& s : chart.spans) {
        first = std::min(first, s.start.days_since_epoch());
        last = std::max(last, s.end ? s.end->days_since_epoch() : s.start.days_since_epoch());
    }
    // Whole years, with a little room for open-ended terms past the last date.
    const int first_year = Date::from_days(first).year;
    const int last_year = Date::from_days(last).year + 1;
    const long x0 = Date{first_year, 1, 1}.days_since_epoch();
    const long x1 = Date{last_year, 12, 31}.days_since_epoch();
    // Rows: the title, the today label, the year ticks, then one row per span.
    const int label_w = 260, plot_w = 600, row_h = 24, top = 60, right_pad = 10;
    const int width = label_w + plot_w + right_pad;
    const int height = top + static_cast<int>(chart.spans.size()) * row_h + 12;
    const auto x = [&](long days) {
        return label_w + static_cast<double>(days - x0) / static_cast<double>(x1 - x0) * plot_w;
    };
    std::string out = fmt::format(
        "<svg class=\"chart gantt\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {}\" "
        "width=\"{}\" height=\"{}\"><title>{}</title>"
        "<text x=\"0\" y=\"16\" font-weight=\"600\">{}</text>",
        escape_html(chart.title), width, height, width, height, escape_html(chart.title),
        escape_html(truncate_to_width(chart.title, 110)));
    const int step = year_step(last_year - first_year + 1, plot_w);
    for (int year = first_year; year <= last_year; ++year) {
        const double xs = x(Date{year, 1, 1}.days_since_epoch());
        out += fmt::format("<line class=\"axis\" x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\"/>",
                           xs, top - 6, xs, height - 8);
        // Every year keeps its grid line; only every step-th is labelled, and never one whose
        // label would run past the right edge.
        if (year % step == 0 && xs + 32 <= width) {
            out += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\">{}</text>", xs + 3,
                               top - 10, year);
        }
    }
    for (std::size_t i = 0; i < chart.spans.size(); ++i) {
        const Span& s = chart.spans[i];
        const int y = top + static_cast<int>(i) * row_h;
        const double xs = x(s.start.days_since_epoch());
        const double xe = x(s.end ? s.end->days_since_epoch() : x1);
        const std::string tip = fmt::format("{} {}: {} to {}{}", kind_name(s.kind), s.id,
                                            s.start.str(), s.end ? s.end->str() : "open-ended",
                                            s.status.empty() ? "" : " (" + s.status + ")");
        out += fmt::format(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
            "<rect class=\"span {}{}\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" "
            "rx=\"3\"><title>{}</title></rect>",
            label_w - 8, y + 15, escape_html(truncate_to_width(s.id, 36)), escape_html(s.status),
            s.end ? "" : " open", xs, y + 3, std::max(2.0, xe - xs), row_h - 6, escape_html(tip));
        if (s.marker) {
            const double xm = x(s.marker->days_since_epoch());
            out += fmt::format(
                "<path class=\"notice\" d=\"M{:.1f} {} l5 7 l-5 7 l-5 -7 z\"><title>notice date "
                "{}</title></path>",
                xm, y + 2, s.marker->str());
        }
    }
    const double xt = x(today.days_since_epoch());
    // "today 2026-11-30" is about 110 px at 12 px bold: right of the line when it fits, else
    // left of it, so it is never clipped by the drawing's edge.
    const bool fits_right = xt + 4 + 116 <= width;
    out += fmt::format(
        "<line class=\"today\" x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\"/>"
        "<text class=\"today-label\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"{}\">today {}</text>",
        xt, top - 4, xt, height - 4, fits_right ? xt + 4 : xt - 4, 34, fits_right ? "start" : "end",
        today.str());
    return out +
           "</svg>\n<p class=\"legend\">Bars: terms from taking effect (or signing, or start) to "
           "expiry (or end); faded "
           "bars are open-ended. ◆ notice date (expiry minus the renewal notice period). Red line: "
           "today.</p>\n";
}

std::string cell_text_html(std::string_view text) {
    if (text.find(", ") == std::string_view::npos) return escape_html(text);
    // Only a list of single words (ids, codes): any item with a space is prose, left as it is.
    for (std::size_t start = 0;;) {
        const std::size_t comma = text.find(", ", start);
        const std::string_view item = text.substr(start, comma - start);
        if (item.empty() || item.find(' ') != std::string_view::npos) return escape_html(text);
        if (comma == std::string_view::npos) break;
        start = comma + 2;
    }
    std::string out;
    for (std::size_t start = 0;;) {
        const std::size_t comma = text.find(", ", start);
        const std::string_view item = text.substr(start, comma - start);
        out += "<span class=\"nw\">" + escape_html(item) + "</span>";
        if (comma == std::string_view::npos) break;
        out += ", ";
        start = comma + 2;
    }
    return out;
}

std::string page_css(std::string_view print_header) {
    return std::string(screen_style) + std::string(print_style) +
           "@page { size: auto; margin: 18mm 14mm 16mm;\n"
           "  @top-left { content: " +
           css_string(print_header) +
           "; font: 9pt system-ui, sans-serif; color: #59636e; }\n"
           "  @bottom-right { content: \"page \" counter(page) \" of \" counter(pages); "
           "font: 9pt system-ui, sans-serif; color: #59636e; } }\n";
}

std::string report_meta_html(const Report& r) {
    std::string out =
        "<p class=\"meta\">" + escape_html(r.store_name) + " · as of " + r.today.str();
    if (!r.filter.empty()) out += " · only records where " + escape_html(r.filter);
    return out + "</p>\n";
}

std::string print_header_text(const Report& r) {
    return r.store_name + " · " + r.title + " · " + r.today.str();
}

std::string report_sections_html(const Report& r) {
    std::string out;
    for (const auto& s : r.sections) {
        if (s.audience == ReportSection::Audience::terminal) continue;
        out +=
            "<section id=\"" + escape_html(s.key) + "\">\n<h2>" + escape_html(s.title) + "</h2>\n";
        if (!s.note.empty())
            out += "<p class=\"note\">" + escape_html(reader_note(s.note)) + "</p>\n";
        if (!s.facts.empty() && s.key == "headline") {
            // Headline numbers read as tiles, the first thing a reader sees.
            out += "<ul class=\"headline\">\n";
            for (const auto& f : s.facts) {
                out += "<li><span class=\"n\">" + escape_html(f.value.text) +
                       "</span> <span class=\"l\">" + escape_html(f.label) + "</span></li>\n";
            }
            out += "</ul>\n";
        } else if (!s.facts.empty() && !charted_facts(s)) {
            out += "<dl class=\"facts\">\n";
            for (const auto& f : s.facts) {
                out += "<dt>" + escape_html(f.label) + "</dt><dd>" + escape_html(f.value.text) +
                       "</dd>\n";
            }
            out += "</dl>\n";
        }
        bool charted = false;
        for (const auto& b : s.bars) {
            const std::string svg = bar_chart_svg(b);
            charted = charted || !svg.empty();
            out += svg;
        }
        if (s.gantt) out += gantt_chart_svg(*s.gantt, r.today);
        // A table that repeats a chart goes behind a disclosure (and stays in CSV and JSON).
        std::string tables;
        for (const auto& t : s.tables) {
            if (s.tables.size() > 1 || t.title != s.title)
                tables += "<h3>" + escape_html(t.title) + "</h3>\n";
            tables += table_html(t);
        }
        if (charted && !tables.empty()) {
            out += "<details class=\"data\"><summary>Data</summary>\n" + tables + "</details>\n";
        } else {
            out += tables;
        }
        out += "</section>\n";
    }
    return out;
}

std::string report_html(const Report& r) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
        "'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + escape_html(r.title) + "</title>\n<style>" + page_css(print_header_text(r)) +
           "</style>\n</head>\n<body>\n";
    out += "<header>\n<h1>" + escape_html(r.title) + "</h1>\n" + report_meta_html(r) +
           "</header>\n<main>\n";
    out += report_sections_html(r);
    out += "</main>\n<footer>Made by collab from the records in the store; every date is as of " +
           r.today.str() + ".</footer>\n</body>\n</html>\n";
    return out;
}

}  // namespace collab
