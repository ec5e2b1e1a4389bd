// The recursive-descent parser of one filter expression, resolving fields and values.
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/suggest.h"
#include "query/filter.h"
#include "query/lexer.h"

namespace collab {

namespace {

std::string join(std::span<const std::string_view> words) {
    std::string out;
    for (auto w : words) out += (out.empty() ? "" : ", ") + std::string(w);
    return out;
}

std::optional<double> parse_number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

class Parser {
  public:
    Parser(const std::string& text, Kind kind, const FilterContext& context)
        : text_(text), lexer_(text), kind_(kind), context_(context) {}

    Expr parse() {
        if (lexer_.peek().type == Token::Type::End) fail(0, 1, "empty filter expression");
        Expr e = expr();
        const Token t = lexer_.next();
        if (t.type == Token::Type::RParen) fail(t, "unmatched ')'");
        if (t.type != Token::Type::End)
            fail(t, "expected 'and', 'or' or the end of the expression");
        return e;
    }

  private:
    [[noreturn]] void fail(std::size_t position, std::size_t length, const std::string& message,
                           bool suggests = false) {
        throw FilterError(text_, position, std::max<std::size_t>(length, 1), message, suggests);
    }
    [[noreturn]] void fail(const Token& t, const std::string& message, bool suggests = false) {
        fail(t.position, t.length, message, suggests);
    }

    static bool is_keyword(const Token& t, std::string_view word) {
        return t.type == Token::Type::Word && t.text == word;
    }

    Expr combine(Expr::Type type, Expr first, std::string_view keyword, Expr (Parser::*next)()) {
        if (!is_keyword(lexer_.peek(), keyword)) return first;
        Expr e;
        e.type = type;
        e.operands.push_back(std::move(first));
        while (is_keyword(lexer_.peek(), keyword)) {
            lexer_.next();
            e.operands.push_back((this->*next)());
        }
        return e;
    }

    Expr expr() { return combine(Expr::Type::Or, term(), "or", &Parser::term); }

    Expr term() {
        Expr first = factor();
        const Token t = lexer_.peek();
        if (t.type == Token::Type::Word && t.text != "and" && t.text != "or") {
            fail(t, "expected 'and' or 'or' before '" + t.text + "'; join tests with 'and'");
        }
        return combine(Expr::Type::And, std::move(first), "and", &Parser::factor);
    }

    // Each `(` and `not` is one level of recursion here, in evaluation and in explain():
    // bounded, so 10,000 parentheses are an error with a caret, not a stack overflow.
    struct Nesting {
        Parser& parser;
        Nesting(Parser& p, const Token& t) : parser(p) {
            if (++parser.depth_ > max_filter_depth) {
                parser.fail(t, fmt::format("the expression nests deeper than {} levels of "
                                           "parentheses and 'not'",
                                           max_filter_depth));
            }
        }
        ~Nesting() { --parser.depth_; }
    };

    Expr factor() {
        const Token t = lexer_.next();
        if (is_keyword(t, "not")) {
            const Nesting level(*this, t);
            Expr e;
            e.type = Expr::Type::Not;
            e.operands.push_back(factor());
            return e;
        }
        if (t.type == Token::Type::LParen) {
            const Nesting level(*this, t);
            Expr e = expr();
            const Token close = lexer_.next();
            if (close.type != Token::Type::RParen)
                fail(close, "expected ')' to close the '(' here");
            return e;
        }
        if (t.type == Token::Type::Word && t.text != "and" && t.text != "or") return test(t);
        if (t.type == Token::Type::End)
            fail(t, "the expression ends too early: expected a field name");
        fail(t, "expected a field name, 'not' or '('");
    }

    Expr test(const Token& field_token) {
        Expr e;
        e.type = Expr::Type::Test;
        e.field = field(field_token);
        const Token next = lexer_.peek();
        if (next.type == Token::Type::Op) {
            lexer_.next();
            e.op = op_of(next.text);
            e.value = value(e.field, e.op, next);
        } else if (is_keyword(next, "under")) {
            lexer_.next();
            e.op = CompareOp::Under;
            if (!e.field.partner_ref) {
                fail(next,
                     fmt::format("'under' follows the partner hierarchy, so it works on partner "
                                 "references (parties, partners, parent, signatories.partner, "
                                 "leads.partner, roles.partner) and a partner's id, not on '{}'",
                                 e.field.text));
            }
            e.value = value(e.field, e.op, next);
        } else if (next.type == Token::Type::Error) {
            fail(next, "expected an operator: = != < <= > >= ~ !~");
        } else if (next.type == Token::Type::Word && next.text != "and" && next.text != "or") {
            fail(next,
                 fmt::format("expected an operator (= != < <= > >= ~ !~) or 'under' after '{}'",
                             e.field.text));
        }
        return e;
    }

    FieldPath field(const Token& t) {
        std::string why;
        std::size_t bad_part = 0;
        bool suggested = false;
        const QueryContext query{context_.index, context_.today};
        auto f = resolve_field(kind_, t.text, &why, &bad_part, &query, &suggested);
        if (!f) {
            // Point at the unknown part of a dotted path.
            std::size_t offset = 0;
            std::size_t part = 0;
            for (std::size_t i = 0; i < t.text.size() && part < bad_part; ++i) {
                if (t.text[i] == '.') {
                    ++part;
                    offset = i + 1;
                }
            }
            const auto end = t.text.find('.', offset);
            fail(t.position + offset, (end == std::string::npos ? t.text.size() : end) - offset,
                 why, suggested);
        }
        return *f;
    }

