#include "match/value_shape.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "base/strings.h"

namespace pushguard::match {
namespace {

// Two-letter words of camel-case identifiers (`mockApiKeyId`,
// `getDocumentByToken`, `defaultToConfig2`).
constexpr std::string_view kShortCamelWords[] = {
    "Id", "By", "To", "No", "Of", "Or", "In", "On", "At",
    "Is", "If", "As", "Up", "Db", "Io", "Ui", "Os", "Js",
};

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)); }

// A run of letters that reads like a word or identifier: "db", "DB",
// "Password", "passwordFromVault", "GetUserName" (lower, upper, or camel
// case of capitalised words), with vowels where a word has them. Random
// text gives "Xk", "FAKEt", "ApmMSD" or "qzrtw".
bool WordLetters(std::string_view s) {
  auto upper = [&](size_t i) {
    return std::isupper(static_cast<unsigned char>(s[i])) != 0;
  };
  bool all_upper = true, all_lower = true;
  for (size_t i = 0; i < s.size(); ++i) {
    all_upper = all_upper && upper(i);
    all_lower = all_lower && !upper(i);
  }
  if (!all_upper && !all_lower) {
    // camel case: every upper-case letter starts a word of 3+ letters.
    for (size_t i = 0; i < s.size(); ++i) {
      if (!upper(i)) continue;
      size_t j = i + 1;
      while (j < s.size() && !upper(j)) ++j;
      std::string_view word = s.substr(i, j - i);
      bool short_word =
          j - i == 2 &&
          std::find(std::begin(kShortCamelWords), std::end(kShortCamelWords),
                    word) != std::end(kShortCamelWords);
      if (j - i < 3 && !short_word) return false;
    }
  }
  size_t vowels = std::count_if(s.begin(), s.end(), [](char c) {
    return std::string_view("aeiouyAEIOUY").find(c) != std::string_view::npos;
  });
  return s.size() < 5 || vowels * 5 >= s.size();
}

}  // namespace

bool IsHexDigest(std::string_view s) {
  if (s.size() != 32 && s.size() != 40 && s.size() != 64 && s.size() != 128) {
    return false;
  }
  bool lower = std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) ||
           (c >= 'a' && c <= 'f');
  });
  bool upper = std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) ||
           (c >= 'A' && c <= 'F');
  });
  return lower || upper;
}

bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// Paths, URLs, file names, dotted or namespaced identifiers, e-mail.
bool LooksLikePathOrName(std::string_view s) {
  if (s.find("://") != std::string_view::npos) return true;
  if (StartsWith(s, "/") || StartsWith(s, "./") || StartsWith(s, "../") ||
      StartsWith(s, "~/")) {
    return true;
  }
  const std::string tail =
      AsciiLower(s.substr(s.size() > 5 ? s.size() - 5 : 0));
  for (std::string_view ext : {".json", ".yaml", ".yml", ".pem", ".key", ".txt",
                               ".crt", ".p12", ".env", ".cfg"}) {
    if (s.size() > ext.size() && tail.ends_with(ext)) return true;
  }
  // identifier(.identifier)+ or identifier(::identifier)+: code, not a value.
  bool dotted = s.find('.') != std::string_view::npos ||
                s.find("::") != std::string_view::npos;
  if (dotted) {
    bool ok = std::all_of(s.begin(), s.end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
             c == '.' || c == ':';
    });
    if (ok) return true;
  }
  return false;
}

// "Summer2024!", "my_db_password", "getPasswordFromVault", "PROD-DB-CREDS",
// "v1:users:list": every run of letters and digits is a word (WordLetters),
// optionally followed by at most 4 digits, or a number of at most 4 digits.
bool LooksLikeWordOrIdentifier(std::string_view s) {
  bool any_letters = false;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsAlnum(s[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    size_t letters_end = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i < s.size() && IsAlnum(s[i])) return false;  // digits then letters
    if (i - letters_end > 4) return false;
    size_t letters = letters_end - start;
    // A lone letter, unless a snake_case or kebab-case part
    // (`yaml_token_t`, `x_max`, `a-secret-key`, `X-Api-Secret`).
    auto joint = [](char c) { return c == '_' || c == '-'; };
    bool snake =
        (start > 0 && joint(s[start - 1])) || (i < s.size() && joint(s[i]));
    if (letters == 1 && i == letters_end && !snake) return false;
    if (letters > 1) {
      any_letters = true;
      if (!WordLetters(s.substr(start, letters))) return false;
    }
  }
  return any_letters;
}

// Code, not a value: names joined by operators, as the generic rules take
// them from minified JavaScript (`e.accessKey||`, `=null?S.baseCur+`,
// `t.CodeBlock=void`) or format strings (`%s&redirect_uri=%s`). Every part
// between operators is a number, a single letter (a minified name), `%s`,
// or a dotted name whose parts are words or identifiers; a member name
// after a dot may be any run of letters and underscores
// (`t.MissingPDFException`, `t.CMapCompressionType`).
bool LooksLikeCode(std::string_view s) {
  auto name_char = [](char c) {
    return IsAlnum(c) || c == '_' || c == '.' || c == '%';
  };
  if (s.find_first_of("=|&?!()+<>;") == std::string_view::npos) return false;
  size_t i = 0;
  while (i < s.size()) {
    if (!name_char(s[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < s.size() && name_char(s[i])) ++i;
    std::string_view part = s.substr(start, i - start);
    if (part == "%s" || std::all_of(part.begin(), part.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        })) {
      continue;
    }
    for (size_t from = 0; from <= part.size();) {
      size_t dot = std::min(part.find('.', from), part.size());
      std::string_view name = part.substr(from, dot - from);
      bool letter =
          name.size() == 1 && std::isalpha(static_cast<unsigned char>(name[0]));
      bool member =
          from > 0 && std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
          });
      if (!name.empty() && !letter && !member &&
          !LooksLikeWordOrIdentifier(name)) {
        return false;
      }
      from = dot + 1;
    }
  }
  return true;
}

}  // namespace pushguard::match
