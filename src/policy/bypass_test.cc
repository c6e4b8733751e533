#include "policy/bypass.h"

#include <doctest/doctest.h>

#include "rules/loader.h"

namespace pushguard::policy {
namespace {

rules::Policy Load() {
  std::vector<rules::Diagnostic> problems;
  rules::Policy p = rules::LoadPolicy({{"org.yaml", R"(
policies:
  - id: linear
    type: no_merge_commits
    bypass: {bypassable: true, users: [alice]}
  - id: dco
    type: signed_off_by
    bypass: {users: [alice]}
)"}},
                                      &problems);
  REQUIRE(problems.empty());
  return p;
}

Finding Blocking(const std::string& kind, const std::string& rule,
                 const std::string& commit) {
  Finding f;
  f.kind = kind;
  f.rule = rule;
  f.ref = "refs/heads/main";
  f.commit = commit;
  return f;
}

}  // namespace

TEST_CASE("bypass push options: a reason, and optionally the rules") {
  BypassRequest r = ParseBypassOptions(
      {"ci.skip", "pushguard.bypass= incident 42 ", "pushguard.bypass.rule=a",
       "pushguard.bypass.rule=b", "pushguard.bypass.rule=a"});
  CHECK(r.requested);
  CHECK(r.reason == "incident 42");
  CHECK(r.rules == std::vector<std::string>{"a", "b"});
  CHECK_FALSE(ParseBypassOptions({"ci.skip"}).requested);
  r = ParseBypassOptions({"pushguard.bypass"});
  CHECK(r.requested);
  CHECK(r.reason.empty());
}

TEST_CASE("a listed user bypasses a bypassable policy and it is recorded") {
  rules::Policy policy = Load();
  std::vector<rules::Diagnostic> problems;
  auto policies = PushPolicies::Compile(policy, &problems);
  Decision d;
  d.findings = {Blocking("policy", "linear", "c1"),
                Blocking("policy", "linear", "c2")};
  ApplyBypass(*policies, {"alice", "app", "", {"pushguard.bypass=hotfix"}}, &d);
  CHECK(d.findings[0].severity == Severity::kWarn);
  REQUIRE(d.bypasses.size() == 1);
  CHECK(d.bypasses[0].user == "alice");
  CHECK(d.bypasses[0].reason == "hotfix");
  CHECK(d.bypasses[0].rules == std::vector<std::string>{"linear"});
  CHECK(d.bypasses[0].commits == std::vector<std::string>{"c1", "c2"});
}

TEST_CASE("a bypass is refused without a reason, for others, and for secrets") {
  rules::Policy policy = Load();
  std::vector<rules::Diagnostic> problems;
  auto policies = PushPolicies::Compile(policy, &problems);
  struct Case {
    std::string user;
    std::vector<std::string> options;
    std::vector<Finding> findings;
    std::string notice;
  };
  const Case cases[] = {
      {"alice",
       {"pushguard.bypass"},
       {Blocking("policy", "linear", "c")},
       "bypass refused: a reason is required"},
      {"bob",
       {"pushguard.bypass=why"},
       {Blocking("policy", "linear", "c")},
       "bypass refused for [linear]: 'bob' is not on its bypass list"},
      {"alice",
       {"pushguard.bypass=why"},
       {Blocking("policy", "dco", "c")},
       "bypass refused for [dco]: it is not bypassable"},
      {"alice",
       {"pushguard.bypass=why"},
       {Blocking("policy", "linear", "c"), Blocking("secret", "aws", "c")},
       "bypass refused for [aws]: secrets cannot be bypassed"},
      {"alice",
       {"pushguard.bypass=why", "pushguard.bypass.rule=dco"},
       {Blocking("policy", "linear", "c")},
       "bypass refused for [linear]: it is not named by -o "
       "pushguard.bypass.rule"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.notice);
    Decision d;
    d.findings = c.findings;
    ApplyBypass(*policies, {c.user, "app", "", c.options}, &d);
    CHECK(d.bypasses.empty());
    CHECK(d.findings[0].severity == Severity::kBlock);
    REQUIRE_FALSE(d.notices.empty());
    CHECK(d.notices[0].rfind(c.notice, 0) == 0);
  }
}

}  // namespace pushguard::policy

namespace pushguard::policy {

TEST_CASE(
    "a pusher on the bypass list is told, unasked, that they may bypass") {
  rules::Policy policy = Load();
  std::vector<rules::Diagnostic> problems;
  auto policies = PushPolicies::Compile(policy, &problems);
  struct Case {
    std::string user;
    std::vector<Finding> findings;
    std::string notice;  // "" for none
  };
  const Case cases[] = {
      {"alice",
       {Blocking("policy", "linear", "c1"), Blocking("policy", "linear", "c2")},
       "you (alice) may bypass [linear]: push again with git push -o "
       "pushguard.bypass=\"<why this push must go through>\" (the reason "
       "and your name are recorded in the audit log)"},
      {"alice",
       {Blocking("policy", "linear", "c"), Blocking("secret", "aws", "c")},
       "you (alice) may bypass [linear], but [aws] cannot be bypassed by "
       "you: fix those first, then push with git push -o "
       "pushguard.bypass=\"<why this push must go through>\""},
      {"bob", {Blocking("policy", "linear", "c")}, ""},
      {"alice", {Blocking("policy", "dco", "c")}, ""},
      {"alice", {Blocking("secret", "aws", "c")}, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.user);
    CAPTURE(c.notice);
    Decision d;
    d.findings = c.findings;
    ApplyBypass(*policies, {c.user, "app", "", {}}, &d);
    CHECK(d.bypasses.empty());
    CHECK(d.findings[0].severity == Severity::kBlock);
    if (c.notice.empty()) {
      CHECK(d.notices.empty());
    } else {
      CHECK(d.notices == std::vector<std::string>{c.notice});
    }
  }
}

TEST_CASE("a malformed tree is never bypassed, even by a policy of its name") {
  std::vector<rules::Diagnostic> problems;
  rules::Policy policy = rules::LoadPolicy({{"org.yaml", R"(
policies:
  - id: malformed-tree
    type: no_merge_commits
    bypass: {bypassable: true, users: [alice]}
)"}},
                                           &problems);
  REQUIRE(problems.empty());
  auto policies = PushPolicies::Compile(policy, &problems);
  Decision d;
  Finding f;
  f.kind = "policy";
  f.rule = "malformed-tree";
  f.ref = "refs/heads/main";
  d.findings = {f};
  ApplyBypass(*policies, {"alice", "app", "", {"pushguard.bypass=hotfix"}}, &d);
  CHECK(d.findings[0].severity == Severity::kBlock);
  CHECK(d.bypasses.empty());
  REQUIRE(d.notices.size() == 1);
  CHECK(d.notices[0] ==
        "bypass refused for [malformed-tree]: malformed objects cannot be "
        "bypassed");
}

}  // namespace pushguard::policy
