#include "yaml/parse_yaml.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>

#include "util/utf8.h"

namespace collab {

namespace {

// Maps byte offsets of the (normalised) text to 1-based lines and character columns.
class LineIndex {
  public:
    explicit LineIndex(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') starts_.push_back(i + 1);
        }
        // Characters before each block of bytes, so a column costs at most two blocks
        // however long the line: counting from the line's start for every node of a
        // 200 KB flow list was quadratic (issue 15).
        for (std::size_t b = 0, chars = 0; b <= text.size(); b += block) {
            blocks_.push_back(chars);
            chars += count_chars(text.substr(b, block));
        }
    }

    Mark at(std::size_t pos) const {
        pos = std::min(pos, text_.size());
        const auto it = std::upper_bound(starts_.begin(), starts_.end(), pos) - 1;
        const std::size_t start = *it;
        return Mark{static_cast<int>(it - starts_.begin()) + 1,
                    static_cast<int>(chars_before(pos) - chars_before(start)) + 1};
    }

  private:
    static constexpr std::size_t block = 256;
    // count_chars(text_.substr(0, pos)); counting lead bytes is additive over any split.
    std::size_t chars_before(std::size_t pos) const {
        const std::size_t b = pos / block;
        return blocks_[b] + count_chars(text_.substr(b * block, pos - b * block));
    }

    std::string_view text_;
    std::vector<std::size_t> starts_;
    std::vector<std::size_t> blocks_;
};

// Thrown by the event handler to stop at the first construct records may not use.
struct StopParse {
    Diagnostic diagnostic;
};

class TreeBuilder : public YAML::EventHandler {
  public:
    TreeBuilder(std::string_view text, const LineIndex& lines) : text_(text), lines_(lines) {}

