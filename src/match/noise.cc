#include "match/noise.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>

#include "base/strings.h"
#include "match/secret_text.h"
#include "match/value_shape.h"

namespace pushguard::match {
namespace {

// Case-insensitive substrings that mark a value as made up for documentation.
constexpr std::string_view kPlaceholderWords[] = {
    "example",       "changeme",    "change_me",   "change-me",
    "xxxx",          "redacted",    "placeholder", "your_",
    "your-",         "yourkey",     "yourtoken",   "yoursecret",
    "dummy",         "replace_me",  "replaceme",   "replace-me",
    "insert_",       "insert-",     "notasecret",  "not_a_secret",
    "not-a-secret",  "fixme",       "sample",      "masked",
    "hidden",        "secret_here", "key_here",    "token_here",
    "password_here", "goes_here",   "goes-here",
};

// Substrings that show the value is a reference to a secret kept elsewhere.
constexpr std::string_view kReferenceMarks[] = {
    "${",
    "{{",
    "}}",
    "$(",
    "#{",
    "%(",
    "<%",
    "os.environ",
    "process.env",
    "getenv",
    "secrets.",
    "vars.",
    "env.",
    "ENV[",
    "ENV.fetch",
    "***",
    "\xE2\x80\xA2" /* • */,
    "\xE2\x80\xA6" /* … */,
    "...",
};

// Prefixes of references to other values in Terraform, code and config.
constexpr std::string_view kReferencePrefixes[] = {
    "var.",
    "local.",
    "data.",
    "module.",
    "self.",
    "this.",
    "config.",
    "settings.",
    "options.",
    "params.",
    "args.",
    "props.",
    "System.getenv",
    "Environment.",
    "context.",
    "ctx.",
    // An AWS ARN names a secret kept in Secrets Manager or SSM.
    "arn:aws:",
    "arn:aws-",
};

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)); }

size_t LongestRepeatRun(std::string_view s) {
  size_t best = 0, run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    run = (i > 0 && s[i] == s[i - 1]) ? run + 1 : 1;
    best = std::max(best, run);
  }
  return best;
}

// Longest run like "abcdef", "123456" or "987654" (same class, step ±1);
// with `fold_case`, letters are compared without case ("AbCdEf").
size_t LongestSequentialRun(std::string_view s, bool fold_case = false) {
  auto at = [&](size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    return fold_case ? std::tolower(c) : static_cast<int>(c);
  };
  size_t best = 1, run = 1;
  int step = 0;
  for (size_t i = 1; i < s.size(); ++i) {
    int d = at(i) - at(i - 1);
    bool same_class =
        IsAlnum(s[i]) && IsAlnum(s[i - 1]) &&
        (std::isdigit(static_cast<unsigned char>(s[i])) != 0) ==
            (std::isdigit(static_cast<unsigned char>(s[i - 1])) != 0);
    if (same_class && (d == 1 || d == -1) && (run == 1 || d == step)) {
      ++run;
      step = d;
    } else {
      run = 1;
      step = 0;
    }
    best = std::max(best, run);
  }
  return s.empty() ? 0 : best;
}

// The tail of an ARN a generic rule took after `arn:aws:secretsmanager:`:
// a region, a 12-digit account id, a resource (`us-east-1:123456789012:...`).
bool IsArnTail(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon < 9 || s.size() < colon + 14) {
    return false;
  }
  std::string_view region = s.substr(0, colon);
  bool region_ok = std::isdigit(static_cast<unsigned char>(region.back())) &&
                   region[region.size() - 2] == '-' &&
                   std::all_of(region.begin(), region.end() - 1, [](char c) {
                     return (c >= 'a' && c <= 'z') || c == '-';
                   });
  std::string_view account = s.substr(colon + 1, 13);
  return region_ok && account.back() == ':' &&
         std::all_of(account.begin(), account.end() - 1, [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         });
}

