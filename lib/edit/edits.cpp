#include "edit/edits.h"

#include <fmt/format.h>

#include <algorithm>

#include "edit/blocks.h"
#include "edit/emit.h"
#include "model/schema.h"
#include "yaml/parse_yaml.h"

namespace collab {

namespace {

std::string lines_text(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

const Entry* entry_of(const Node& root, std::string_view key) {
    return root.entry(key);
}

}  // namespace

std::string new_record_text(Kind kind, std::vector<Entry> entries) {
    std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
        return canonical_rank(kind, a.key) < canonical_rank(kind, b.key);
    });
    std::vector<std::string> lines;
    for (const auto& e : entries) {
        for (auto& l : emit_field(e.key, e.value, find_field(fields_of(kind), e.key)))
            lines.push_back(std::move(l));
    }
    return lines_text(lines);
}

EditResult set_fields(std::string_view text, Kind kind, std::span<const Entry> changes,
                      std::span<const std::string> unset) {
    const ParsedYaml before = parse_yaml(text);
    if (!before.root || !before.diagnostics.empty())
        return {std::string(text), "the file has YAML errors; fix them first"};
    BlockFile file = split_blocks(text, *before.root);
    for (const auto& change : changes) {
        auto lines = emit_field(change.key, change.value, find_field(fields_of(kind), change.key));
        // New lines take the file's line ending (a Windows file stays CRLF throughout).
        if (file.eol == "\r\n") {
            for (auto& l : lines) l += '\r';
        }
        if (Block* b = file.find(change.key)) {
            // Keep a comment at the end of a one-line value: `status: active  # since 2024`.
            const Entry* old = entry_of(*before.root, change.key);
            if (b->body.size() == 1 && lines.size() == 1 && old && old->value.is_scalar() &&
                old->value.plain) {
                const std::string& line = b->body.front();
                const auto at = line.find(old->value.text, change.key.size() + 1);
                if (at != std::string::npos) {
                    std::string rest = line.substr(at + old->value.text.size());
                    if (rest.ends_with('\r')) rest.pop_back();
                    const auto hash = rest.find_first_not_of(" \t");
                    if (hash != std::string::npos && hash > 0 && rest[hash] == '#') {
                        const bool cr = lines.front().ends_with('\r');
                        if (cr) lines.front().pop_back();
                        lines.front() += rest + (cr ? "\r" : "");
                    }
                }
            }
            b->body = std::move(lines);
        } else {
            const int rank = canonical_rank(kind, change.key);
            auto at = std::find_if(file.blocks.begin(), file.blocks.end(), [&](const Block& b) {
                return canonical_rank(kind, b.key) > rank;
            });
            Block fresh{change.key, {}, std::move(lines)};
            // Before the first block, after its comments, which describe the file's start.
            if (at == file.blocks.begin() && at != file.blocks.end())
                std::swap(fresh.leading, at->leading);
            file.blocks.insert(at, std::move(fresh));
        }
    }
    for (const auto& key : unset) {
        auto it = std::find_if(file.blocks.begin(), file.blocks.end(),
                               [&](const Block& b) { return b.key == key; });
        if (it == file.blocks.end()) continue;
        // The comments above a removed field stay: nothing the user wrote is dropped.
        auto leading = std::move(it->leading);
        it = file.blocks.erase(it);
        if (it != file.blocks.end()) {
            leading.insert(leading.end(), it->leading.begin(), it->leading.end());
            it->leading = std::move(leading);
        } else {
            file.trailer.insert(file.trailer.begin(), leading.begin(), leading.end());
        }
    }
    EditResult result{file.text(), std::nullopt};
    // Proof: every field not asked for is unchanged, the asked-for ones are there or gone.
    const ParsedYaml after = parse_yaml(result.text);
    if (!after.root || !after.diagnostics.empty()) {
        return {std::string(text), "the edited text would not parse; the file is left as it was"};
    }
    for (const Entry& e : before.root->entries) {
        const bool changed = std::any_of(changes.begin(), changes.end(),
                                         [&](const Entry& c) { return c.key == e.key; });
        const bool removed = std::find(unset.begin(), unset.end(), e.key) != unset.end();
        if (changed || removed) continue;
        const Entry* now = entry_of(*after.root, e.key);
        if (!now || !same_meaning(now->value, e.value)) {
            return {
                std::string(text),
                fmt::format("the edit would change '{}' too; the file is left as it was", e.key)};
        }
    }
    for (const auto& c : changes) {
        if (!entry_of(*after.root, c.key))
            return {std::string(text), "the edit did not take; the file is left as it was"};
    }
    return result;
}

