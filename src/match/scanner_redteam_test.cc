// The scanner's shortcuts must not change what it finds: anchored rules
// (match/keyword_reach.h) find what the same rules find unanchored, and the
// windows are ordered and merged alike whether few (compared) or many
// (counted into place by rule).
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "match/matcher.h"
#include "match/rules_for_test.h"
#include "rules/loader.h"

namespace pushguard::match {
namespace {

// What a finding is, as text, for comparing two scans.
std::vector<std::string> Described(const RuleSet& rules,
                                   const std::vector<SecretMatch>& found) {
  std::vector<std::string> out;
  for (const SecretMatch& m : found) {
    out.push_back(rules.rule(m.rule).id + " " + std::to_string(m.start) + "-" +
                  std::to_string(m.end) + " line " + std::to_string(m.line) +
                  " col " + std::to_string(m.column) + " [" + m.secret +
                  "] lines " + std::to_string(m.first_line) + "-" +
                  std::to_string(m.last_line) + " " + m.allowed_by);
  }
  return out;
}

std::vector<std::string> Scan(const RuleSet& rules, std::string_view text,
                              size_t* start_bytes = nullptr) {
  Scanner scanner(rules);
  std::vector<SecretMatch> found;
  Status s = scanner.Scan(text, &found);
  REQUIRE_MESSAGE(s.ok(), s.message());
  if (start_bytes != nullptr) *start_bytes += scanner.stats().start_bytes;
  return Described(rules, found);
}

// The default rules with nothing anchored: `\Q\E` (which quotes nothing)
// after each regex, which the anchor analysis does not read.
const Compiled& UnanchoredDefaultRules() {
  static const Compiled* const kRules = [] {
    auto* c = new Compiled;
    c->policy = DefaultRules().policy;
    for (rules::SecretRule& rule : c->policy.secret_rules) {
      rule.regex += "\\Q\\E";
    }
    std::vector<rules::Diagnostic> problems;
    c->rules = RuleSet::Compile(c->policy, &problems);
    for (const auto& d : problems) c->problems.push_back(d.ToString());
    return c;
  }();
  REQUIRE(kRules->problems.empty());
  return *kRules;
}

// Text around the default rules' examples: examples side by side, on
// neighbouring lines, their names in other cases and spellings, long
// prefixes before a name (the generic rule reaches 60 bytes back).
std::string Generated(std::mt19937& rng,
                      const std::vector<std::string>& examples) {
  static const char* const kJoins[] = {"\n", " ",  "\n\n\n", ";", "\t",
                                       "",   "\"", ",",      "=", "\n# "};
  static const char* const kNames[] = {
      "api_key",     "API-KEY",        "apikey",      "Api.Key",
      "api__key",    "secret_key",     "SECRET-KEY",  "password",
      "PassWord",    "client_secret",  "private.key", "masterKey",
      "license-key", "access.KEY",     "signing_key", "pwd",
      "pw",          "encryption-key", "token",       "authKey",
      "credentials"};
  static const char* const kValues[] = {"Zp4Kx9Qm2Lw7Rt3VbN8c",
                                        "\"q6Xk3E!10p5bg0Ty\"",
                                        "'S5lWnICYKKcR37bJ31'",
                                        "hunter2",
                                        "${SECRET}",
                                        "Hq3vR8mZpL2xN7kTw9Yc"};
  std::string out;
  size_t pieces = 1 + rng() % 12;
  for (size_t i = 0; i < pieces; ++i) {
    switch (rng() % 4) {
      case 0:
      case 1:
        out += examples[rng() % examples.size()];
        break;
      case 2: {
        std::string prefix(rng() % 72, "abx_.-"[rng() % 6]);
        out += prefix + kNames[rng() % std::size(kNames)] + " = " +
               kValues[rng() % std::size(kValues)];
        break;
      }
      default:
        out += std::string(rng() % 200, 'x');
        break;
    }
    out += kJoins[rng() % std::size(kJoins)];
  }
  return out;
}

}  // namespace

TEST_CASE("anchored default rules find what unanchored ones find") {
  const RuleSet& anchored = *DefaultRules().rules;
  const RuleSet& unanchored = *UnanchoredDefaultRules().rules;
  std::vector<std::string> examples;
  for (const rules::SecretRule& rule : DefaultRules().policy.secret_rules) {
    for (const std::string& e : rule.examples) examples.push_back(e);
    for (const std::string& e : rule.negative_examples) examples.push_back(e);
  }
  REQUIRE(!examples.empty());
  // Each example alone finds the same.
  size_t findings = 0;
  for (const std::string& e : examples) {
    std::vector<std::string> want = Scan(unanchored, e);
    findings += want.size();
    CHECK_MESSAGE(Scan(anchored, e) == want, e);
  }
  CHECK(findings > examples.size() / 2);
  // And so do texts made of them.
  std::mt19937 rng(11);
  size_t differences = 0, anchored_bytes = 0, unanchored_bytes = 0;
  for (int i = 0; i < 600; ++i) {
    std::string text = Generated(rng, examples);
    std::vector<std::string> want = Scan(unanchored, text, &unanchored_bytes);
    std::vector<std::string> got = Scan(anchored, text, &anchored_bytes);
    if (got != want && differences++ < 3) {
      std::string all;
      for (const std::string& w : want) all += "\n want " + w;
      for (const std::string& g : got) all += "\n got  " + g;
      FAIL_CHECK("text ", i, ":", all);
    }
  }
  CHECK(differences == 0);
  // The comparison means something: the anchors did narrow the searches.
  CHECK(anchored_bytes * 3 < unanchored_bytes * 2);
}

// 24 rules, `t<i>k_` and a 16-character token; every third one also gated
// by a name its regex does not hold (`name<i>`), so that it is not anchored.
std::string TokenRules() {
  std::string yaml = "rules:\n";
  for (int i = 0; i < 24; ++i) {
    std::string n = std::to_string(i);
    yaml += "  - id: r" + n + "\n    regex: '(?<![A-Za-z0-9])t" + n +
            "k_([A-Za-z0-9]{16})'\n    secret_group: 1\n    keywords: [t" + n +
            "k_" + (i % 3 == 0 ? ", name" + n : "") + "]\n";
    if (i % 3 == 0) {
      // Not anchored: `(?:...)?` before the token.
      yaml += "  - id: u" + n + "\n    regex: '(?:name" + n +
              "[ =:]{1,3})?(?<![A-Za-z0-9])q" + n +
              "z_([A-Za-z0-9]{16})'\n    secret_group: 1\n    keywords: "
              "[name" +
              n + ", q" + n + "z_]\n";
    }
  }
  return yaml;
}

std::string Token(std::mt19937& rng) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  for (int k = 0; k < 16; ++k) out += kAlphabet[rng() % 62];
  return out;
}