bool LooksLikeTemplate(std::string_view s) {
  if (IsArnTail(s)) return true;
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') return true;
  if (s.size() >= 2 && s.front() == '%' && s.back() == '%') return true;
  if (s.size() >= 2 && s.front() == '$' &&
      (std::isalpha(static_cast<unsigned char>(s[1])) || s[1] == '_' ||
       s[1] == '{' || s[1] == '(')) {
    return true;
  }
  for (std::string_view mark : kReferenceMarks) {
    if (s.find(mark) != std::string_view::npos) return true;
  }
  for (std::string_view prefix : kReferencePrefixes) {
    if (StartsWith(s, prefix)) return true;
  }
  return false;
}

// Number of switches between character classes (lower, upper, digit,
// other): random strings switch often, words and identifiers rarely.
size_t ClassSwitches(std::string_view s) {
  auto cls = [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::islower(u)) return 0;
    if (std::isupper(u)) return 1;
    if (std::isdigit(u)) return 2;
    return 3;
  };
  size_t n = 0;
  for (size_t i = 1; i < s.size(); ++i) n += cls(s[i]) != cls(s[i - 1]);
  return n;
}

// Decodes standard base64 (with or without padding) if `s` is plausibly
// base64 text; returns "" otherwise.
std::string DecodeBase64(std::string_view s) {
  if (s.size() < 8 || s.size() % 4 == 1) return "";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] != '='; ++i) {
    char c = s[i];
    int v = c >= 'A' && c <= 'Z'   ? c - 'A'
            : c >= 'a' && c <= 'z' ? c - 'a' + 26
            : c >= '0' && c <= '9' ? c - '0' + 52
            : c == '+'             ? 62
            : c == '/'             ? 63
                                   : -1;
    if (v < 0) return "";
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  for (; i < s.size(); ++i) {
    if (s[i] != '=') return "";
  }
  return out;
}

bool PrintableText(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return c >= 0x20 && c < 0x7F;
  });
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `s` with %XX escapes decoded; "" when it has none.
std::string DecodePercent(std::string_view s) {
  std::string out;
  bool any = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
        HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
      any = true;
    } else {
      out += s[i];
    }
  }
  return any ? out : "";
}

}  // namespace

bool IsPasswordHash(std::string_view v) {
  for (std::string_view prefix : {"$2a$",
                                  "$2b$",
                                  "$2x$",
                                  "$2y$",
                                  "$argon2i$",
                                  "$argon2d$",
                                  "$argon2id$",
                                  "$7$",
                                  "$y$",
                                  "$gy$",
                                  "$1$",
                                  "$5$",
                                  "$6$",
                                  "$apr1$",
                                  "$sha1$",
                                  "$md5$",
                                  "{SHA}",
                                  "{SSHA}",
                                  "{SHA256}",
                                  "{SSHA256}",
                                  "{SHA512}",
                                  "{SSHA512}",
                                  "{CRYPT}",
                                  "{BCRYPT}",
                                  "{PBKDF2}",
                                  "pbkdf2_sha256$",
                                  "pbkdf2_sha1$",
                                  "argon2$argon2",
                                  "bcrypt_sha256$",
                                  "$pbkdf2-sha256$",
                                  "$pbkdf2-sha512$",
                                  "$scrypt$"}) {
    if (v.size() > prefix.size() + 8 && v.starts_with(prefix)) return true;
  }
  return false;
}

// `secret` without a repeated run that its documented format begins with,
// so the run is not taken for filler. An X (Twitter) app-only bearer token
// starts with about 21 'A's (docs.x.com's example: "AAAAAAAAAAAAAAAAAAAAA"
// + "MLheAAAAAAA0%2BuS..."), then 80 or more characters of URL-encoded
// base64: the checks below judge that part.
std::string_view WithoutFormatRun(std::string_view secret) {
  size_t run = 0;
  while (run < secret.size() && secret[run] == 'A') ++run;
  if (run < 20 || run > 24 || secret.size() - run < 80) return secret;
  for (char c : secret.substr(run)) {
    if (!IsAlnum(c) && c != '%') return secret;
  }
  return secret.substr(run);
}

