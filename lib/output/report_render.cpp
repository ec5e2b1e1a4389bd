#include "output/report_render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "escape/escape.h"
#include "output/table.h"
#include "util/errors.h"
#include "util/utf8.h"

namespace collab {

namespace {

Table plain(const ReportTable& t) {
    Table out{t.columns, {}};
    for (const auto& row : t.rows) {
        std::vector<std::string> cells;
        for (const auto& c : row) cells.push_back(c.text);
        out.rows.push_back(std::move(cells));
    }
    return out;
}

std::vector<bool> numeric_columns(const ReportTable& t) {
    std::vector<bool> right(t.columns.size(), !t.rows.empty());
    for (const auto& row : t.rows) {
        for (std::size_t c = 0; c < row.size() && c < right.size(); ++c) {
            if (!row[c].number) right[c] = false;
        }
    }
    return right;
}

std::string header_line(const Report& r) {
    std::string line = fmt::format("store: {} · today: {}", r.store_name, r.today.str());
    if (!r.filter.empty()) line += " · filter: " + r.filter;
    return line;
}

}  // namespace

std::string report_text(const Report& r, const ReportStyle& style) {
    const auto bold = [&](const std::string& s) {
        return style.color ? "\033[1m" + s + "\033[0m" : s;
    };
    std::string out = bold(terminal_text(r.title)) + "\n" + terminal_text(header_line(r)) + "\n";
    for (const auto& s : r.sections) {
        if (s.audience == ReportSection::Audience::reader) continue;  // the HTML page's alone
        out += "\n" + bold(terminal_text(s.title)) + "\n";
        if (!s.note.empty()) out += terminal_text(s.note) + "\n";
        std::size_t width = 0;
        for (const auto& f : s.facts) width = std::max(width, display_width(f.label));
        for (const auto& f : s.facts) {
            out += "  " + terminal_text(f.label) + ":" +
                   std::string(width - display_width(f.label) + 1, ' ') +
                   terminal_text(f.value.text) + "\n";
        }
        for (const auto& t : s.tables) {
            if (s.tables.size() > 1 || t.title != s.title)
                out += "\n  " + terminal_text(t.title) + "\n";
            if (t.rows.empty()) {
                out += "  (none)\n";
                continue;
            }
            TableStyle ts;
            ts.right_align = numeric_columns(t);
            std::string rendered = render_tabular("table", plain(t), ts);
            std::size_t start = 0;
            while (start < rendered.size()) {
                const auto nl = rendered.find('\n', start);
                out += "  " + rendered.substr(start, nl - start) + "\n";
                start = nl + 1;
            }
        }
    }
    return out;
}

std::string report_markdown(const Report& r) {
    std::string out =
        "# " + markdown_cell(r.title) + "\n\n_" + markdown_cell(header_line(r)) + "_\n";
    for (const auto& s : r.sections) {
        if (s.audience == ReportSection::Audience::reader) continue;  // the HTML page's alone
        out += "\n## " + markdown_cell(s.title) + "\n\n";
        // Section notes are collab's own sentences, with code spans on purpose; the only
        // values in them are dates and durations collab formatted itself.
        if (!s.note.empty()) out += printable(s.note, " ") + "\n\n";
        for (const auto& f : s.facts)
            out += "- **" + markdown_cell(f.label) + "**: " + markdown_cell(f.value.text) + "\n";
        if (!s.facts.empty()) out += "\n";
        for (const auto& t : s.tables) {
            if (s.tables.size() > 1 || t.title != s.title)
                out += "### " + markdown_cell(t.title) + "\n\n";
            if (t.rows.empty()) {
                out += "_none_\n\n";
                continue;
            }
            const auto right = numeric_columns(t);
            out += "|";
            for (const auto& c : t.columns) out += " " + markdown_cell(c) + " |";
            out += "\n|";
            for (std::size_t c = 0; c < t.columns.size(); ++c)
                out += right[c] ? " ---: |" : " --- |";
            out += "\n";
            for (const auto& row : t.rows) {
                out += "|";
                for (const auto& cell : row) out += " " + markdown_cell(cell.text) + " |";
                out += "\n";
            }
            out += "\n";
        }
    }
    // One blank line between blocks, one newline at the end.
    for (std::size_t p; (p = out.find("\n\n\n")) != std::string::npos;) out.erase(p, 1);
    while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
        out.pop_back();
    return out;
}

std::string report_json(const Report& r) {
    using json = nlohmann::ordered_json;
    const auto cell = [](const Cell& c) -> json {
        if (c.number)
            return *c.number == static_cast<double>(static_cast<long long>(*c.number))
                       ? json(static_cast<long long>(*c.number))
                       : json(*c.number);
        return c.text;
    };
    json doc;
    doc["report"] = r.name;
    doc["title"] = r.title;
    doc["store"] = r.store_name;
    doc["today"] = r.today.str();
    doc["filter"] = r.filter.empty() ? json(nullptr) : json(r.filter);
    json sections = json::array();
    for (const auto& s : r.sections) {
        if (s.audience == ReportSection::Audience::reader) continue;  // the HTML page's alone
        json js;
        js["key"] = s.key;
        js["title"] = s.title;
        if (!s.note.empty()) js["note"] = s.note;
        json facts = json::object();
        for (const auto& f : s.facts) facts[f.key] = cell(f.value);
        js["facts"] = std::move(facts);
        json tables = json::array();
        for (const auto& t : s.tables) {
            json jt;
            jt["key"] = t.key;
            jt["title"] = t.title;
            jt["columns"] = t.columns;
            json rows = json::array();
            for (const auto& row : t.rows) {
                json jr = json::object();
                for (std::size_t c = 0; c < row.size() && c < t.columns.size(); ++c)
                    jr[t.columns[c]] = cell(row[c]);
                rows.push_back(std::move(jr));
            }
            jt["rows"] = std::move(rows);
            tables.push_back(std::move(jt));
        }
        js["tables"] = std::move(tables);
        json charts = json::array();
        for (const auto& b : s.bars) {
            json jb{{"type", "bars"}, {"title", b.title}, {"bars", json::array()}};
            for (const auto& bar : b.bars)
                jb["bars"].push_back({{"label", bar.label}, {"value", bar.value}});
            charts.push_back(std::move(jb));
        }
        if (s.gantt) {
            json jg{{"type", "gantt"}, {"title", s.gantt->title}, {"spans", json::array()}};
            for (const auto& sp : s.gantt->spans) {
                jg["spans"].push_back(
                    {{"kind", kind_name(sp.kind)},
                     {"id", sp.id},
                     {"label", sp.label},
                     {"status", sp.status},
                     {"start", sp.start.str()},
                     {"end", sp.end ? json(sp.end->str()) : json(nullptr)},
                     {"marker", sp.marker ? json(sp.marker->str()) : json(nullptr)}});
            }
            charts.push_back(std::move(jg));
        }
        js["charts"] = std::move(charts);
        sections.push_back(std::move(js));
    }
    doc["sections"] = std::move(sections);
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string render_report(std::string_view format, const Report& report, const ReportStyle& style) {
    if (format == "md") return report_markdown(report);
    if (format == "json") return report_json(report);
    if (format == "html") return report_html(report);
    if (is_tabular(format)) {
        if (!report.flat) {
            throw UsageError(fmt::format("the {} report has no single table, so it has no {} form",
                                         report.name, format),
                             "use --format json for scripts, or md or html for people");
        }
        TableStyle ts;
        ts.formula_guard = style.formula_guard;
        return render_tabular(format, plain(*report.flat), ts);
    }
    return report_text(report, style);
}

}  // namespace collab
