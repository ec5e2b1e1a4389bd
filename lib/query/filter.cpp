#include "query/filter.h"

#include <fmt/format.h>

#include "util/utf8.h"

namespace collab {

std::string_view op_text(CompareOp op) {
    switch (op) {
        case CompareOp::Eq:
            return "=";
        case CompareOp::Ne:
            return "!=";
        case CompareOp::Lt:
            return "<";
        case CompareOp::Le:
            return "<=";
        case CompareOp::Gt:
            return ">";
        case CompareOp::Ge:
            return ">=";
        case CompareOp::Match:
            return "~";
        case CompareOp::NotMatch:
            return "!~";
        case CompareOp::Under:
            return "under";
        case CompareOp::Present:
            return "";
    }
    return "?";
}

namespace {

std::string caret_message(const std::string& expression, std::size_t position, std::size_t length,
                          const std::string& message) {
    // Pad by display width so the caret sits under the problem even after CJK text.
    std::string before;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < expression.size() && chars < position; ++i) {
        before += expression[i];
        if ((static_cast<unsigned char>(expression[i]) & 0xC0) != 0x80) ++chars;
    }
    while (!before.empty() &&
           (static_cast<unsigned char>(expression[before.size()]) & 0xC0) == 0x80) {
        before += expression[before.size()];
    }
    return fmt::format("{}\n  {}\n  {}{}", message, printable(expression),
                       std::string(display_width(printable(before)), ' '),
                       std::string(length, '^'));
}

std::string quoted(const std::string& text) {
    const bool plain = !text.empty() && text.find_first_of(" \t()\"'") == std::string::npos;
    if (plain) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string explain_test(const Expr& e) {
    if (e.op == CompareOp::Present) return e.field.text + " is present";
    const FilterValue& v = e.value;
    if (!v.first_day) return fmt::format("{} {} {}", e.field.text, op_text(e.op), quoted(v.text));
    // Show the day, or the period, that a partial date or today±N stands for.
    std::string op(op_text(e.op));
    std::string value = v.first_day->str();
    if (*v.first_day != *v.last_day) {
        if (e.op == CompareOp::Eq || e.op == CompareOp::Ne) {
            op = e.op == CompareOp::Eq ? "in" : "not in";
            value += ".." + v.last_day->str();
        } else if (e.op == CompareOp::Le || e.op == CompareOp::Gt) {
            value = v.last_day->str();
        }
    }
    if (value != v.text) value += " [" + v.text + "]";
    std::string out = fmt::format("{} {} {}", e.field.text, op, value);
    if (e.field.last_day)
        out += fmt::format(" (a partial {} counts as its last day)", e.field.text);
    return out;
}

std::string explain_expr(const Expr& e, bool nested) {
    switch (e.type) {
        case Expr::Type::Test:
            return explain_test(e);
        case Expr::Type::Not:
            return "not (" + explain_expr(e.operands.front(), false) + ")";
        case Expr::Type::And:
        case Expr::Type::Or: {
            std::string out;
            const char* glue = e.type == Expr::Type::And ? " and " : " or ";
            for (const auto& o : e.operands) {
                if (!out.empty()) out += glue;
                out += explain_expr(o, true);
            }
            return nested ? "(" + out + ")" : out;
        }
    }
    return {};
}

}  // namespace

FilterError::FilterError(const std::string& expression, std::size_t pos, std::size_t length,
                         const std::string& message, bool suggests)
    : UsageError(caret_message(expression, pos, length, message),
                 "filters look like: status=active 'parties under zju' 'expires<today+1y'; see "
                 "docs/query.md"),
      position(pos),
      suggests(suggests) {}

Filter Filter::parse(std::span<const std::string> args, Kind kind, const FilterContext& context) {
    Filter f;
    if (args.empty()) return f;
    std::vector<Expr> parts;
    for (const auto& a : args) parts.push_back(parse_expression(a, kind, context));
    if (parts.size() == 1) {
        f.expr_ = std::move(parts.front());
    } else {
        Expr all;
        all.type = Expr::Type::And;
        all.operands = std::move(parts);
        f.expr_ = std::move(all);
    }
    return f;
}

bool Filter::matches(const Record& record, const Index& index) const {
    return !expr_ || evaluate(*expr_, record, index);
}

namespace {

void add_reached(const Expr& e, KindSet& out) {
    if (e.type != Expr::Type::Test) {
        for (const Expr& o : e.operands) add_reached(o, out);
        return;
    }
    out.add(kinds_reached(e.field));
    if (e.op == CompareOp::Under) out.add(Kind::Partner);
}

}  // namespace

KindSet Filter::kinds_reached() const {
    KindSet out;
    if (expr_) add_reached(*expr_, out);
    return out;
}

std::string Filter::explain() const {
    if (!expr_) return "everything (no filter)";
    return explain_expr(*expr_, false);
}

}  // namespace collab