    std::optional<Node> root;
    std::vector<Diagnostic> diagnostics;

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++documents_ > 1) {
            stop("not-a-record", mark,
                 "a second YAML document starts here; a record file holds exactly one");
        }
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        check_node(mark, anchor, "?");
        Node n;
        n.mark = to_mark(mark);
        add(std::move(n));
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        stop("unsupported-yaml", mark,
             "aliases (*name) are not supported in records; write the value out in full");
    }

    void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
        stop("unsupported-yaml", mark,
             fmt::format("anchors (&{}) are not supported in records; write each value out "
                         "in full",
                         shorten(name)));
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        check_node(mark, anchor, tag);
        check_scalar_source(mark);
        last_scalar_pos_ = mark.pos < 0 ? text_.size() : static_cast<std::size_t>(mark.pos);
        Node n;
        n.type = Node::Type::Scalar;
        n.plain = tag == "?";
        n.mark = to_mark(mark);
        n.text = value;
        add(std::move(n));
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, anchor, tag, Node::Type::Sequence);
    }

    // yaml-cpp 0.7 accepts some invalid YAML: these checks of the source around a node
    // catch the cases the YAML test suite shows (see docs/robustness.md).
    bool in_flow() const { return !stack_.empty() && stack_.back().flow; }

    // Continuation lines of a node in block context must be indented past its collection.
    void check_continuation(std::size_t from, std::size_t to, const YAML::Mark& mark) {
        if (stack_.empty() || in_flow()) return;
        const std::size_t indent = stack_.back().column;
        std::size_t nl = text_.find('\n', from);
        while (nl != std::string_view::npos && nl < to) {
            const std::size_t line = nl + 1;
            // Indentation is spaces only; a tab after them is ordinary white space.
            std::size_t spaces = 0;
            while (line + spaces < text_.size() && text_[line + spaces] == ' ') ++spaces;
            std::size_t blank = spaces;
            while (line + blank < text_.size() &&
                   (text_[line + blank] == ' ' || text_[line + blank] == '\t'))
                ++blank;
            const char first = line + blank < text_.size() ? text_[line + blank] : '\n';
            if (first != '\n' && spaces <= indent && line + spaces < to) {
                throw StopParse{make_diagnostic(
                    "yaml-syntax", lines_.at(line),
                    "this line continues the value that starts on line " +
                        std::to_string(to_mark(mark).line) +
                        " but is not indented past it; indent it or quote the value on one line")};
            }
            nl = text_.find('\n', line);
        }
    }

    void check_scalar_source(const YAML::Mark& mark) {
        if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return;
        const std::size_t start = static_cast<std::size_t>(mark.pos);
        const char first = text_[start];
        if (first == '|' || first == '>') {
            std::size_t i = start + 1;
            while (i < text_.size() &&
                   (text_[i] == '+' || text_[i] == '-' || (text_[i] >= '1' && text_[i] <= '9')))
                ++i;
            if (i < text_.size() && text_[i] == '#') {
                throw StopParse{
                    make_diagnostic("yaml-syntax", lines_.at(i),
                                    "a comment after a block indicator needs a space before '#'")};
            }
            return;
        }
        if (first != '"' && first != '\'') return;
        std::size_t i = start + 1;
        for (;; ++i) {
            if (i >= text_.size()) {
                throw StopParse{
                    make_diagnostic("yaml-syntax", to_mark(mark),
                                    "this quoted string is never closed; add the closing quote")};
            }
            const char c = text_[i];
            if (first == '"' && c == '\\') {
                static constexpr std::string_view valid = "0abt\tnvfre \"/\\N_LPxuU\n";
                if (i + 1 < text_.size() && valid.find(text_[i + 1]) == std::string_view::npos) {
                    throw StopParse{
                        make_diagnostic("yaml-syntax", lines_.at(i),
                                        std::string("'\\") + text_[i + 1] +
                                            "' is not an escape in double quotes; write the "
                                            "character itself, or use single quotes")};
                }
                ++i;
                continue;
            }
            if (first == '\'' && c == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
                ++i;
                continue;
            }
            if (c == first) break;
        }
        const char after = i + 1 < text_.size() ? text_[i + 1] : '\n';
        if (after == '#') {
            throw StopParse{make_diagnostic("yaml-syntax", lines_.at(i + 1),
                                            "a comment needs a space before '#'")};
        }
        check_continuation(start, i, mark);
    }

    // The extent of a [..] or {..} in block context, to check its continuation lines.
    void check_flow_source(const YAML::Mark& mark) {
        if (mark.pos < 0 || in_flow()) return;
        const std::size_t start = static_cast<std::size_t>(mark.pos);
        if (start >= text_.size() || (text_[start] != '[' && text_[start] != '{')) return;
        int depth = 0;
        char quote = 0;
        for (std::size_t i = start; i < text_.size(); ++i) {
            const char c = text_[i];
            if (quote) {
                if (c == '\\' && quote == '"') {
                    ++i;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') quote = c;
            if (c == '#' && i > 0 && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) {
                i = text_.find('\n', i);
                if (i == std::string_view::npos) return;
                continue;
            }
            if (c == '[' || c == '{') ++depth;
            if ((c == ']' || c == '}') && --depth == 0) {
                check_continuation(start, i, mark);
                return;
            }
        }
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, anchor, tag, Node::Type::Mapping);
    }
    void OnMapEnd() override { close(); }

    Mark to_mark(const YAML::Mark& mark) const {
        if (mark.is_null() || mark.pos < 0) return Mark{};
        return lines_.at(static_cast<std::size_t>(mark.pos));
    }

  private:
    struct Frame {
        Node node;
        bool flow = false;       // [..] or {..}: YAML's flow context
        std::size_t column = 0;  // where a block collection starts (bytes = spaces)
        bool have_key = false;
        Entry pending;
        std::size_t key_pos = 0;                     // byte offset of the pending key
        std::unordered_map<std::string, Mark> seen;  // keys of a mapping, for duplicates
    };

    [[noreturn]] void stop(std::string_view code, const YAML::Mark& mark, std::string message) {
        throw StopParse{make_diagnostic(code, to_mark(mark), std::move(message))};
    }

    // Explicit tags are rejected by what the file says at the node, since yaml-cpp reports a
    // non-specific `! x` exactly like a quoted scalar.
    void check_node(const YAML::Mark& mark, YAML::anchor_t anchor, const std::string& tag) {
        if (anchor != 0) stop("unsupported-yaml", mark, "anchors are not supported in records");
        const bool tag_in_text = mark.pos >= 0 &&
                                 static_cast<std::size_t>(mark.pos) < text_.size() &&
                                 text_[mark.pos] == '!';
        if (tag_in_text || (tag != "?" && tag != "!" && !tag.empty())) {
            stop("unsupported-yaml", mark,
                 "explicit tags (such as !!str or !!python/object) are not supported in records; "
                 "remove the tag");
        }
    }

    void open(const YAML::Mark& mark, YAML::anchor_t anchor, const std::string& tag,
              Node::Type type) {
        check_node(mark, anchor, tag);
        check_flow_source(mark);
        if (static_cast<int>(stack_.size()) >= max_nesting) {
            stop(
                "unsupported-yaml", mark,
                fmt::format("nesting deeper than {} levels; records need only a few", max_nesting));
        }
        Frame f;
        f.node.type = type;
        f.node.mark = to_mark(mark);
        const bool at_bracket = mark.pos >= 0 &&
                                static_cast<std::size_t>(mark.pos) < text_.size() &&
                                (text_[mark.pos] == '[' || text_[mark.pos] == '{');
        f.flow = in_flow() || at_bracket;
        f.column = mark.column < 0 ? 0 : static_cast<std::size_t>(mark.column);
        stack_.push_back(std::move(f));
    }

    void close() {
        Node done = std::move(stack_.back().node);
        stack_.pop_back();
        add(std::move(done));
    }

    void add(Node n) {
        if (stack_.empty()) {
            root = std::move(n);
            return;
        }
        Frame& top = stack_.back();
        if (top.node.is_sequence()) {
            top.node.items.push_back(std::move(n));
            return;
        }
        if (!top.have_key) {
            take_key(top, std::move(n));
            return;
        }
        top.have_key = false;
        // An empty value has no position of its own; yaml-cpp gives the next token's.
        if (n.is_null()) {
            n.mark = top.pending.key_mark;
            require_colon(top);
        }
        top.pending.value = std::move(n);
        auto [it, fresh] = top.seen.emplace(top.pending.key, top.pending.key_mark);
        if (!fresh) {
            auto d = make_diagnostic(
                "duplicate-key", top.pending.key_mark,
                fmt::format("key '{}' appears twice in this mapping (first on line {}); keep one",
                            shorten(top.pending.key), it->second.line),
                top.pending.key);
            diagnostics.push_back(std::move(d));
            return;  // the first occurrence stays
        }
        top.node.entries.push_back(std::move(top.pending));
    }

    void take_key(Frame& top, Node key) {
        if (!key.is_scalar()) {
            throw StopParse{
                make_diagnostic("unsupported-yaml", key.mark,
                                "a key must be a plain word, not " + std::string(key.type_name()))};
        }
        if (key.plain && key.text == "<<") {
            throw StopParse{make_diagnostic(
                "unsupported-yaml", key.mark,
                "merge keys (<<) are not supported in records; write the fields out in full")};
        }
        top.pending = Entry{std::move(key.text), key.mark, Node{}};
        top.key_pos = last_scalar_pos_;
        top.have_key = true;
    }

    // yaml-cpp turns a stray word on its own line into a key with no value; in a block
    // mapping a key must be followed by ':'.
    void require_colon(const Frame& top) {
        if (top.flow || !top.pending.value.is_null()) return;
        std::size_t i = top.key_pos;
        if (i >= text_.size() || text_[i] == '"' || text_[i] == '\'' || text_[i] == '?') return;
        // An explicit key (`? a`) may have its ':' on a later line, or none.
        std::size_t back = i;
        while (back > 0 && (text_[back - 1] == ' ' || text_[back - 1] == '\t')) --back;
        if (back > 0 && text_[back - 1] == '?') return;
        i += top.pending.key.size();
        while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
        if (i < text_.size() && text_[i] == ':') return;
        throw StopParse{make_diagnostic(
            "yaml-syntax", top.pending.key_mark,
            "'" + shorten(top.pending.key) +
                "' stands alone on its line; a field is `key: value` (is a ':' missing, "
                "or is the line indented wrongly?)")};
    }

    std::string_view text_;
    const LineIndex& lines_;
    std::vector<Frame> stack_;
    int documents_ = 0;
    std::size_t last_scalar_pos_ = 0;
};

