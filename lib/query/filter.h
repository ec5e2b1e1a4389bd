// The filter language shared by list, report, graph and export:
//   expr := term ('or' term)* ; term := factor ('and' factor)*
//   factor := 'not' factor | '(' expr ')' | test
//   test := field op value | field 'under' value | field
// Parsing resolves every field and value against the field tables (and, when given, the
// ids of the store), so a typo is an error with a caret, never a silently empty result.
#pragma once
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/index.h"
#include "model/values.h"
#include "query/field_path.h"
#include "util/errors.h"

namespace re2 {
class RE2;
}

namespace collab {

enum class CompareOp : unsigned char { Eq, Ne, Lt, Le, Gt, Ge, Match, NotMatch, Under, Present };
std::string_view op_text(CompareOp op);

struct FilterValue {
    std::string text;               // as written, unquoted
    std::optional<Date> first_day;  // a date value: the period it stands for
    std::optional<Date> last_day;
    std::optional<double> number;
    std::optional<double> duration_days;
    std::shared_ptr<const re2::RE2> regex;
};

struct Expr {
    enum class Type : unsigned char { And, Or, Not, Test };
    Type type = Type::Test;
    std::vector<Expr> operands;  // And, Or, Not
    FieldPath field;             // Test
    CompareOp op = CompareOp::Present;
    FilterValue value;
};

// How deeply `(` and `not` may nest in one expression; deeper is a FilterError (issue 15:
// 10,000 parentheses crashed the recursive parser). Far more than a person writes.
inline constexpr int max_filter_depth = 100;

// A malformed filter: a usage error whose message shows the expression and a caret.
struct FilterError : UsageError {
    FilterError(const std::string& expression, std::size_t position, std::size_t length,
                const std::string& message, bool suggests = false);
    std::size_t position;  // where in the expression it went wrong (0-based, bytes)
    bool suggests;         // the message offers a did-you-mean
};

struct FilterContext {
    Date today;
    const Index* index = nullptr;  // when given, ids in values must exist
};

class Filter {
  public:
    Filter() = default;
    // Each argument is an expression; several are joined with `and`. No arguments: all match.
    static Filter parse(std::span<const std::string> args, Kind kind, const FilterContext& context);

    bool matches(const Record& record, const Index& index) const;
    // The parsed expression with relative dates resolved, e.g. `expires < 2027-01-15`.
    std::string explain() const;
    bool empty() const { return !expr_; }
    // The kinds whose records matches() may read besides the record tested: those every
    // test's field reaches (kinds_reached in field_path.h), and partners for `under` (the
    // partner hierarchy). Ids in values need no records: the parser checks them against the
    // index's ids, which a partial load keeps whole (store/store.h).
    KindSet kinds_reached() const;

  private:
    std::optional<Expr> expr_;
};

// One parsed argument; exposed for unit tests.
Expr parse_expression(const std::string& text, Kind kind, const FilterContext& context);
bool evaluate(const Expr& expr, const Record& record, const Index& index);

}  // namespace collab
