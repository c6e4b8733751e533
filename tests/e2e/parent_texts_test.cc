// End-to-end: whether a parent version of a file already holds a finding
// (policy::ParentTexts), read from a real repository or taken from the
// matches of the blobs the same scan has read (policy::ScannedBlobs).
#include "policy/parent_texts.h"

#include <doctest/doctest.h>

#include <string>

#include "git/repository.h"
#include "git_fixture.h"
#include "match/rules_for_test.h"
#include "policy/match_text.h"

namespace pushguard::e2e {
namespace {

// The matches of `content` as a scan reads a blob.
policy::ScannedBlobs::Matches MatchesOf(match::Scanner& scanner,
                                        const match::RuleSet& rules,
                                        const std::string& content) {
  std::vector<policy::MatchText> texts = policy::BlobTexts(content);
  policy::ScannedBlobs::Matches matches;
  REQUIRE(policy::ScanTexts(scanner, rules, texts, &matches).ok());
  return matches;
}

}  // namespace

TEST_CASE("a parent version scanned by the same scan is not read again") {
  GitFixture git;
  const std::string key = FakeAwsKey();
  const std::string with_key = "aws_access_key_id = " + key + "\n";
  git.CommitFile("config.ini", with_key);
  const std::string parent =
      git.Git({"rev-parse", "HEAD:config.ini"}).out.substr(0, 40);
  Result<std::unique_ptr<git::Repository>> repo =
      git::Repository::Open(git.work().string());
  REQUIRE(repo.ok());
  const match::RuleSet& rules = *match::DefaultRules().rules;
  match::Scanner scanner(rules);
  policy::ScannedBlobs::Matches found = MatchesOf(scanner, rules, with_key);
  REQUIRE(found.size() >= 1);
  REQUIRE(found[0].size() == 1);
  const match::SecretMatch m = found[0][0];
  CHECK(m.secret == key);

  // Read from the store: the parent holds the same finding.
  policy::ParentTexts from_store(**repo, scanner, rules);
  Result<bool> held = from_store.Holds(parent, m);
  REQUIRE(held.ok());
  CHECK(*held);
  // A blob the store lacks cannot be read...
  const std::string absent(40, 'e');
  CHECK(from_store.Holds(absent, m).status().code() == Status::Code::kNotFound);

  // ... unless this scan has read it already: then its matches answer,
  // whether they hold the secret or not, and nothing is read.
  policy::ScannedBlobs scanned;
  scanned.Add(absent, found);
  const std::string other(40, 'd');
  scanned.Add(other, MatchesOf(scanner, rules, "nothing secret here\n"));
  policy::ParentTexts known(**repo, scanner, rules, &scanned);
  held = known.Holds(absent, m);
  REQUIRE(held.ok());
  CHECK(*held);
  held = known.Holds(other, m);
  REQUIRE(held.ok());
  CHECK_FALSE(*held);
  // The same secret found by another rule is no evidence.
  match::SecretMatch other_rule = m;
  other_rule.rule = rules.BaseRule(0) != rules.BaseRule(m.rule) ? 0 : 1;
  REQUIRE(rules.BaseRule(other_rule.rule) != rules.BaseRule(m.rule));
  held = known.Holds(absent, other_rule);
  REQUIRE(held.ok());
  CHECK_FALSE(*held);
}

}  // namespace pushguard::e2e

namespace pushguard::e2e {

TEST_CASE("kept matches are bounded: a push full of matches is read again") {
  // A pusher controls how many matches each blob holds (50,000 in 2 MiB):
  // keeping them all for every blob of the push would grow memory with the
  // push, so past kMaxMatches in all a blob's matches are not kept.
  policy::ScannedBlobs scanned;
  match::SecretMatch m;
  m.secret = "x";
  policy::ScannedBlobs::Matches many(
      1, std::vector<match::SecretMatch>(policy::ScannedBlobs::kMaxMatches, m));
  scanned.Add(std::string(40, 'a'), many);
  CHECK(scanned.Find(std::string(40, 'a')) != nullptr);
  scanned.Add(std::string(40, 'b'), {{m}});  // one more is past the bound
  CHECK(scanned.Find(std::string(40, 'b')) == nullptr);
  scanned.Add(std::string(40, 'c'), {});  // a blob without matches still is
  CHECK(scanned.Find(std::string(40, 'c')) != nullptr);
}

}  // namespace pushguard::e2e