std::string syntax_message(const std::string& what) {
    struct Hint {
        std::string_view starts;
        std::string_view hint;
    };
    static constexpr Hint hints[] = {
        {"illegal map value",
         "a value contains ': ' or the indentation is off; quote the value or fix the indentation"},
        {"end of map not found", "check the indentation of the lines above"},
        {"end of sequence not found", "check the indentation of the lines above"},
        {"end of sequence flow not found", "a list opened with '[' is not closed with ']'"},
        {"end of map flow not found", "a mapping opened with '{' is not closed with '}'"},
        {"unknown escape character",
         "inside double quotes write a backslash as \\\\, or use single quotes"},
        {"illegal tab", "indent with spaces, not tabs"},
        {"block sequence entries are not allowed",
         "a '- item' list cannot follow a value on the same key; check the indentation"},
    };
    for (const auto& h : hints) {
        if (what.starts_with(h.starts)) return fmt::format("invalid YAML: {}; {}", what, h.hint);
    }
    return "invalid YAML: " + what;
}

// `<<<<<<< `, `=======` and `>>>>>>> ` lines left by an unresolved git merge.
std::optional<std::size_t> find_conflict_marker(std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        const auto marker = [&](std::string_view m) {
            return line.starts_with(m) && (line.size() == m.size() || line[m.size()] == ' ');
        };
        if (line == "=======" || marker("<<<<<<<") || marker(">>>>>>>")) return start;
        if (end == text.size()) break;
        start = end + 1;
    }
    return std::nullopt;
}

