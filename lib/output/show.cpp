#include "output/show.h"

#include <fmt/format.h>

#include "escape/escape.h"
#include "output/record_json.h"
#include "output/table.h"
#include "output/yaml_writer.h"
#include "util/utf8.h"

namespace collab {

namespace {

using json = nlohmann::ordered_json;

// A field's value for reading: scalars as they are, short lists inline, long lists and
// lists of entries one per line.
std::vector<std::string> value_lines(const Node& v) {
    std::vector<std::string> lines;
    switch (v.type) {
        case Node::Type::Null:
            return {""};
        case Node::Type::Scalar: {
            std::string text = v.text;
            while (!text.empty() && text.back() == '\n') text.pop_back();
            std::size_t start = 0;
            while (true) {
                const auto nl = text.find('\n', start);
                lines.push_back(text.substr(start, nl - start));
                if (nl == std::string::npos) break;
                start = nl + 1;
            }
            return lines;
        }
        case Node::Type::Mapping: {
            std::string pairs;
            for (const Entry& e : v.entries) {
                const auto inner = value_lines(e.value);
                pairs += (pairs.empty() ? "" : ", ") + e.key + ": " +
                         (inner.empty() ? "" : inner.front());
            }
            return {pairs};
        }
        case Node::Type::Sequence: {
            std::string inline_text;
            bool simple = true;
            for (const Node& item : v.items) {
                if (!item.is_scalar()) simple = false;
                inline_text += (inline_text.empty() ? "" : ", ") + item.text;
            }
            if (simple && display_width(inline_text) <= 60) return {inline_text};
            for (const Node& item : v.items) lines.push_back("- " + value_lines(item).front());
            return lines;
        }
    }
    return lines;
}

std::string render_text(const Record& record, std::span<const RelatedSection> sections,
                        const ShowStyle& style) {
    const auto bold = [&](const std::string& s) {
        return style.color ? "\033[1m" + s + "\033[0m" : s;
    };
    std::string out =
        bold(fmt::format("{} {}", kind_name(record.kind), terminal_text(record.id))) + "\n";
    const std::string label = label_of(record);
    if (!label.empty()) out += terminal_text(label) + "\n";
    out += record.file + "\n\n";

    std::size_t key_width = 0;
    for (const Entry& e : record.root.entries)
        key_width = std::max(key_width, display_width(e.key));
    // The name or title is the heading already.
    const std::string_view label_key =
        record.kind == Kind::Partner || record.kind == Kind::Person ? "name" : "title";
    for (const Entry& e : record.root.entries) {
        if (e.key == "id" || e.key == label_key) continue;
        const auto lines = value_lines(e.value);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const std::string key = i == 0 ? e.key : "";
            out += "  " + key + std::string(key_width - display_width(key) + 2, ' ') +
                   terminal_text(lines[i]);
            while (!out.empty() && out.back() == ' ') out.pop_back();
            out += "\n";
        }
    }
    for (const auto& s : sections) {
        if (s.items.empty()) continue;
        out += "\n" + bold(s.title) + "\n";
        Table table;
        table.headers = {"", "", ""};
        for (const auto& item : s.items) table.rows.push_back({item.id, item.label, item.detail});
        // Drop the (empty) header line of the table and indent the rows.
        std::string rows = render_table(table);
        rows = rows.substr(rows.find('\n') + 1);
        std::size_t start = 0;
        while (start < rows.size()) {
            const auto nl = rows.find('\n', start);
            std::string line = rows.substr(start, nl - start);
            while (!line.empty() && line.back() == ' ') line.pop_back();
            out += "  " + line + "\n";
            start = nl + 1;
        }
    }
    return out;
}

json render_json(const Record& record, std::span<const RelatedSection> sections) {
    json out = record_json(record);
    json related = json::object();
    for (const auto& s : sections) {
        json items = json::array();
        for (const auto& item : s.items) {
            json i = json::object();
            i["kind"] = kind_name(item.kind);
            i["id"] = item.id;
            i["label"] = item.label;
            i["detail"] = item.detail;
            items.push_back(std::move(i));
        }
        related[s.key] = std::move(items);
    }
    out["related"] = std::move(related);
    return out;
}

}  // namespace

std::string render_show(std::string_view format, const Record& record,
                        std::span<const RelatedSection> sections, const ShowStyle& style) {
    if (format == "json") {
        return render_json(record, sections).dump(-1, ' ', false, json::error_handler_t::replace) +
               "\n";
    }
    if (format == "yaml") return to_yaml(render_json(record, sections));
    return render_text(record, sections, style);
}

}  // namespace collab
