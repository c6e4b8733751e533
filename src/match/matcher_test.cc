#include "match/matcher.h"

#include <doctest/doctest.h>

#include "match/rules_for_test.h"
#include "match/secret_text.h"
#include "rules/loader.h"

namespace pushguard::match {
namespace {

const char kTokenRule[] = R"(
rules:
  - id: tok
    regex: 'tok_([A-Za-z0-9]{16})'
    secret_group: 1
    keywords: [tok_]
    entropy: 3
    allowlist:
      stopwords: [dummy]
      regexes: ['^AAAA']
      paths: ['fixtures/**']
)";

}  // namespace

TEST_CASE("a match reports the secret group with its line and column") {
  Compiled c = CompileYaml(kTokenRule);
  REQUIRE(c.problems.empty());
  auto found = ScanText(*c.rules, "first\nkey = tok_q8Zr4Lm2Xw9Pk3Ty here\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].secret == "q8Zr4Lm2Xw9Pk3Ty");
  CHECK(found[0].line == 2);
  CHECK(found[0].column == 11);
  CHECK(found[0].first_line == 2);
  CHECK(found[0].last_line == 2);
}

TEST_CASE("entropy, stopwords, allowlist regexes and inline markers filter") {
  Compiled c = CompileYaml(kTokenRule);
  CHECK(ScanText(*c.rules, "tok_aaaaaaaaaaaaaaaa").empty());  // entropy
  CHECK(ScanText(*c.rules, "tok_Dummy8Zr4Lm2Xw9P").empty());  // stopword
  CHECK(ScanText(*c.rules, "tok_AAAAq8Zr4Lm2Xw9P").empty());  // regex
  auto allowed = ScanText(*c.rules, "tok_q8Zr4Lm2Xw9Pk3Ty # pushguard:allow");
  REQUIRE(allowed.size() == 1);
  CHECK(allowed[0].allowed_by == "pushguard:allow");
  CHECK(allowed[0].marker_line == 1);
  // The scanner reports the marker; honouring it is policy's decision.
  CHECK(c.rules->rule(allowed[0].rule).mode ==
        c.rules->rule(c.rules->BaseRule(allowed[0].rule)).mode);
  auto next_line =
      ScanText(*c.rules, "tok_q8Zr4Lm2Xw9Pk3Ty\n# pushguard:allow");
  REQUIRE(next_line.size() == 1);
  CHECK(next_line[0].allowed_by.empty());
  CHECK(c.rules->PathAllowed(0, "fixtures/a/b.txt"));
  CHECK_FALSE(c.rules->PathAllowed(0, "src/b.txt"));
}

TEST_CASE("a fingerprint allowlist suppresses only that secret") {
  std::string fp = Fingerprint("tok", "q8Zr4Lm2Xw9Pk3Ty");
  Compiled c = CompileYaml(std::string(kTokenRule) +
                           "allowlist:\n  fingerprints: ['" + fp + "']\n");
  REQUIRE(c.problems.empty());
  CHECK(ScanText(*c.rules, "tok_q8Zr4Lm2Xw9Pk3Ty").empty());
  CHECK(ScanText(*c.rules, "tok_Z8Zr4Lm2Xw9Pk3Ty").size() == 1);
}

TEST_CASE("keywords gate rules case-insensitively") {
  Compiled c = CompileYaml(R"(
rules:
  - id: upper
    regex: '(?i)TOK_([a-z0-9]{16})'
    secret_group: 1
    keywords: [tok_]
  - id: never-gated
    regex: 'zz([0-9]{4})'
    secret_group: 1
)");
  REQUIRE(c.problems.empty());
  CHECK(ScanText(*c.rules, "TOK_q8zr4lm2xw9pk3ty").size() == 1);
  CHECK(ScanText(*c.rules, "zz1234").size() == 1);
  CHECK(ScanText(*c.rules, "nothing here").empty());
}

TEST_CASE(
    "keywords select each rule once, however many of its keywords occur") {
  Compiled c = CompileYaml(R"(
rules:
  - id: a
    regex: '(?:alpha|beta)=([0-9]{6})'
    secret_group: 1
    keywords: [alpha, beta]
  - id: b
    regex: 'beta:([0-9]{6})'
    secret_group: 1
    keywords: [beta]
  - id: ungated
    regex: 'zz([0-9]{4})'
    secret_group: 1
)");
  REQUIRE(c.problems.empty());
  // One scanner across blobs: what one blob selects must not leak into the
  // next.
  Scanner scanner(*c.rules);
  auto scan = [&](std::string_view text) {
    std::vector<SecretMatch> found;
    REQUIRE(scanner.Scan(text, &found).ok());
    std::vector<std::string> ids;
    for (const SecretMatch& m : found) ids.push_back(c.rules->rule(m.rule).id);
    return ids;
  };
  CHECK(scan("alpha=583920 beta=271846 beta:314975 zz9381") ==
        std::vector<std::string>{"a", "a", "b", "ungated"});
  CHECK(scan("beta:628417") == std::vector<std::string>{"b"});
  CHECK(scan("alpha=583920") == std::vector<std::string>{"a"});
  CHECK(scan("beta:739164 is not an alpha").size() == 1);
  CHECK(scan("zz4817") == std::vector<std::string>{"ungated"});
  CHECK(scan("nothing here").empty());
}

TEST_CASE("bad regexes are configuration errors, not crashes") {
  Compiled c = CompileYaml(R"(
rules:
  - id: unclosed
    regex: '(abc'
  - id: group
    regex: 'a(b)'
    secret_group: 2
  - id: ok
    regex: 'fine'
    allowlist:
      regexes: ['[z-a]']
)");
  CHECK(
      c.problems ==
      std::vector<std::string>{
          "test.yaml:4: rule 'unclosed': regex: invalid regex: missing closing "
          "parenthesis at offset 4",
          "test.yaml:6: rule 'group': secret_group: is 2 but the regex has 1 "
          "capture group(s)",
          "test.yaml:11: rule 'ok': allowlist.regexes[0]: invalid regex: range "
          "out of order in character class at offset 3"});
  CHECK(c.rules->size() == 1);
}

TEST_CASE("a catastrophically backtracking regex hits the limit, not a hang") {
  Compiled c = CompileYaml("rules:\n  - id: evil\n    regex: '(a+)+$'\n");
  REQUIRE(c.problems.empty());
  Status status;
  ScanText(*c.rules, std::string(5000, 'a') + "!", &status);
  CHECK_FALSE(status.ok());
  CHECK(status.message().find("rule 'evil': regex exceeded the PCRE2") == 0);
}

TEST_CASE("binary content and NUL bytes are scanned safely") {
  Compiled c = CompileYaml(kTokenRule);
  std::string data("\0\xff\xfe tok_q8Zr4Lm2Xw9Pk3Ty \0", 27);
  CHECK(ScanText(*c.rules, data).size() == 1);
}

TEST_CASE("every example of the default rules matches, no negative does") {
  const rules::Policy& policy = DefaultRules().policy;
  size_t examples = 0, negatives = 0;
  for (const rules::SecretRule& r : policy.secret_rules) {
    examples += r.examples.size();
    negatives += r.negative_examples.size();
  }
  CHECK(examples >= 150);  // the loop below checks something
  CHECK(negatives >= 50);
  std::vector<rules::Diagnostic> problems;
  DefaultRules().rules->CheckExamples(&problems);
  for (const rules::Diagnostic& d : problems) CHECK(d.ToString() == "");
  Compiled c = CompileYaml(R"(
rules:
  - id: tok
    regex: 'tok_([a-z]{4})'
    secret_group: 1
    keywords: [tok_]
    examples: ['tok_abcd', 'tok_AB']
    negative_examples: ['tok_wxyz']
)");
  std::vector<rules::Diagnostic> check;
  c.rules->CheckExamples(&check);
  REQUIRE(check.size() == 2);
  CHECK(check[0].ToString() ==
        "test.yaml:3: rule 'tok': examples[1]: does not match the rule");
  CHECK(check[1].ToString() ==
        "test.yaml:3: rule 'tok': negative_examples[0]: "
        "matches the rule but must not");
}

TEST_CASE("redaction keeps at most a fifth of each end") {
  CHECK(Redact("AKIAIOSFODNN7EXAMPLE") == "AKIA************MPLE");
  CHECK(Redact("short") == "*****");
  CHECK(Redact("0123456789") == "01******89");
  CHECK(Redact(std::string(100, 'x')).size() == 4 + 16 + 4);
  // Pinned: allowlists and audit logs hold fingerprints across versions
  // (the first 32 hex digits of SHA-256 over "pushguard-fingerprint-v1",
  // rule id and secret, NUL-separated).
  CHECK(Fingerprint("r", "s") == "821af76288863060f3f53f0603cac4d6");
  CHECK(Fingerprint("aws-access-key-id", "AKIAIOSFODNN7EXAMPLE") ==
        "3afab571345fa6073074e81d855ed289");
  CHECK(Fingerprint("r", "s") != Fingerprint("r2", "s"));
  CHECK(Fingerprint("r", "s") != Fingerprint("r", "s2"));
}

}  // namespace pushguard::match

