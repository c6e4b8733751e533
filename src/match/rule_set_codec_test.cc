// RuleSet::Encode / Decode (the compiled form behind the build's default
// pack and the configuration cache).
#include <doctest/doctest.h>

#include "match/matcher.h"
#include "match/regex.h"
#include "rules/loader.h"
#include "rules/policy_codec.h"

namespace pushguard::match {
namespace {

const char kPolicy[] = R"(
rules:
  - id: t-token
    regex: 'tok_[a-z0-9]{16}'
    keywords: [tok_]
)";

rules::Policy Load() {
  std::vector<rules::Diagnostic> problems;
  rules::Policy policy = rules::LoadPolicy({{"t.yaml", kPolicy}}, &problems);
  REQUIRE(problems.empty());
  return policy;
}

size_t CountMatches(const RuleSet& rules, std::string_view text) {
  Scanner scanner(rules);
  std::vector<SecretMatch> found;
  REQUIRE(scanner.Scan(text, &found).ok());
  return found.size();
}

TEST_CASE("A keyword database this vectorscan cannot load is rebuilt") {
  rules::Policy policy = Load();
  ByteWriter w;
  rules::EncodeMatchSpec(rules::MatchSpecOf(policy), &w);
  w.PutString(std::string(1, '\0'));  // whole_text flag of the one rule
  w.PutString("not a vectorscan database");
  ByteReader r(w.bytes());
  Result<std::unique_ptr<RuleSet>> rules = RuleSet::Decode(&r);
  REQUIRE(rules.ok());
  CHECK(CountMatches(**rules, "a = tok_a1b2c3d4e5f6a7b8\n") == 1);
}

TEST_CASE("Decoded rules match like compiled ones, regexes compiled lazily") {
  rules::Policy policy = Load();
  std::vector<rules::Diagnostic> problems;
  auto compiled = RuleSet::Compile(policy, &problems);
  ByteWriter w;
  compiled->Encode(&w);
  ByteReader r(w.bytes());
  Result<std::unique_ptr<RuleSet>> decoded = RuleSet::Decode(&r);
  REQUIRE(decoded.ok());
  CHECK(r.done());
  const char text[] = "a = tok_a1b2c3d4e5f6a7b8\nb = tok_q9w8e7r6t5y4u3i2\n";
  CHECK(CountMatches(**decoded, text) == 2);
  CHECK(CountMatches(*compiled, text) == 2);
  // A flags list that does not match the rules is damage, not a guess.
  ByteWriter bad;
  rules::EncodeMatchSpec(rules::MatchSpecOf(policy), &bad);
  bad.PutString("");  // no flags for the one rule
  bad.PutString("");
  ByteReader br(bad.bytes());
  CHECK_FALSE(RuleSet::Decode(&br).ok());
}

TEST_CASE("A deferred regex that does not compile fails the scan closed") {
  Regex bad("(", Regex::Deferred{});
  CHECK(bad.ok());  // not compiled yet
  RegexMatcher matcher;
  CHECK(matcher.Find(bad, "(((", 0) == RegexMatcher::Outcome::kError);
  CHECK_FALSE(bad.ok());
}

}  // namespace
}  // namespace pushguard::match
