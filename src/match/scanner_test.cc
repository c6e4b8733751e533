// The scanner's cost bounds: inputs made to be slow (many findings, keyword
// hits everywhere, very long lines) are scanned in linear time, and the
// bounds lose no match.
#include <doctest/doctest.h>
#include <time.h>

#include <functional>
#include <string>

#include "match/matcher.h"
#include "match/rules_for_test.h"
#include "rules/loader.h"

namespace pushguard::match {
namespace {

// 16 characters that differ from line to line (enough entropy for a rule).
std::string Token(size_t i) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  uint64_t x = 0x9E3779B97F4A7C15ULL * (i + 1);
  for (int k = 0; k < 16; ++k) {
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9ULL;
    out += kAlphabet[(x >> 32) % 62];
  }
  return out;
}

// This thread's CPU time in `small` and in `large` (five times its input),
// as a ratio: linear work gives about 5, quadratic 25. CPU time, not wall
// time, so that a loaded machine does not change the answer.
double CpuGrowth(const std::function<void()>& small,
                 const std::function<void()>& large) {
  auto cpu = [](const std::function<void()>& f) {
    timespec a{}, b{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    f();
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    return double(b.tv_sec - a.tv_sec) + double(b.tv_nsec - a.tv_nsec) / 1e9;
  };
  const double first = cpu(small);
  const double second = cpu(large);
  INFO("CPU s: ", first, " then ", second);
  return second / std::max(first, 1e-6);
}

// `wide` spans `tok_` and the token; `narrow` only the token, with a higher
// priority, so where both match `narrow` wins.
const char kOverlapRules[] = R"(
rules:
  - id: wide
    regex: '(tok_[A-Za-z0-9]{16})'
    secret_group: 1
    keywords: [tok_]
  - id: narrow
    regex: 'tok_([A-Za-z0-9]{16})'
    secret_group: 1
    priority: 1
    keywords: [tok_]
  - id: tail
    regex: '[A-Za-z0-9]{12}(zz[A-Za-z0-9]{6})'
    secret_group: 1
    keywords: [zz]
)";

}  // namespace

TEST_CASE("overlapping matches keep the preferred one, touching ones both") {
  Compiled c = CompileYaml(kOverlapRules);
  REQUIRE(c.problems.empty());
  // `narrow` wins over `wide`; `tail`'s secret (zz...) starts where the
  // token ends (touching, kept) on line 1, inside it on line 2 (dropped).
  std::string text = "tok_" + Token(1) + "zzQ3x9Lm\n" + "tok_" +
                     Token(2).substr(0, 12) + "zzQ3x9Lm\n";
  auto found = ScanText(*c.rules, text);
  REQUIRE(found.size() == 3);
  CHECK(c.rules->rule(found[0].rule).id == "narrow");
  CHECK(found[0].line == 1);
  CHECK(c.rules->rule(found[1].rule).id == "narrow");
  CHECK(found[1].line == 2);
  CHECK(c.rules->rule(found[2].rule).id == "tail");
  CHECK(found[2].line == 1);
  CHECK(found[2].secret == "zzQ3x9Lm");
}

TEST_CASE("a blob of many findings is scanned in linear time") {
  Compiled c = CompileYaml(kOverlapRules);
  REQUIRE(c.problems.empty());
  auto text_of = [](size_t lines) {
    std::string text;
    for (size_t i = 0; i < lines; ++i) text += "k = tok_" + Token(i) + "\n";
    return text;
  };
  constexpr size_t kLines = 50'000;
  const std::string small = text_of(kLines / 5);
  const std::string text = text_of(kLines);
  std::vector<SecretMatch> found;
  // Resolving the overlaps compared every match with every kept one: five
  // times the lines cost 25 times the work (1e9 comparisons here).
  double growth = CpuGrowth([&] { ScanText(*c.rules, small); },
                            [&] { found = ScanText(*c.rules, text); });
  CHECK(growth < 12);
  REQUIRE(found.size() == kLines);
  CHECK(found.front().line == 1);
  CHECK(found.back().line == kLines);
  CHECK(c.rules->rule(found.back().rule).id == "narrow");
}

TEST_CASE("a rule anchored at the end of the text is not cut at a line's end") {
  Compiled c = CompileYaml(R"(
rules:
  - id: last
    regex: 'tok_([A-Za-z0-9]{16})$'
    secret_group: 1
    keywords: [anchor]
)");
  REQUIRE(c.problems.empty());
  // `$` holds at the end of the text (or before its final '\n'), not at the
  // end of the last line of the keyword's window (line 3).
  std::string text = "anchor\n\na tok_" + Token(1) + "\nb\nc\nd\n";
  CHECK(ScanText(*c.rules, text).empty());
  text += "anchor tok_" + Token(2) + "\n";
  auto found = ScanText(*c.rules, text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 7);
}