namespace pushguard::match {

// A rule whose keyword is context, not part of the match.
const char kContextRule[] = R"(
rules:
  - id: acme
    regex: '(?<![A-Za-z0-9])([a-f0-9]{32})(?![A-Za-z0-9])'
    secret_group: 1
    keywords: [acme]
)";

TEST_CASE("a single-line rule runs only on the lines around its keywords") {
  Compiled c = CompileYaml(kContextRule);
  REQUIRE(c.problems.empty());
  const std::string value = "3e1f9c0a7b6d5e4f3a2b1c0d9e8f7a6b";
  // Keyword on the same line, and up to two lines above or below.
  for (const std::string& text :
       {"acme_key = " + value + "\n", "# acme\nkey = " + value + "\n",
        "[acme]\n\nkey = " + value + "\n",
        "key = " + value + "\n\n# for acme\n"}) {
    CAPTURE(text);
    auto found = ScanText(*c.rules, text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].secret == value);
  }
  // Farther away the keyword does not select the line.
  CHECK(ScanText(*c.rules, "# acme\n\n\nkey = " + value + "\n").empty());
  std::string far = "acme\n";
  for (int i = 0; i < 1000; ++i) far += "filler line\n";
  CHECK(ScanText(*c.rules, far + "key = " + value + "\n").empty());
  // Each occurrence selects its own lines, however far apart.
  auto twice =
      ScanText(*c.rules, "acme " + value + "\n" + far + "acme " + value + "\n");
  CHECK(twice.size() == 2);
}

