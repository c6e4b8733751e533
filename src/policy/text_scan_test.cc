#include "policy/text_scan.h"

#include <doctest/doctest.h>

#include "rules/loader.h"

namespace pushguard::policy {
namespace {

struct Compiled {
  rules::Policy policy;
  std::unique_ptr<match::RuleSet> rules;
};

// One rule: "tok_" and 16 characters, the 16 the secret; paths under
// fixtures/ allowlisted.
Compiled TokenRule() {
  Compiled c;
  std::vector<rules::Diagnostic> problems;
  c.policy = rules::LoadPolicy({{"test.yaml", R"(
rules:
  - id: tok
    regex: 'tok_([A-Za-z0-9]{16})'
    secret_group: 1
    keywords: [tok_]
    entropy: 3
    allowlist:
      paths: ['fixtures/**']
)"}},
                               &problems);
  c.rules = match::RuleSet::Compile(c.policy, &problems);
  REQUIRE(problems.empty());
  return c;
}

const char kSecret[] = "Zx8Kq2Lm9Vb4Nw7R";

}  // namespace

TEST_CASE("secrets in a name are redacted in place, the rest kept") {
  Compiled c = TokenRule();
  match::Scanner scanner(*c.rules);
  std::string s = kSecret;
  CHECK(RedactSecrets(scanner, "refs/heads/tok_" + s + "-fix") ==
        "refs/heads/tok_Zx8**********w7R-fix");
  CHECK(RedactSecrets(scanner, "a/tok_" + s + "/b/tok_" + s) ==
        "a/tok_Zx8**********w7R/b/tok_Zx8**********w7R");
  CHECK(RedactSecrets(scanner, "refs/heads/main") == "refs/heads/main");
  CHECK(RedactSecrets(scanner, "") == "");
}

TEST_CASE("paths are scanned together, each finding naming its own path") {
  Compiled c = TokenRule();
  match::Scanner scanner(*c.rules);
  std::string s = kSecret;
  std::vector<TextPlace> paths;
  for (std::string p : {std::string("src/a.txt"), "src/tok_" + s + ".txt",
                        "fixtures/tok_" + s, "x\ny/tok_" + s}) {
    paths.push_back({"refs/heads/main", "c1", kPathPrefix + p, false, p});
  }
  std::vector<Finding> out;
  REQUIRE(ScanPaths(scanner, *c.rules, paths, &out).ok());
  REQUIRE(out.size() == 2);  // the allowlisted fixture is not a finding
  CHECK(out[0].path == "(path) x\ny/tok_" + s);  // a line break: alone
  CHECK(out[1].path == "(path) src/tok_" + s + ".txt");
  CHECK(out[1].line == 1);
  CHECK(out[1].column == 9);
  CHECK(out[1].commit == "c1");
  CHECK(out[1].secret == "Zx8**********w7R");
}

TEST_CASE("a decision's names and messages lose their secrets") {
  Compiled c = TokenRule();
  std::string ref = "refs/heads/tok_" + std::string(kSecret);
  Decision d;
  Finding f;
  f.ref = ref;
  f.path = "(path) tok_" + std::string(kSecret);
  f.message = "found in " + f.path;
  d.findings = {f};
  d.error = ref + ": not a commit";
  d.notices = {"bypass by alice on " + ref};
  d.bypasses = {Bypass{"alice", "why", {}, ref, {}}};
  RedactNames(*c.rules, &d);
  for (const std::string& text :
       {d.findings[0].ref, d.findings[0].path, d.findings[0].message, d.error,
        d.notices[0], d.bypasses[0].ref}) {
    INFO(text);
    CHECK(text.find(kSecret) == std::string::npos);
    CHECK(text.find("tok_Zx8****") != std::string::npos);
  }
}

}  // namespace pushguard::policy
