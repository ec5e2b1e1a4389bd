#include "edit/rename.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <vector>

#include "model/refs.h"
#include "model/values.h"
#include "yaml/parse_yaml.h"

namespace collab {

namespace {

// The byte offset of a 1-based line and character column, or npos.
std::size_t offset_of(std::string_view text, Mark mark) {
    std::size_t pos = 0;
    for (int line = 1; line < mark.line; ++line) {
        pos = text.find('\n', pos);
        if (pos == std::string_view::npos) return pos;
        ++pos;
    }
    for (int col = 1; col < mark.column; ++col) {
        if (pos >= text.size() || text[pos] == '\n') return std::string_view::npos;
        ++pos;
        // Skip UTF-8 continuation bytes: columns count characters.
        while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
    }
    return pos;
}

bool id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

// Whether `after` is `before` with only the scalars at `marks` changed from `from` to `to`.
bool same_except(const Node& before, const Node& after, const std::set<Mark>& marks,
                 std::string_view from, std::string_view to) {
    if (before.type != after.type) return false;
    switch (before.type) {
        case Node::Type::Null:
            return true;
        case Node::Type::Scalar:
            if (marks.count(before.mark)) return before.text == from && after.text == to;
            return before.text == after.text && before.plain == after.plain;
        case Node::Type::Sequence:
            if (before.items.size() != after.items.size()) return false;
            for (std::size_t i = 0; i < before.items.size(); ++i) {
                if (!same_except(before.items[i], after.items[i], marks, from, to)) return false;
            }
            return true;
        case Node::Type::Mapping:
            if (before.entries.size() != after.entries.size()) return false;
            for (std::size_t i = 0; i < before.entries.size(); ++i) {
                if (before.entries[i].key != after.entries[i].key ||
                    !same_except(before.entries[i].value, after.entries[i].value, marks, from, to))
                    return false;
            }
            return true;
    }
    return false;
}

}  // namespace

RenameEdit rename_scalars(std::string_view text, const Node& root, const std::vector<Mark>& wanted,
                          std::string_view old_id, std::string_view new_id) {
    RenameEdit out{std::string(text), 0, std::nullopt};
    if (!is_id(new_id)) {
        out.problem = fmt::format("'{}' is not a valid id", new_id);
        return out;
    }
    const std::set<Mark> marks(wanted.begin(), wanted.end());
    if (marks.empty()) return out;
    std::vector<std::size_t> offsets;
    for (const Mark& m : marks) {
        std::size_t pos = offset_of(text, m);
        if (pos != std::string_view::npos && pos < text.size() &&
            (text[pos] == '"' || text[pos] == '\'')) {
            ++pos;
        }
        const bool fits =
            pos != std::string_view::npos && text.substr(pos).starts_with(old_id) &&
            (pos + old_id.size() == text.size() || !id_char(text[pos + old_id.size()]));
        if (!fits) {
            out.problem = fmt::format("line {}, column {} does not hold '{}' as written", m.line,
                                      m.column, old_id);
            return out;
        }
        offsets.push_back(pos);
    }
    std::sort(offsets.rbegin(), offsets.rend());
    for (std::size_t pos : offsets) out.text.replace(pos, old_id.size(), new_id);
    out.replaced = static_cast<int>(offsets.size());

    // The proof: parsed again, only those scalars changed.
    ParsedYaml parsed = parse_yaml(out.text);
    if (!parsed.root || !same_except(root, *parsed.root, marks, old_id, new_id)) {
        out.problem = "the edited file would not mean the same apart from the renamed id";
        out.text = std::string(text);
        out.replaced = 0;
    }
    return out;
}

RenameEdit rename_references(std::string_view text, const Record& record, Kind target,
                             std::string_view old_id, std::string_view new_id, bool own) {
    std::vector<Mark> marks;
    for_each_ref(record, [&](const RefUse& use) {
        if (use.spec.target == target && use.value.text == old_id) marks.push_back(use.value.mark);
    });
    if (own) {
        if (const Node* id = record.root.get("id"); id && id->is_scalar() && id->text == old_id) {
            marks.push_back(id->mark);
        }
    }
    return rename_scalars(text, record.root, marks, old_id, new_id);
}

}  // namespace collab
