// Evaluating a parsed filter against one record: any element of a list may pass a test;
// negations are the complement, so a test on an absent field is false and its negation true.
#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>

#include "query/filter.h"

namespace collab {

namespace {

std::optional<double> number_of(const std::string& text) {
    if (!is_signed_number(text)) return std::nullopt;
    return std::strtod(text.c_str(), nullptr);
}

// One atom against an ordering or equality test (`op`) of the test's field type.
bool compare(const std::string& atom, const Expr& test, CompareOp op) {
    const FilterValue& v = test.value;
    switch (test.field.comparable) {
        case Comparable::Date: {
            const auto d = parse_date(atom);
            if (!d) return false;
            const Date day = test.field.last_day ? d->last_day() : d->first_day();
            switch (op) {
                case CompareOp::Eq:
                    return day >= *v.first_day && day <= *v.last_day;
                case CompareOp::Lt:
                    return day < *v.first_day;
                case CompareOp::Le:
                    return day <= *v.last_day;
                case CompareOp::Gt:
                    return day > *v.last_day;
                case CompareOp::Ge:
                    return day >= *v.first_day;
                default:
                    return false;
            }
        }
        case Comparable::Number:
        case Comparable::Duration: {
            std::optional<double> a;
            double b = 0;
            if (test.field.comparable == Comparable::Number) {
                a = number_of(atom);
                b = *v.number;
            } else {
                if (const auto d = parse_duration(atom)) a = approximate_days(*d);
                b = *v.duration_days;
            }
            if (!a) return false;
            switch (op) {
                case CompareOp::Eq:
                    return *a == b;
                case CompareOp::Lt:
                    return *a < b;
                case CompareOp::Le:
                    return *a <= b;
                case CompareOp::Gt:
                    return *a > b;
                case CompareOp::Ge:
                    return *a >= b;
                default:
                    return false;
            }
        }
        case Comparable::Bool:
        case Comparable::Text:
            switch (op) {
                case CompareOp::Eq:
                    return atom == v.text;
                case CompareOp::Lt:
                    return atom < v.text;
                case CompareOp::Le:
                    return atom <= v.text;
                case CompareOp::Gt:
                    return atom > v.text;
                case CompareOp::Ge:
                    return atom >= v.text;
                default:
                    return false;
            }
    }
    return false;
}

bool test(const Expr& e, const Record& record, const Index& index) {
    const std::vector<std::string> atoms = field_values(record, e.field, /*defaults=*/true);
    const auto any = [&](auto&& pass) { return std::any_of(atoms.begin(), atoms.end(), pass); };
    switch (e.op) {
        case CompareOp::Present:
            return !atoms.empty();
        case CompareOp::Match:
            return any(
                [&](const std::string& a) { return re2::RE2::PartialMatch(a, *e.value.regex); });
        case CompareOp::NotMatch:
            return !any(
                [&](const std::string& a) { return re2::RE2::PartialMatch(a, *e.value.regex); });
        case CompareOp::Under:
            return any([&](const std::string& a) { return index.belongs_to(a, e.value.text); });
        case CompareOp::Ne:
            return !any([&](const std::string& a) { return compare(a, e, CompareOp::Eq); });
        default:
            return any([&](const std::string& a) { return compare(a, e, e.op); });
    }
}

}  // namespace

bool evaluate(const Expr& e, const Record& record, const Index& index) {
    switch (e.type) {
        case Expr::Type::And:
            return std::all_of(e.operands.begin(), e.operands.end(),
                               [&](const Expr& o) { return evaluate(o, record, index); });
        case Expr::Type::Or:
            return std::any_of(e.operands.begin(), e.operands.end(),
                               [&](const Expr& o) { return evaluate(o, record, index); });
        case Expr::Type::Not:
            return !evaluate(e.operands.front(), record, index);
        case Expr::Type::Test:
            return test(e, record, index);
    }
    return false;
}

}  // namespace collab
