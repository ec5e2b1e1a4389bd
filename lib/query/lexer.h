// Tokens of one filter expression. The lexer is told what it expects next (a field or a
// value), because `zju-fah` or `today+90d` are words only where a value may stand.
#pragma once
#include <string>
#include <string_view>

namespace collab {

struct Token {
    enum class Type : unsigned char { End, Word, String, Op, LParen, RParen, Error };
    Type type = Type::End;
    std::string text;          // the word, the unquoted string, or the operator
    std::size_t position = 0;  // character offset in the expression
    std::size_t length = 0;    // in characters
};

class Lexer {
  public:
    explicit Lexer(std::string_view text) : text_(text) {}

    // A word (field name or keyword), '(' , ')' or an operator.
    Token next();
    // A value: a quoted string, or a bare run of characters up to a space or parenthesis.
    Token next_value();
    Token peek();

  private:
    void skip_space();
    std::size_t chars_before(std::size_t byte) const;
    Token make(Token::Type type, std::string text, std::size_t start_byte,
               std::size_t end_byte) const;

    std::string_view text_;
    std::size_t pos_ = 0;  // bytes
    // The character count up to a byte offset, kept so that each token's position costs the
    // bytes since the previous one, not the whole prefix: the lexer stays linear.
    mutable std::size_t counted_bytes_ = 0;
    mutable std::size_t counted_chars_ = 0;
};

}  // namespace collab