TEST_CASE("a rule whose matches cross lines runs over the whole blob") {
  Compiled c = CompileYaml(R"(
rules:
  - id: block
    regex: 'BEGIN ACME\s+([A-Za-z0-9]{24})\s+END'
    secret_group: 1
    keywords: [begin acme]
)");
  REQUIRE(c.problems.empty());
  std::string body = "BEGIN ACME\n";
  for (int i = 0; i < 10; ++i) body += "\n";
  body += "q8Zr4Lm2Xw9Pk3Tyq8Zr4Lm2\n\n\n\nEND\n";
  auto found = ScanText(*c.rules, body);
  REQUIRE(found.size() == 1);
  CHECK(found[0].secret == "q8Zr4Lm2Xw9Pk3Tyq8Zr4Lm2");
  CHECK(found[0].line == 12);
}

}  // namespace pushguard::match

namespace pushguard::match {

TEST_CASE("keyword_scope: file lets a keyword anywhere select the rule") {
  Compiled c =
      CompileYaml(std::string(kContextRule) + "    keyword_scope: file\n");
  REQUIRE(c.problems.empty());
  std::string far = "acme\n";
  for (int i = 0; i < 1000; ++i) far += "filler line\n";
  auto found =
      ScanText(*c.rules, far + "key = 3e1f9c0a7b6d5e4f3a2b1c0d9e8f7a6b\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 1002);
  Compiled bad = CompileYaml(std::string(kContextRule) +
                             "    keyword_scope: everywhere\n");
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].find("keyword_scope: must be 'lines' or 'file'") !=
        std::string::npos);
}

}  // namespace pushguard::match