    static CompareOp op_of(const std::string& op) {
        if (op == "=") return CompareOp::Eq;
        if (op == "!=") return CompareOp::Ne;
        if (op == "<") return CompareOp::Lt;
        if (op == "<=") return CompareOp::Le;
        if (op == ">") return CompareOp::Gt;
        if (op == ">=") return CompareOp::Ge;
        if (op == "~") return CompareOp::Match;
        return CompareOp::NotMatch;
    }

    FilterValue value(const FieldPath& field, CompareOp op, const Token& op_token) {
        const Token t = lexer_.next_value();
        if (t.type == Token::Type::Error) fail(t, "unterminated quoted value");
        if (t.type == Token::Type::End || (t.type == Token::Type::Word && t.text.empty())) {
            fail(t.position, 1, fmt::format("expected a value after '{}'", op_token.text));
        }
        FilterValue v;
        v.text = t.text;
        if (field.whole_object) {
            fail(op_token,
                 fmt::format("'{}' holds entries; compare one of their fields, e.g. {}.{}",
                             field.text, field.text, field.spec->fields.front().name));
        }
        if (op == CompareOp::Match || op == CompareOp::NotMatch) {
            re2::RE2::Options options;
            options.set_case_sensitive(false);
            options.set_log_errors(false);
            auto re = std::make_shared<re2::RE2>(t.text, options);
            if (!re->ok()) fail(t, "bad regular expression: " + re->error());
            v.regex = std::move(re);
            return v;
        }
        if (op == CompareOp::Under) {
            check_id(t, Kind::Partner);
            return v;
        }
        const bool ordering = op != CompareOp::Eq && op != CompareOp::Ne;
        switch (field.comparable) {
            case Comparable::Date:
                date_value(t, v);
                break;
            case Comparable::Number:
                v.number = parse_number(t.text);
                if (!v.number)
                    fail(t, fmt::format("'{}' is not a number; {} compares as a number", t.text,
                                        field.text));
                break;
            case Comparable::Duration: {
                const auto d = parse_duration(t.text);
                if (!d)
                    fail(t,
                         fmt::format("'{}' is not a duration such as 90d, 6w, 3m or 1y", t.text));
                v.duration_days = approximate_days(*d);
                break;
            }
            case Comparable::Bool:
                if (t.text != "true" && t.text != "false") fail(t, "expected true or false");
                break;
            case Comparable::Text:
                if (!ordering) text_value(field, t);
                break;
        }
        return v;
    }

    void date_value(const Token& t, FilterValue& v) {
        std::string why;
        if (t.text.starts_with("today")) {
            Date day = context_.today;
            const std::string rest = t.text.substr(5);
            if (!rest.empty()) {
                const auto d = (rest[0] == '+' || rest[0] == '-') ? parse_duration(rest.substr(1))
                                                                  : std::nullopt;
                if (!d)
                    fail(t,
                         "expected today, or today+N / today-N with d, w, m or y, e.g. today+90d");
                day = add(day, *d, rest[0] == '+' ? 1 : -1);
            }
            v.first_day = v.last_day = day;
            return;
        }
        const auto d = parse_date(t.text, &why);
        if (!d) {
            fail(t, fmt::format("'{}' is not a date: {}; or use today, today+90d, today-1y", t.text,
                                why));
        }
        v.first_day = d->first_day();
        v.last_day = d->last_day();
    }

    // Values that must name something: choices of an enum, ids of records, kinds.
    void text_value(const FieldPath& field, const Token& t) {
        if (field.special == FieldPath::Special::Kind) {
            if (!parse_kind(t.text))
                fail(t, "not a kind: expected partner, person, agreement, project or event");
            return;
        }
        if (field.special == FieldPath::Special::Id) {
            check_id(t, field.leaf_kind);
            return;
        }
        if (!field.next && (field.special == FieldPath::Special::Counterparties ||
                            field.special == FieldPath::Special::TopLevel)) {
            check_id(t, Kind::Partner);
            return;
        }
        if (!field.spec) return;
        if (field.spec->type == ValueType::Enum) {
            const auto& choices = field.spec->choices;
            if (std::find(choices.begin(), choices.end(), t.text) == choices.end()) {
                const std::string hint = did_you_mean(t.text, choices);
                fail(t,
                     fmt::format("'{}' is not a {} value (expected one of {}){}", t.text,
                                 field.text, join(choices), hint),
                     !hint.empty());
            }
        } else if (field.spec->type == ValueType::Ref) {
            check_id(t, field.spec->target);
        }
    }

    void check_id(const Token& t, Kind kind) {
        if (!context_.index) return;
        if (context_.index->find(kind, t.text)) return;
        const std::string hint = did_you_mean(t.text, context_.index->ids(kind));
        fail(t, fmt::format("no {} '{}' in the store{}", kind_name(kind), t.text, hint),
             !hint.empty());
    }

    const std::string& text_;
    int depth_ = 0;
    Lexer lexer_;
    Kind kind_;
    const FilterContext& context_;
};

}  // namespace

Expr parse_expression(const std::string& text, Kind kind, const FilterContext& context) {
    return Parser(text, kind, context).parse();
}

}  // namespace collab
