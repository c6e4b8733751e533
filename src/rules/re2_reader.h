// The lexical layer of Go RE2 syntax for the translator (re2_syntax.cc): a
// cursor over the pattern that reads code points, escapes and bracket
// classes, and the character helpers both use. Internal to rules/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pushguard::rules {

namespace re2 {
// `c` as PCRE2 writes a code point: \xHH below 0x100, else \x{H...}.
std::string Hex(uint32_t c);
bool IsAlnum(uint32_t c);  // ASCII letters and digits
char Lower(char c);        // ASCII only
std::string Utf8(uint32_t c);
}  // namespace re2

// Reads at p_[i_] and advances i_. A method that fails returns false and
// keeps the first failure's message in error_.
class Re2Reader {
 protected:
  explicit Re2Reader(std::string_view p) : p_(p) {}

  bool Fail(std::string message);
  bool AtEnd() const { return i_ >= p_.size(); }
  char Peek(size_t ahead = 0) const {
    return i_ + ahead < p_.size() ? p_[i_ + ahead] : '\0';
  }
  // One UTF-8 code point.
  bool Rune(uint32_t* c);
  // An escape that stands for one code point (\n, \x41, \101, \.), at '\'.
  bool EscapedLiteral(uint32_t* c);
  // A bracket class at '[', written to *out in PCRE2 (bytes, ASCII only).
  bool Class(std::string* out);

  std::string_view p_;
  size_t i_ = 0;
  std::string error_;

 private:
  bool HexEscape(uint32_t* c);  // after "\x"
  bool ClassMember(std::string* out, std::optional<uint32_t>* literal);
};

}  // namespace pushguard::rules