TEST_CASE("a match running past its window's end on a long line is found") {
  Compiled c = CompileYaml(R"(
rules:
  - id: far
    regex: 'val_([A-Za-z0-9]{200})'
    secret_group: 1
    keywords: [anchor]
)");
  REQUIRE(c.problems.empty());
  std::string value;
  for (size_t i = 0; value.size() < 200; ++i) value += Token(i);
  value.resize(200);
  // The keyword's window ends 1 KiB past it; the match starts inside the
  // window and ends beyond it, on a 4 KiB line.
  std::string text = "anchor" + std::string(1000, ' ') + "val_" + value +
                     std::string(3000, ' ') + "\nnext line\n";
  auto found = ScanText(*c.rules, text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].secret == value);
  CHECK(found[0].column == 1011);
}

TEST_CASE("generic assignment rules: every operator after the name still") {
  // Their regexes first look past the name for an operator (`:`, `=`,
  // `:=`, `=>`, `??=`, `||=`, after an optional quote and blanks) before
  // they search the name for a secret word: names not followed by one
  // (prose, dotted chains) cost one pass, not 60 tries each.
  const RuleSet* rules = DefaultRules().rules.get();
  const std::string value = "Q3x9Lm2W" + Token(7);
  for (const std::string name :
       {"db.password", "\"api_token\"", "'client-secret'", "my_pw",
        "x.y.z.token", "SIGNING_KEY"}) {
    for (const std::string op :
         {" = ", ":", " := ", " => ", " ?\?= ", " ||= ", "\t: string = "}) {
      std::string text = "cfg " + name + op + "\"" + value + "\"\n";
      auto found = ScanText(*rules, text);
      bool hit = false;
      for (const SecretMatch& m : found) {
        std::string id = rules->rule(rules->BaseRule(m.rule)).id;
        if (id.rfind("generic-", 0) == 0 && m.secret == value) hit = true;
      }
      CHECK_MESSAGE(hit, text);
    }
  }
}

TEST_CASE("inline markers on a long line full of matches, in linear time") {
  Compiled c = CompileYaml(kOverlapRules);
  REQUIRE(c.problems.empty());
  std::string two = "a tok_" + Token(1) + " b tok_" + Token(2) +
                    " # pushguard:allow\nc tok_" + Token(3) + "\n";
  auto found = ScanText(*c.rules, two);
  REQUIRE(found.size() == 3);
  CHECK(found[0].allowed_by == "pushguard:allow");
  CHECK(found[0].marker_line == 1);
  CHECK(found[1].allowed_by == "pushguard:allow");
  CHECK(found[2].allowed_by.empty());
  // One line of 50,000 matches, each followed by a marker: every match
  // walked every marker on its line (1e9 steps).
  constexpr size_t kCount = 50'000;
  auto line_of = [](size_t count) {
    std::string line;
    for (size_t i = 0; i < count; ++i) {
      line += "tok_" + Token(i) + " pushguard:allow ";
    }
    return line;
  };
  const std::string small = line_of(kCount / 5);
  const std::string line = line_of(kCount);
  double growth = CpuGrowth([&] { ScanText(*c.rules, small); },
                            [&] { found = ScanText(*c.rules, line); });
  CHECK(growth < 12);
  REQUIRE(found.size() == kCount);
  CHECK(found.back().allowed_by == "pushguard:allow");
  CHECK(found.back().marker_line == 1);
}

TEST_CASE(
    "a PEM block that never closes, with a 2 MiB body, is fully scanned") {
  const RuleSet* rules = DefaultRules().rules.get();
  std::string body;
  for (size_t i = 0; body.size() < 2 * 1024 * 1024; ++i) body += Token(i);
  const std::string begin =
      "-----BEGIN PRIVATE"
      " KEY-----\n";
  const std::string end =
      "\n-----END PRIVATE"
      " KEY-----\n";
  // The body was one backtracking step per byte: past the PCRE2 limits,
  // so the blob counted as not fully scanned.
  Status status;
  auto found = ScanText(*rules, begin + body, &status);
  CHECK(status.ok());
  CHECK(found.empty());
  // Closed: one private key, from BEGIN to END.
  std::string closed = begin + body.substr(0, 4096) + end;
  found = ScanText(*rules, "x\n" + closed, &status);
  CHECK(status.ok());
  REQUIRE(found.size() == 1);
  CHECK(rules->rule(found[0].rule).id == "private-key");
  CHECK(found[0].secret.size() == closed.size() - 1);
}

}  // namespace pushguard::match