// The first tab in the leading whitespace of a line, among lines 0..last_line (0-based; -1:
// all), the error's line and the one after it (yaml-cpp may stop on the line before):
// YAML indents with spaces only (YAML 1.2 §6.1), and yaml-cpp then reports something
// unrelated ("illegal block entry", "end of map not found"), so the tab is named instead.
std::optional<std::size_t> tab_in_indentation(std::string_view text, int last_line) {
    std::size_t start = 0;
    for (int line = 0; start < text.size() && (last_line < 0 || line <= last_line); ++line) {
        std::size_t i = start;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
            if (text[i] == '\t') return i;
            ++i;
        }
        const std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return std::nullopt;
}

// CRLF and a lone CR (old Mac files) both end a line for YAML; as LF our line numbers
// agree with the parser's.
std::string normalise_line_ends(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') continue;
            out += '\n';
            continue;
        }
        out += text[i];
    }
    return out;
}

}  // namespace

ParsedYaml parse_yaml(std::string_view bytes) {
    ParsedYaml result;
    const auto fail = [&](std::string_view code, Mark mark, std::string message) {
        result.diagnostics.push_back(make_diagnostic(code, mark, std::move(message)));
        return std::move(result);
    };

    // Every leading BOM: yaml-cpp drops one more itself, and its positions would then run
    // three bytes behind the text we index.
    while (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
        return fail("yaml-syntax", LineIndex(bytes.substr(0, nul)).at(nul),
                    "the file contains a NUL byte; it looks like a binary file, not YAML");
    }
    if (const auto bad = first_invalid_utf8(bytes)) {
        return fail("yaml-syntax", LineIndex(bytes.substr(0, *bad)).at(*bad),
                    fmt::format("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                                static_cast<unsigned char>(bytes[*bad])));
    }
    const std::string text = normalise_line_ends(bytes);
    const LineIndex lines(text);
    if (const auto conflict = find_conflict_marker(text)) {
        return fail("merge-conflict", lines.at(*conflict),
                    "unresolved git merge conflict; keep one side and remove the <<<<<<<, "
                    "======= and >>>>>>> lines");
    }

    TreeBuilder builder(text, lines);
    try {
        std::istringstream in(text);
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (StopParse& stop) {
        result.diagnostics = std::move(builder.diagnostics);
        result.diagnostics.push_back(std::move(stop.diagnostic));
        return result;
    } catch (const YAML::DeepRecursion& e) {
        result.diagnostics = std::move(builder.diagnostics);
        return fail("unsupported-yaml", builder.to_mark(e.mark),
                    "nesting too deep; records need only a few levels");
    } catch (const YAML::Exception& e) {
        result.diagnostics = std::move(builder.diagnostics);
        if (const auto tab = tab_in_indentation(text, e.mark.line < 0 ? -1 : e.mark.line + 1)) {
            return fail("yaml-syntax", lines.at(*tab),
                        "a tab in the indentation: YAML indents with spaces only; replace the "
                        "tab with spaces");
        }
        return fail("yaml-syntax", builder.to_mark(e.mark), syntax_message(e.msg));
    }
    result.diagnostics = std::move(builder.diagnostics);
    if (!builder.root || builder.root->is_null()) {
        return fail("not-a-record", Mark{},
                    "the file holds no fields; a record is a mapping of `key: value` lines");
    }
    if (!builder.root->is_mapping()) {
        return fail("not-a-record", Mark{},
                    fmt::format("the file holds {}, but a record must be a mapping of "
                                "`key: value` lines",
                                builder.root->type_name()));
    }
    result.root = std::move(builder.root);
    return result;
}

}  // namespace collab
