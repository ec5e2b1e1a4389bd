#include "edit/blocks.h"

namespace collab {

namespace {

// The lines of `text` as the loader counts them (LF, CRLF or a lone CR ends a line). A line
// that ended in CRLF keeps its CR at the end, so an edit writes it back byte for byte;
// `eol` is told the file's line ending (that of its first line).
std::vector<std::string> lines_of(std::string_view text, std::string& eol) {
    eol = "\n";
    bool first = true;
    std::vector<std::string> lines;
    std::string line;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
                line += '\r';
            }
            if (first) eol = line.ends_with('\r') ? "\r\n" : "\n";
            first = false;
            lines.push_back(std::move(line));
            line.clear();
            continue;
        }
        line += c;
    }
    if (!line.empty()) {
        // The last line had no line break; it gets the file's own.
        if (eol == "\r\n") line += '\r';
        lines.push_back(std::move(line));
    }
    return lines;
}

// Lines that belong to no value: blank, or a comment starting in the first column.
bool is_filler(const std::string& line) {
    return line.find_first_not_of(" \t\r") == std::string::npos || line.starts_with("#");
}

}  // namespace

std::string BlockFile::text() const {
    std::string out = bom;
    const auto add = [&](const std::vector<std::string>& lines) {
        for (const auto& l : lines) out += l + "\n";
    };
    add(header);
    for (const auto& b : blocks) {
        add(b.leading);
        add(b.body);
    }
    add(trailer);
    return out;
}

Block* BlockFile::find(std::string_view key) {
    for (auto& b : blocks) {
        if (b.key == key) return &b;
    }
    return nullptr;
}

BlockFile split_blocks(std::string_view text, const Node& root) {
    BlockFile file;
    // Every leading BOM, kept to be written back (the loader skips them all).
    while (text.starts_with("\xEF\xBB\xBF")) {
        file.bom += "\xEF\xBB\xBF";
        text.remove_prefix(3);
    }
    const std::vector<std::string> lines = lines_of(text, file.eol);
    std::size_t next = 0;  // the first line not yet given to a block
    for (std::size_t i = 0; i < root.entries.size(); ++i) {
        const Entry& e = root.entries[i];
        const std::size_t key_line = static_cast<std::size_t>(e.key_mark.line - 1);
        std::size_t end = i + 1 < root.entries.size()
                              ? static_cast<std::size_t>(root.entries[i + 1].key_mark.line - 1)
                              : lines.size();
        // Blank and comment lines before the next key are that key's, not this value's.
        while (end > key_line + 1 && is_filler(lines[end - 1])) --end;
        Block b;
        b.key = e.key;
        b.leading.assign(lines.begin() + static_cast<long>(next),
                         lines.begin() + static_cast<long>(key_line));
        b.body.assign(lines.begin() + static_cast<long>(key_line),
                      lines.begin() + static_cast<long>(end));
        file.blocks.push_back(std::move(b));
        next = end;
    }
    file.trailer.assign(lines.begin() + static_cast<long>(std::min(next, lines.size())),
                        lines.end());
    // Comments at the very top that a blank line separates from the first key describe the file.
    if (!file.blocks.empty()) {
        auto& leading = file.blocks.front().leading;
        std::size_t last_blank = leading.size();
        for (std::size_t k = 0; k < leading.size(); ++k) {
            if (leading[k].find_first_not_of(" \t\r") == std::string::npos) last_blank = k;
        }
        if (last_blank < leading.size()) {
            file.header.assign(leading.begin(),
                               leading.begin() + static_cast<long>(last_blank) + 1);
            leading.erase(leading.begin(), leading.begin() + static_cast<long>(last_blank) + 1);
        }
    }
    return file;
}

bool same_meaning(const Node& a, const Node& b) {
    if (a.type != b.type) return false;
    switch (a.type) {
        case Node::Type::Null:
            return true;
        case Node::Type::Scalar:
            return a.text == b.text && a.plain == b.plain;
        case Node::Type::Sequence:
            if (a.items.size() != b.items.size()) return false;
            for (std::size_t i = 0; i < a.items.size(); ++i) {
                if (!same_meaning(a.items[i], b.items[i])) return false;
            }
            return true;
        case Node::Type::Mapping:
            if (a.entries.size() != b.entries.size()) return false;
            for (std::size_t i = 0; i < a.entries.size(); ++i) {
                if (a.entries[i].key != b.entries[i].key ||
                    !same_meaning(a.entries[i].value, b.entries[i].value)) {
                    return false;
                }
            }
            return true;
    }
    return false;
}

}  // namespace collab