// Random rules named by two words with a small class between them
// (`api[_.-]?key`, as the generic rule), their keywords every spelling or
// only some, and random lengths before the name; `\Q\E` after each regex
// in `unanchored`.
std::string NamedRules(std::mt19937& rng, bool unanchored) {
  static const char* const kWords[] = {"api", "key", "auth", "tok", "sec"};
  static const char* const kSeparators[] = {"[_.-]?", "[_-]", "_",   "[.]",
                                            "",       "[_]?", "[-.]"};
  static const char* const kPrefixes[] = {
      "",     "[\\w.-]{0,20}?",     "[a-z]{0,5}", "(?<![\\w.-])",
      "(?i)", "(?i)[\\w.-]{0,30}?", "(?i:x?)",    "[A-Z]?"};
  std::string yaml = "rules:\n";
  for (int i = 0; i < 12; ++i) {
    std::string w1 = kWords[rng() % std::size(kWords)];
    std::string w2 = kWords[rng() % std::size(kWords)];
    std::string sep = kSeparators[rng() % std::size(kSeparators)];
    std::string regex = std::string(kPrefixes[rng() % std::size(kPrefixes)]) +
                        w1 + sep + w2 +
                        "[ \\t]{0,3}[=:][ \\t]{0,3}([A-Za-z0-9]{8,20})";
    if (unanchored) regex += "\\Q\\E";
    // Keywords: each spelling, most of the time; else some of them.
    std::vector<std::string> spellings = {w1 + w2};
    for (char c : std::string("_.-")) {
      if (sep.find(c) != std::string::npos) spellings.push_back(w1 + c + w2);
    }
    if (sep == "_") spellings = {w1 + "_" + w2};
    std::string keywords;
    for (const std::string& k : spellings) {
      if (rng() % 5 == 0) continue;
      keywords += (keywords.empty() ? "" : ", ") + k;
    }
    if (rng() % 4 == 0) keywords += (keywords.empty() ? "" : ", ") + w2;
    if (keywords.empty()) keywords = w1;
    yaml += "  - id: n" + std::to_string(i) + "\n    regex: '" + regex +
            "'\n    secret_group: 1\n    keywords: [" + keywords + "]\n";
  }
  return yaml;
}

