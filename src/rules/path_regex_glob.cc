#include "rules/path_regex_glob.h"

namespace pushguard::rules {
namespace {

constexpr size_t kMaxGlobs = 32;

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

bool IsMeta(char c) {
  return std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos;
}

bool IsQuantifier(char c) {
  return c == '*' || c == '+' || c == '?' || c == '{';
}

// A literal character at *i (plain or escaped), appended to *out.
bool LiteralChar(std::string_view re, size_t* i, std::string* out) {
  char c = re[*i];
  if (c == '\\') {
    if (*i + 1 >= re.size() || IsAlnum(re[*i + 1])) return false;
    c = re[*i + 1];
    *i += 2;
  } else {
    if (IsMeta(c)) return false;
    ++*i;
  }
  if (c == '*' || c == '?') return false;  // no literal form in a glob
  *out += c;
  return true;
}

// One item at *i as glob text: `[^/]*`, `[^/]+`, `.`, `.*`, `.+` (greedy
// or lazy) or a literal character; false if it is none of them or a
// repetition follows.
bool Item(std::string_view re, size_t* i, std::string* out) {
  std::string_view rest = re.substr(*i);
  if (rest.starts_with("[^/]*") || rest.starts_with("[^/]+")) {
    *out += rest[4] == '*' ? "*" : "?*";
    *i += 5;
  } else if (rest[0] == '.') {
    ++*i;
    char q = *i < re.size() ? re[*i] : '\0';
    if (q == '*' || q == '+') {
      *out += q == '*' ? "**" : "?**";
      ++*i;
      if (*i < re.size() && re[*i] == '?') ++*i;  // lazy: the same paths
    } else {
      *out += "?";
    }
  } else if (!LiteralChar(re, i, out)) {
    return false;
  }
  return *i >= re.size() || !IsQuantifier(re[*i]);
}

// A group of alternatives made of items at *i: "(a|b)", "(?:a|b)", "(.*?)".
bool Alternatives(std::string_view re, size_t* i,
                  std::vector<std::string>* out) {
  size_t j = *i + (re.substr(*i).starts_with("(?:") ? 3 : 1);
  out->assign(1, "");
  while (j < re.size() && re[j] != ')') {
    if (re[j] == '|') {
      out->emplace_back();
      ++j;
    } else if (re[j] == '(' || !Item(re, &j, &out->back())) {
      return false;
    }
  }
  if (j >= re.size()) return false;
  *i = j + 1;
  return *i >= re.size() || !IsQuantifier(re[*i]);
}

// Appends `piece` to every body, or each alternative to each body.
bool Extend(const std::vector<std::string>& pieces,
            std::vector<std::string>* bodies) {
  if (bodies->size() * pieces.size() > kMaxGlobs) return false;
  std::vector<std::string> next;
  for (const std::string& body : *bodies) {
    for (const std::string& piece : pieces) next.push_back(body + piece);
  }
  *bodies = std::move(next);
  return true;
}

bool EndsUnescaped(std::string_view re, char c) {
  if (re.empty() || re.back() != c) return false;
  size_t slashes = 0;
  for (size_t k = re.size() - 1; k > 0 && re[k - 1] == '\\'; --k) ++slashes;
  return slashes % 2 == 0;
}

}  // namespace

std::optional<std::vector<std::string>> PathRegexToGlobs(std::string_view re) {
  enum { kAnywhere, kRoot, kDirectory } start = kAnywhere;
  for (std::string_view dir : {"(^|/)", "(?:^|/)"}) {
    if (re.starts_with(dir)) {
      start = kDirectory;
      re.remove_prefix(dir.size());
    }
  }
  if (start == kAnywhere && re.starts_with("^")) {
    start = kRoot;
    re.remove_prefix(1);
  }
  bool anchored_end = EndsUnescaped(re, '$');
  if (anchored_end) re.remove_suffix(1);
  std::vector<std::string> bodies(1);
  size_t i = 0;
  while (i < re.size()) {
    std::vector<std::string> pieces(1);
    bool ok =
        re[i] == '(' ? Alternatives(re, &i, &pieces) : Item(re, &i, &pieces[0]);
    if (!ok) return std::nullopt;
    if (!Extend(pieces, &bodies)) return std::nullopt;
  }
  std::vector<std::string> globs;
  for (std::string& body : bodies) {
    if (body.empty() || (start != kRoot && body[0] == '/')) {
      return std::nullopt;
    }
    // "**/" means whole directories in a glob, not "anything, then /".
    if (body.find("**/") != std::string::npos) return std::nullopt;
    if (!anchored_end && !body.ends_with("**")) body += "**";
    if (start == kRoot) {
      globs.push_back("/" + body);
    } else if (start == kDirectory) {
      globs.push_back("**/" + body);
    } else {
      globs.push_back(body.starts_with("**") ? "/" + body : "/**" + body);
    }
  }
  return globs;
}

}  // namespace pushguard::rules
