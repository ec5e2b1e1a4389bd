// The HTML form of a report: one self-contained page (inline CSS and SVG; no scripts, fonts or
// anything else from the network), with bar charts and a Gantt chart of terms, today marked.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "output/report_render.h"
#include "util/utf8.h"

namespace collab {

namespace {

constexpr std::string_view style = R"(
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0969da; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 20px 0 6px; }
.meta, .note { color: var(--muted); margin: 4px 0 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 16px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-weight: 600; }
table { border-collapse: collapse; margin: 6px 0 16px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
th, td { white-space: nowrap; }
td.long { white-space: normal; min-width: 16em; }
.table-wrap { overflow-x: auto; }
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
)";

std::string number_text(double v) {
    return v == std::floor(v) ? fmt::format("{}", static_cast<long long>(v))
                              : fmt::format("{:.2f}", v);
}

std::string bars_svg(const BarChart& chart) {
    if (chart.bars.empty()) return {};
    const double max = std::max(
        1.0,
        std::max_element(chart.bars.begin(), chart.bars.end(), [](const auto& a, const auto& b) {
            return a.value < b.value;
        })->value);
    const int label_w = 220, bar_w = 440, row_h = 24, top = 28;
    const int height = top + static_cast<int>(chart.bars.size()) * row_h + 8;
    std::string out = fmt::format(
        "<svg class=\"chart bars\" role=\"img\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\">"
        "<title>{}</title>"
        "<text x=\"0\" y=\"16\" font-weight=\"600\">{}</text>",
        label_w + bar_w + 70, height, label_w + bar_w + 70, height, escape_html(chart.title),
        escape_html(chart.title));
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const auto& b = chart.bars[i];
        const int y = top + static_cast<int>(i) * row_h;
        const double w = b.value / max * bar_w;
        out += fmt::format(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" "
            "rx=\"2\"><title>{}: {}</title></rect>"
            "<text x=\"{:.1f}\" y=\"{}\">{}</text>",
            label_w - 8, y + 15, escape_html(truncate_to_width(b.label, 32)), label_w, y + 3, w,
            row_h - 6, escape_html(b.label), number_text(b.value), label_w + w + 6, y + 15,
            number_text(b.value));
    }
    return out + "</svg>\n";
}

std::string gantt_svg(const GanttChart& chart, Date today) {
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
    const int label_w = 260, plot_w = 600, row_h = 24, top = 60;
    const int height = top + static_cast<int>(chart.spans.size()) * row_h + 12;
    const auto x = [&](long days) {
        return label_w + static_cast<double>(days - x0) / static_cast<double>(x1 - x0) * plot_w;
    };
    std::string out = fmt::format(
        "<svg class=\"chart gantt\" role=\"img\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\">"
        "<title>{}</title>"
        "<text x=\"0\" y=\"16\" font-weight=\"600\">{}</text>",
        label_w + plot_w + 10, height, label_w + plot_w + 10, height, escape_html(chart.title),
        escape_html(chart.title));
    for (int year = first_year; year <= last_year; ++year) {
        const double xs = x(Date{year, 1, 1}.days_since_epoch());
        out += fmt::format(
            "<line class=\"axis\" x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\"/>"
            "<text class=\"tick\" x=\"{:.1f}\" y=\"{}\">{}</text>",
            xs, top - 6, xs, height - 8, xs + 3, top - 10, year);
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
    out += fmt::format(
        "<line class=\"today\" x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\"/>"
        "<text class=\"today-label\" x=\"{:.1f}\" y=\"{}\">today {}</text>",
        xt, top - 4, xt, height - 4, xt + 4, 34, today.str());
    return out +
           "</svg>\n<p class=\"legend\">Bars: terms from taking effect (or signing, or start) to "
           "expiry (or end); faded "
           "bars are open-ended. ◆ notice date (expiry minus the renewal notice period). Red line: "
           "today.</p>\n";
}

std::string table_html(const ReportTable& t) {
    if (t.rows.empty()) return "<p class=\"none\">none</p>\n";
    std::string out = "<div class=\"table-wrap\"><table>\n<thead><tr>";
    for (const auto& c : t.columns) out += "<th>" + escape_html(c) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
        out += "<tr>";
        for (const auto& cell : row) {
            // Long text may wrap; ids, dates and numbers stay on one line.
            out += cell.number                     ? "<td class=\"num\">"
                   : display_width(cell.text) > 40 ? "<td class=\"long\">"
                                                   : "<td>";
            out += escape_html(cell.text) + "</td>";
        }
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table></div>\n";
}

}  // namespace

std::string report_html(const Report& r) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
        "'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + escape_html(r.title) + "</title>\n<style>" + std::string(style) +
           "</style>\n</head>\n<body>\n";
    out += "<header>\n<h1>" + escape_html(r.title) +
           "</h1>\n<p class=\"meta\">Store: " + escape_html(r.store_name) +
           " · today: " + r.today.str();
    if (!r.filter.empty()) out += " · filter: <code>" + escape_html(r.filter) + "</code>";
    out += "</p>\n</header>\n";
    for (const auto& s : r.sections) {
        out +=
            "<section id=\"" + escape_html(s.key) + "\">\n<h2>" + escape_html(s.title) + "</h2>\n";
        if (!s.note.empty()) out += "<p class=\"note\">" + escape_html(s.note) + "</p>\n";
        if (!s.facts.empty()) {
            out += "<dl class=\"facts\">\n";
            for (const auto& f : s.facts) {
                out += "<dt>" + escape_html(f.label) + "</dt><dd>" + escape_html(f.value.text) +
                       "</dd>\n";
            }
            out += "</dl>\n";
        }
        for (const auto& b : s.bars) out += bars_svg(b);
        if (s.gantt) out += gantt_svg(*s.gantt, r.today);
        for (const auto& t : s.tables) {
            if (s.tables.size() > 1 || t.title != s.title)
                out += "<h3>" + escape_html(t.title) + "</h3>\n";
            out += table_html(t);
        }
        out += "</section>\n";
    }
    out += "<footer>Made by collab from the records in the store; every date is as of " +
           r.today.str() + ".</footer>\n</body>\n</html>\n";
    return out;
}

}  // namespace collab
