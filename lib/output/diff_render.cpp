#include "output/diff_render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "escape/escape.h"

namespace collab {

namespace {

std::string counts(const StoreDiff& diff) {
    if (diff.empty()) return "no changes";
    std::vector<std::string> parts;
    for (ChangeType t :
         {ChangeType::Added, ChangeType::Removed, ChangeType::Renamed, ChangeType::Changed}) {
        if (const int n = diff.count(t))
            parts.push_back(fmt::format("{} {}", n, change_type_name(t)));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

// One field change in words: `status: active -> expired`, `parties: +zju-sah -zju-fah`.
std::string describe(const FieldChange& f, const auto& quote) {
    if (f.reordered) return fmt::format("{}: reordered", quote(f.field));
    if (f.is_list()) {
        std::string out = quote(f.field) + ":";
        for (const auto& a : f.added) out += " +" + quote(a);
        for (const auto& r : f.removed) out += " -" + quote(r);
        return out;
    }
    const std::string before = f.before.empty() ? "(none)" : quote(f.before);
    const std::string after = f.after.empty() ? "(none)" : quote(f.after);
    return fmt::format("{}: {} -> {}", quote(f.field), before, after);
}

std::string heading(const RecordChange& c) {
    if (c.type == ChangeType::Renamed) return fmt::format("{} {} -> {}", c.kind, c.old_id, c.id);
    return fmt::format("{} {}", c.kind, c.id);
}

}  // namespace

std::string diff_text(const StoreDiff& diff, const DiffSides& sides, bool color) {
    const auto paint = [&](std::string_view code, const std::string& text) {
        return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
    };
    const auto plain = [](const std::string& s) { return terminal_text(s); };
    std::string out = fmt::format("{} -> {}: {}\n", terminal_text(sides.from),
                                  terminal_text(sides.to), counts(diff));
    for (const RecordChange& c : diff.changes) {
        const std::string_view tone = c.type == ChangeType::Added     ? "32"
                                      : c.type == ChangeType::Removed ? "31"
                                                                      : "33";
        std::string line = paint(tone, fmt::format("{:<8}", change_type_name(c.type))) + " " +
                           paint("1", terminal_text(heading(c)));
        if (!c.label.empty()) line += "  " + terminal_text(c.label);
        out += line + "\n";
        if (!c.old_file.empty() && c.old_file != c.file) {
            out += fmt::format("           file: {} -> {}\n", terminal_text(c.old_file),
                               terminal_text(c.file));
        }
        for (const FieldChange& f : c.fields) out += "           " + describe(f, plain) + "\n";
    }
    return out;
}

std::string diff_markdown(const StoreDiff& diff, const DiffSides& sides) {
    // Record text goes into inline code, where Markdown means nothing (markdown_code).
    const auto code = [](const std::string& s) { return markdown_code(s); };
    std::string out = fmt::format("### collab diff: {}\n\n", markdown_cell(counts(diff)));
    const auto side = [&](const std::string& s) { return s.starts_with("the ") ? s : code(s); };
    out += fmt::format("Records changed from {} to {}.\n", side(sides.from), side(sides.to));
    for (ChangeType t :
         {ChangeType::Added, ChangeType::Removed, ChangeType::Renamed, ChangeType::Changed}) {
        if (diff.count(t) == 0) continue;
        std::string title(change_type_name(t));
        title[0] = static_cast<char>(title[0] - 'a' + 'A');
        out += fmt::format("\n**{}**\n\n", title);
        for (const RecordChange& c : diff.changes) {
            if (c.type != t) continue;
            std::string line = fmt::format("- {} {}", c.kind, code(c.id));
            if (t == ChangeType::Renamed) {
                line = fmt::format("- {} {} → {}", c.kind, code(c.old_id), code(c.id));
            }
            if (!c.label.empty()) line += ": " + markdown_text(c.label);
            out += line + "\n";
            if (!c.old_file.empty() && c.old_file != c.file && t != ChangeType::Renamed) {
                out += fmt::format("  - file: {} → {}\n", code(c.old_file), code(c.file));
            }
            for (const FieldChange& f : c.fields) {
                std::string d = describe(f, code);
                for (std::size_t p; (p = d.find(" -> ")) != std::string::npos;)
                    d.replace(p, 4, " → ");
                out += "  - " + d + "\n";
            }
        }
    }
    return out;
}

std::string diff_json(const StoreDiff& diff, const DiffSides& sides) {
    using json = nlohmann::ordered_json;
    json doc;
    doc["from"] = sides.from;
    doc["to"] = sides.to;
    doc["added"] = diff.count(ChangeType::Added);
    doc["removed"] = diff.count(ChangeType::Removed);
    doc["renamed"] = diff.count(ChangeType::Renamed);
    doc["changed"] = diff.count(ChangeType::Changed);
    json changes = json::array();
    for (const RecordChange& c : diff.changes) {
        json j;
        j["change"] = change_type_name(c.type);
        j["kind"] = c.kind;
        j["id"] = c.id;
        if (!c.old_id.empty()) j["old_id"] = c.old_id;
        j["file"] = c.file;
        if (!c.old_file.empty()) j["old_file"] = c.old_file;
        if (!c.label.empty()) j["label"] = c.label;
        json fields = json::array();
        for (const FieldChange& f : c.fields) {
            json jf;
            jf["field"] = f.field;
            if (f.is_list()) {
                jf["added"] = f.added;
                jf["removed"] = f.removed;
                if (f.reordered) jf["reordered"] = true;
            } else {
                jf["before"] = f.before.empty() ? json(nullptr) : json(f.before);
                jf["after"] = f.after.empty() ? json(nullptr) : json(f.after);
            }
            fields.push_back(std::move(jf));
        }
        j["fields"] = std::move(fields);
        changes.push_back(std::move(j));
    }
    doc["changes"] = std::move(changes);
    return doc.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace collab
