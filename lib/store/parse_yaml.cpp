#include "store/parse_yaml.h"

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
    }

    Mark at(std::size_t pos) const {
        pos = std::min(pos, text_.size());
        const auto it = std::upper_bound(starts_.begin(), starts_.end(), pos) - 1;
        const std::size_t start = *it;
        return Mark{static_cast<int>(it - starts_.begin()) + 1,
                    static_cast<int>(count_chars(text_.substr(start, pos - start))) + 1};
    }

  private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
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
        bool have_key = false;
        Entry pending;
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
        if (static_cast<int>(stack_.size()) >= max_nesting) {
            stop(
                "unsupported-yaml", mark,
                fmt::format("nesting deeper than {} levels; records need only a few", max_nesting));
        }
        Frame f;
        f.node.type = type;
        f.node.mark = to_mark(mark);
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
        if (n.is_null()) n.mark = top.pending.key_mark;
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
        top.have_key = true;
    }

    std::string_view text_;
    const LineIndex& lines_;
    std::vector<Frame> stack_;
    int documents_ = 0;
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

std::string normalise_line_ends(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
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

    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
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