std::string NamedText(std::mt19937& rng) {
  static const char* const kWords[] = {"api", "key", "auth", "tok", "sec",
                                       "API", "Key", "AUTH", "tOk", "x"};
  static const char* const kJoins[] = {"_", ".", "-", "", "__", " "};
  std::string out;
  size_t lines = 1 + rng() % 30;
  for (size_t l = 0; l < lines; ++l) {
    size_t pieces = 1 + rng() % 3;
    for (size_t p = 0; p < pieces; ++p) {
      out += std::string(rng() % 40, "ab_.-x"[rng() % 6]);
      out += kWords[rng() % std::size(kWords)];
      out += kJoins[rng() % std::size(kJoins)];
      out += kWords[rng() % std::size(kWords)];
      out += rng() % 2 == 0 ? " = " : ":";
      out += Token(rng).substr(0, 8 + rng() % 9);
      out += rng() % 3 == 0 ? "\n" : " ";
    }
    out += std::string(rng() % 80, 'z') + "\n";
  }
  return out;
}

TEST_CASE("random named rules find the same anchored and unanchored") {
  std::mt19937 rng(13);
  size_t findings = 0, anchored_bytes = 0, unanchored_bytes = 0;
  for (int set = 0; set < 60; ++set) {
    const uint32_t seed = rng();
    std::mt19937 a(seed), b(seed);
    Compiled anchored = CompileYaml(NamedRules(a, false));
    Compiled unanchored = CompileYaml(NamedRules(b, true));
    REQUIRE(anchored.problems.empty());
    REQUIRE(unanchored.problems.empty());
    for (int t = 0; t < 40; ++t) {
      std::string text = NamedText(rng);
      std::vector<std::string> want =
          Scan(*unanchored.rules, text, &unanchored_bytes);
      findings += want.size();
      REQUIRE_MESSAGE(Scan(*anchored.rules, text, &anchored_bytes) == want,
                      "set ", set, " text ", t);
    }
  }
  CHECK(findings > 1000);
  CHECK(anchored_bytes * 2 < unanchored_bytes);
}

TEST_CASE("many windows counted into place find what few sorted ones find") {
  Compiled c = CompileYaml(TokenRules());
  REQUIRE(c.problems.empty());
  const RuleSet& rules = *c.rules;
  const size_t n = rules.size();
  REQUIRE(n == 32);
  std::mt19937 rng(5);
  for (int round = 0; round < 300; ++round) {
    // Lines of one secret or one keyword each (no finding), in any order;
    // the first and the last rule often among them.
    std::vector<std::string> lines;
    size_t count = 1 + rng() % (round % 2 == 0 ? 6 : 120);
    for (size_t i = 0; i < count; ++i) {
      int r = rng() % 4 == 0 ? (rng() % 2 == 0 ? 0 : 23) : int(rng() % 24);
      std::string k = std::to_string(r);
      switch (rng() % 5) {
        case 0:
          lines.push_back("t" + k + "k_" + Token(rng));
          break;
        case 1:
          lines.push_back("x t" + k + "k_short");
          break;
        case 2:
          lines.push_back("name" + k + " =q" + k + "z_" + Token(rng));
          break;
        case 3:
          lines.push_back("q" + k + "z_" + Token(rng) + " t" + k + "k_" +
                          Token(rng));
          break;
        default:
          lines.push_back("# name" + k);
          break;
      }
    }
    // Each line alone: few windows (sorted); all together: many (counted).
    std::string text;
    std::vector<std::string> want;
    for (size_t i = 0; i < lines.size(); ++i) {
      Scanner alone(rules);
      std::vector<SecretMatch> found;
      REQUIRE(alone.Scan(lines[i], &found).ok());
      for (SecretMatch& m : found) {
        m.start += text.size();
        m.end += text.size();
        m.line = m.first_line = m.last_line = i + 1;
      }
      for (const std::string& d : Described(rules, found)) want.push_back(d);
      text += lines[i] + "\n";
    }
    std::vector<std::string> got = Scan(rules, text);
    // The scanner orders by rule, then offset.
    std::vector<std::pair<size_t, size_t>> order;
    {
      Scanner all(rules);
      std::vector<SecretMatch> found;
      REQUIRE(all.Scan(text, &found).ok());
      for (const SecretMatch& m : found) {
        order.emplace_back(rules.BaseRule(m.rule), m.start);
      }
    }
    CHECK(std::is_sorted(order.begin(), order.end()));
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    CHECK_MESSAGE(got == want, "round ", round, ": ", text);
  }
}

}  // namespace pushguard::match
