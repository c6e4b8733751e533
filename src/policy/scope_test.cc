#include "policy/scope.h"

#include <doctest/doctest.h>

namespace pushguard::policy {

TEST_CASE("repository globs match server names and git dir paths") {
  CHECK(RepositoryMatches({}, "anything"));
  CHECK(RepositoryMatches({"platform/*"}, "platform/api"));
  CHECK_FALSE(RepositoryMatches({"platform/*"}, "platform/api/sub"));
  CHECK(RepositoryMatches({"srv/git/*"}, "/srv/git/app.git"));
  CHECK(RepositoryMatches({"**/app"}, "/srv/git/app.git"));
  CHECK(RepositoryMatches({"app"}, "/srv/git/app.git"));
  CHECK_FALSE(RepositoryMatches({"web"}, "/srv/git/app.git"));
}

TEST_CASE("scope: repos, refs and exempt users decide where a policy applies") {
  rules::PushPolicy p;
  p.scope.repos = {"group/*"};
  p.scope.refs = {"refs/heads/main", "refs/heads/release/**"};
  p.scope.exempt_users = {"release-bot"};
  PushContext alice{"alice", "group/app", "", {}};
  CHECK(Applies(p, alice, "refs/heads/main"));
  CHECK(Applies(p, alice, "refs/heads/release/1.2/hotfix"));
  CHECK_FALSE(Applies(p, alice, "refs/heads/feature"));
  CHECK_FALSE(Applies(p, {"alice", "other/app", "", {}}, "refs/heads/main"));
  CHECK_FALSE(
      Applies(p, {"release-bot", "group/app", "", {}}, "refs/heads/main"));
}

TEST_CASE("the first matching scoped mode wins over the policy's own mode") {
  rules::PushPolicy p;
  p.mode = rules::Mode::kWarn;
  p.modes = {{{}, {"refs/heads/main"}, rules::Mode::kEnforce},
             {{"legacy/*"}, {}, rules::Mode::kEvaluate}};
  PushContext c{"u", "group/app", "", {}};
  CHECK(ModeFor(p, c, "refs/heads/main") == rules::Mode::kEnforce);
  CHECK(ModeFor(p, c, "refs/heads/dev") == rules::Mode::kWarn);
  c.repository = "legacy/app";
  CHECK(ModeFor(p, c, "refs/heads/dev") == rules::Mode::kEvaluate);
  Finding f = PolicyFinding(p, c, "refs/heads/dev", "abc", "x", "why");
  CHECK(f.kind == "policy");
  CHECK(f.severity == Severity::kInfo);
}

}  // namespace pushguard::policy
