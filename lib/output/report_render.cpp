#include "output/report_render.h"

#include <fmt/format.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "escape/escape.h"
#include "output/table.h"
#include "output/xlsx.h"
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
            // An absent number (empty) keeps its column numeric.
            if (!row[c].number && row[c].type != CellType::Number) right[c] = false;
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

std::string json_key(std::string_view title) {
    std::string out;
    for (const char ch : title) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) && c < 0x80) {
            out += static_cast<char>(std::tolower(c));
        } else if (!out.empty() && out.back() != '_') {
            out += '_';
        }
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out.empty() ? "column" : out;
}

nlohmann::ordered_json report_cell_json(const Cell& c) {
    using json = nlohmann::ordered_json;
    const auto ref = [](const Ref& r) {
        return json{{"id", r.id}, {"name", r.name.empty() ? json(nullptr) : json(r.name)}};
    };
    if (c.null && c.type != CellType::Refs && c.type != CellType::List) return nullptr;
    switch (c.type) {
        case CellType::Number:
            if (!c.number) return nullptr;
            return *c.number == static_cast<double>(static_cast<long long>(*c.number))
                       ? json(static_cast<long long>(*c.number))
                       : json(*c.number);
        case CellType::Boolean:
            return c.text.empty() ? json(nullptr) : json(c.flag);
        case CellType::Ref:
            return c.refs.empty() ? json(nullptr) : ref(c.refs.front());
        case CellType::Refs: {
            json a = json::array();
            for (const Ref& r : c.refs) a.push_back(ref(r));
            return a;
        }
        case CellType::List:
            return c.items;
        case CellType::Text:
        case CellType::Date:
            break;
    }
    return c.text.empty() ? json(nullptr) : json(c.text);
}

std::string report_json(const Report& r) {
    using json = nlohmann::ordered_json;
    const auto date = [](const std::optional<Date>& d) {
        return d ? json(d->str()) : json(nullptr);
    };
    json doc;
    doc["report"] = r.name;
    doc["json_version"] = report_json_version;
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
        js["note"] = s.note.empty() ? json(nullptr) : json(s.note);
        json facts = json::object();
        for (const auto& f : s.facts) facts[f.key] = report_cell_json(f.value);
        js["facts"] = std::move(facts);
        json tables = json::array();
        for (const auto& t : s.tables) {
            const std::size_t first = t.spread ? t.spread->first : t.columns.size();
            const std::size_t last = t.spread ? first + t.spread->count : first;
            json jt;
            jt["key"] = t.key;
            jt["title"] = t.title;
            json columns = json::array();
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                if (c == first && t.spread)
                    columns.push_back({{"key", t.spread->key}, {"title", t.spread->key}});
                if (c < first || c >= last)
                    columns.push_back({{"key", json_key(t.columns[c])}, {"title", t.columns[c]}});
            }
            jt["columns"] = std::move(columns);
            json rows = json::array();
            for (const auto& row : t.rows) {
                json jr = json::object();
                for (std::size_t c = 0; c < row.size() && c < t.columns.size(); ++c) {
                    if (c == first && t.spread) jr[t.spread->key] = json::array();
                    if (c >= first && c < last) {
                        jr[t.spread->key].push_back(
                            {{t.spread->name_key, t.columns[c]},
                             {t.spread->value_key, report_cell_json(row[c])}});
                    } else {
                        jr[json_key(t.columns[c])] = report_cell_json(row[c]);
                    }
                }
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
                jg["spans"].push_back({{"kind", kind_name(sp.kind)},
                                       {"id", sp.id},
                                       {"label", sp.label},
                                       {"status", sp.status},
                                       {"start", sp.start.str()},
                                       {"end", date(sp.end)},
                                       {"marker", date(sp.marker)}});
            }
            charts.push_back(std::move(jg));
        }
        js["charts"] = std::move(charts);
        sections.push_back(std::move(js));
    }
    doc["sections"] = std::move(sections);
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string report_xlsx(const Report& r, const ReportStyle& style) {
    Table facts{{"section", "fact", "value"}, {}};
    // Values are mostly counts: numbers where they read as one, dates, else text.
    std::vector<ColumnKind> fact_types{ColumnKind::Text, ColumnKind::Text, ColumnKind::Number};
    facts.rows.push_back({"", "report", r.title});
    facts.rows.push_back({"", "store", r.store_name});
    facts.rows.push_back({"", "today", r.today.str()});
    if (!r.filter.empty()) facts.rows.push_back({"", "filter", r.filter});
    for (const auto& s : r.sections) {
        if (s.audience == ReportSection::Audience::reader) continue;  // the HTML page's alone
        for (const auto& f : s.facts) {
            facts.rows.push_back({s.title, f.label, f.value.text});
        }
    }
    std::vector<Table> tables;
    std::vector<const ReportTable*> sources;
    for (const auto& s : r.sections) {
        if (s.audience == ReportSection::Audience::reader) continue;
        for (const auto& t : s.tables) {
            tables.push_back(plain(t));
            sources.push_back(&t);
        }
    }
    // The CSV form, when it is none of the tables (areas' long form, expiring's sections in
    // one), is a sheet too, so the workbook holds what `--format csv` gives, cell for cell.
    if (r.flat) {
        Table flat = plain(*r.flat);
        const bool shown = std::any_of(tables.begin(), tables.end(), [&](const Table& t) {
            return t.headers == flat.headers && t.rows == flat.rows;
        });
        if (!shown) {
            tables.push_back(std::move(flat));
            sources.push_back(&*r.flat);
        }
    }
    std::vector<XlsxSheet> sheets{{"Facts", &facts, fact_types}};
    for (std::size_t i = 0; i < tables.size(); ++i) {
        XlsxSheet sheet{sources[i]->title, &tables[i], {}};
        // The report's column types (report JSON v2's) where it gives them: numbers and dates
        // typed in the sheet; otherwise a column whose cells are all counts is a number column.
        const auto numeric = numeric_columns(*sources[i]);
        for (std::size_t c = 0; c < numeric.size(); ++c) {
            const auto& types = sources[i]->types;
            const CellType type = c < types.size() ? types[c] : CellType::Text;
            sheet.types.push_back(type == CellType::Number || numeric[c] ? ColumnKind::Number
                                  : type == CellType::Date               ? ColumnKind::Date
                                                                         : ColumnKind::Auto);
        }
        sheets.push_back(std::move(sheet));
    }
    return render_xlsx(sheets, style.warn);
}

std::string render_report(std::string_view format, const Report& report, const ReportStyle& style) {
    if (format == "xlsx") return report_xlsx(report, style);
    if (format == "md") return report_markdown(report);
    if (format == "json") return report_json(report);
    if (format == "html") return report_html(report);
    if (is_tabular(format)) {
        if (!report.flat) {
            throw UsageError(fmt::format("the {} report has no single table, so it has no {} form",
                                         report.name, format),
                             // A spreadsheet is what a user asking for CSV wants (issue 18):
                             // xlsx gives every table, one sheet each.
                             fmt::format("for a spreadsheet, -o {}.xlsx (a sheet per table); "
                                         "--format json for scripts, md or html for people",
                                         report.name));
        }
        TableStyle ts;
        ts.formula_guard = style.formula_guard;
        return render_tabular(format, plain(*report.flat), ts);
    }
    return report_text(report, style);
}

}  // namespace collab