bool LooksLikePlaceholder(std::string_view whole) {
  if (whole.empty()) return true;
  if (LooksLikeTemplate(whole)) return true;
  std::string lower = AsciiLower(whole);
  for (std::string_view word : kPlaceholderWords) {
    if (lower.find(word) != std::string::npos) return true;
  }
  std::string_view secret = WithoutFormatRun(whole);
  const size_t n = secret.size();
  size_t repeat_limit = std::max<size_t>(6, n / 8);
  if (LongestRepeatRun(secret) >= repeat_limit) return true;
  if (n <= 256 && LongestSequentialRun(secret) >= 6) return true;
  // An alphabet typed in alternating case ("hvs.CAESIABcDeFgHiJk..." in a
  // tutorial): a longer run, which random text does not reach.
  if (n <= 256 && LongestSequentialRun(secret, true) >= 10) return true;
  std::string distinct(secret);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  return n >= 8 && distinct.size() <= 3;
}

bool FollowsDigestPrefix(std::string_view content, size_t offset) {
  size_t begin = offset > 12 ? offset - 12 : 0;
  std::string before = AsciiLower(content.substr(begin, offset - begin));
  size_t nl = before.rfind('\n');
  if (nl != std::string::npos) before.erase(0, nl + 1);
  for (std::string_view algo : {"sha1", "sha224", "sha256", "sha384", "sha512",
                                "md5", "h1", "blake2b", "sha"}) {
    for (char sep : {'-', ':', '='}) {
      std::string prefix = std::string(algo) + sep;
      if (before.ends_with(prefix)) {
        // "h1:" must not be the tail of a longer word ("auth1:").
        size_t at = before.size() - prefix.size();
        if (at == 0 || !IsAlnum(before[at - 1])) return true;
      }
    }
  }
  return false;
}

Evidence GenericEvidence(std::string_view value) {
  // A line break escaped in a string literal ends the value, it is not part
  // of it (`"breakOnTokenText\n"` in bundled sources).
  while (value.size() >= 2 && value[value.size() - 2] == '\\' &&
         std::string_view("nrt").find(value.back()) != std::string_view::npos) {
    value.remove_suffix(2);
  }
  const size_t n = value.size();
  if (IsPasswordHash(value)) return Evidence::kWeak;
  if (n < 8 || LooksLikePlaceholder(value)) return Evidence::kNone;
  std::string unescaped = DecodePercent(value);
  if (!unescaped.empty()) return GenericEvidence(unescaped);
  // Base64 of printable text (Kubernetes Secret `data:`, basic auth): judge
  // the text it encodes, so base64("password") is not a secret.
  std::string decoded = DecodeBase64(value);
  if (decoded.size() >= 6 && PrintableText(decoded)) {
    Evidence inner = GenericEvidence(decoded);
    if (inner != Evidence::kNone || decoded.find(':') == std::string::npos) {
      return inner;
    }
    // user:password: judge the password.
    return GenericEvidence(decoded.substr(decoded.find(':') + 1));
  }
  if (LooksLikePathOrName(value) || LooksLikeWordOrIdentifier(value) ||
      LooksLikeCode(value)) {
    return Evidence::kNone;
  }
  if (IsHexDigest(value) || IsUuid(value)) return Evidence::kWeak;
  double entropy = ShannonEntropy(value);
  double max_entropy = std::log2(static_cast<double>(std::min<size_t>(n, 64)));
  double switch_ratio = static_cast<double>(ClassSwitches(value)) / n;
  if (n >= 12 && switch_ratio >= 0.3 && entropy >= 0.75 * max_entropy) {
    return Evidence::kStrong;
  }
  if (switch_ratio >= 0.12 || entropy >= 3.5) return Evidence::kWeak;
  return Evidence::kNone;
}

}  // namespace pushguard::match