EditResult format_text(std::string_view text, const Rank& rank) {
    const ParsedYaml before = parse_yaml(text);
    if (!before.root || !before.diagnostics.empty())
        return {std::string(text), "has YAML errors; not formatted"};
    BlockFile file = split_blocks(text, *before.root);
    std::stable_sort(file.blocks.begin(), file.blocks.end(),
                     [&](const Block& a, const Block& b) { return rank(a.key) < rank(b.key); });

    // Trailing blanks go; runs of blank lines become one; none at the start or the end.
    std::vector<std::string> lines;
    const auto add = [&](const std::vector<std::string>& part) {
        for (std::string l : part) {
            while (!l.empty() && (l.back() == ' ' || l.back() == '\t' || l.back() == '\r'))
                l.pop_back();
            if (l.empty() && (lines.empty() || lines.back().empty())) continue;
            lines.push_back(std::move(l));
        }
    };
    add(file.header);
    for (const auto& b : file.blocks) {
        add(b.leading);
        add(b.body);
    }
    add(file.trailer);
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    EditResult result{lines_text(lines), std::nullopt};

    // Proof: the same keys with the same values (and the same order inside each value).
    const ParsedYaml after = parse_yaml(result.text);
    bool same = after.root && after.diagnostics.empty() &&
                after.root->entries.size() == before.root->entries.size();
    for (const Entry& e : before.root->entries) {
        if (!same) break;
        const Entry* now = entry_of(*after.root, e.key);
        same = now && same_meaning(now->value, e.value);
    }
    if (!same) {
        return {std::string(text),
                "formatting would change what the file means (trailing blanks inside a text "
                "block?); left as it is"};
    }
    return result;
}

namespace {

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

}  // namespace

std::string unified_diff(std::string_view from_label, std::string_view to_label,
                         std::string_view from, std::string_view to) {
    if (from == to) return {};
    const auto a = split_lines(from);
    const auto b = split_lines(to);
    const std::size_t n = a.size(), m = b.size();
    // Longest common subsequence; record files are small enough for the quadratic table.
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            lcs[i][j] =
                a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    struct Op {
        char kind;  // ' ', '-', '+'
        std::size_t ai, bi;
    };
    std::vector<Op> ops;
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            ops.push_back({' ', i++, j++});
        } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
            // Strictly greater: on a tie the deletion comes first, as diff(1) prints it.
            ops.push_back({'+', i, j++});
        } else {
            ops.push_back({'-', i++, j});
        }
    }
    std::string out = fmt::format("--- {}\n+++ {}\n", from_label, to_label);
    constexpr std::size_t context = 3;
    std::size_t k = 0;
    while (k < ops.size()) {
        if (ops[k].kind == ' ') {
            ++k;
            continue;
        }
        // A hunk: from `context` lines before this change to `context` after the last change
        // that is within 2 * context of the previous one.
        std::size_t start = k > context ? k - context : 0;
        std::size_t end = k;
        while (end < ops.size()) {
            std::size_t next = end;
            while (next < ops.size() && ops[next].kind != ' ') ++next;
            std::size_t gap = next;
            while (gap < ops.size() && ops[gap].kind == ' ') ++gap;
            if (gap < ops.size() && gap - next <= 2 * context) {
                end = gap;
            } else {
                end = std::min(ops.size(), next + context);
                break;
            }
        }
        std::size_t a_count = 0, b_count = 0;
        for (std::size_t x = start; x < end; ++x) {
            if (ops[x].kind != '+') ++a_count;
            if (ops[x].kind != '-') ++b_count;
        }
        out += fmt::format("@@ -{},{} +{},{} @@\n", a_count ? ops[start].ai + 1 : ops[start].ai,
                           a_count, b_count ? ops[start].bi + 1 : ops[start].bi, b_count);
        for (std::size_t x = start; x < end; ++x) {
            out += ops[x].kind;
            out += (ops[x].kind == '+' ? b[ops[x].bi] : a[ops[x].ai]) + "\n";
        }
        k = end;
    }
    return out;
}

}  // namespace collab
