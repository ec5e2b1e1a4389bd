#include "query/lexer.h"

#include "util/utf8.h"

namespace collab {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

}  // namespace

void Lexer::skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
}

std::size_t Lexer::chars_before(std::size_t byte) const {
    // peek() rewinds by one token at most, so restarting from 0 is rare.
    if (byte < counted_bytes_) counted_bytes_ = counted_chars_ = 0;
    counted_chars_ += count_chars(text_.substr(counted_bytes_, byte - counted_bytes_));
    counted_bytes_ = byte;
    return counted_chars_;
}

Token Lexer::make(Token::Type type, std::string text, std::size_t start, std::size_t end) const {
    Token t;
    t.type = type;
    t.text = std::move(text);
    t.position = chars_before(start);
    t.length = count_chars(text_.substr(start, end - start));
    return t;
}

Token Lexer::peek() {
    const std::size_t saved = pos_;
    Token t = next();
    pos_ = saved;
    return t;
}

Token Lexer::next() {
    skip_space();
    const std::size_t start = pos_;
    if (pos_ >= text_.size()) return make(Token::Type::End, "", start, start);
    const char c = text_[pos_];
    if (c == '(') return ++pos_, make(Token::Type::LParen, "(", start, pos_);
    if (c == ')') return ++pos_, make(Token::Type::RParen, ")", start, pos_);
    if (c == '=' || c == '~') return ++pos_, make(Token::Type::Op, std::string(1, c), start, pos_);
    if (c == '!' || c == '<' || c == '>') {
        ++pos_;
        std::string op(1, c);
        if (pos_ < text_.size() && (text_[pos_] == '=' || (c == '!' && text_[pos_] == '~'))) {
            op += text_[pos_++];
        }
        if (op == "!") return make(Token::Type::Error, op, start, pos_);
        return make(Token::Type::Op, op, start, pos_);
    }
    if (is_word_char(c)) {
        while (pos_ < text_.size() && is_word_char(text_[pos_])) ++pos_;
        return make(Token::Type::Word, std::string(text_.substr(start, pos_ - start)), start, pos_);
    }
    // One whole character, however many bytes, so the caret lands under it.
    ++pos_;
    while (pos_ < text_.size() && (static_cast<unsigned char>(text_[pos_]) & 0xC0) == 0x80) ++pos_;
    return make(Token::Type::Error, std::string(text_.substr(start, pos_ - start)), start, pos_);
}

Token Lexer::next_value() {
    skip_space();
    const std::size_t start = pos_;
    if (pos_ >= text_.size()) return make(Token::Type::End, "", start, start);
    const char quote = text_[pos_];
    if (quote == '"' || quote == '\'') {
        std::string value;
        ++pos_;
        while (pos_ < text_.size() && text_[pos_] != quote) {
            if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
            value += text_[pos_++];
        }
        if (pos_ >= text_.size()) return make(Token::Type::Error, "unterminated", start, pos_);
        ++pos_;
        return make(Token::Type::String, value, start, pos_);
    }
    if (quote == '(' || quote == ')') return make(Token::Type::End, "", start, start);
    const auto bare = [&] {
        const std::size_t from = pos_;
        while (pos_ < text_.size() && !is_space(text_[pos_]) && text_[pos_] != '(' &&
               text_[pos_] != ')')
            ++pos_;
        return std::string(text_.substr(from, pos_ - from));
    };
    std::string word = bare();
    // `today + 6m` and `today +6m` as people write them: one value, `today+6m` (issue 13).
    if (word == "today" || word == "today+" || word == "today-") {
        const std::size_t end = pos_;
        skip_space();
        if (word == "today" && pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) {
            word += text_[pos_++];
            skip_space();
        }
        std::string rest = word.size() > 5 ? bare() : std::string();
        if (rest.empty()) {
            pos_ = end;
            word = std::string(text_.substr(start, end - start));
        } else {
            word += rest;
        }
    }
    return make(Token::Type::Word, std::move(word), start, pos_);
}

}  // namespace collab
