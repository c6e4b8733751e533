#include "cli/policy_repository.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace pushguard::cli {
namespace {

namespace fs = std::filesystem;

rules::PolicySource System(const std::string& text) {
  rules::PolicySource s{"/etc/pushguard/00.yaml", text};
  s.system = true;
  return s;
}

}  // namespace

TEST_CASE("the policy repository is recognised by its directory") {
  const char* tmp = std::getenv("TMPDIR");
  std::string base =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/pushguard-policy-repo-XXXXXX";
  REQUIRE(mkdtemp(base.data()) != nullptr);
  fs::path dir = base;
  fs::create_directories(dir / "srv" / "policy.git");
  fs::create_directory_symlink(dir / "srv", dir / "link");
  CHECK(SameRepository((dir / "srv" / "policy.git").string(),
                       (dir / "link" / "policy.git").string()));
  CHECK(SameRepository((dir / "srv" / "policy.git").string(),
                       (dir / "srv" / "policy.git" / "").string()));
  CHECK_FALSE(SameRepository((dir / "srv").string(),
                             (dir / "srv" / "policy.git").string()));
  CHECK_FALSE(SameRepository((dir / "srv" / "policy.git").string(),
                             (dir / "missing.git").string()));
  fs::remove_all(dir);
}

TEST_CASE("policy repository layers: none configured, or unreadable") {
  std::vector<rules::PolicySource> layers = {System("settings: {}\n")};
  PolicyRepositoryState state;
  CHECK(AppendPolicyRepositoryLayers("/srv/git/app.git", &layers, &state).ok());
  CHECK(layers.size() == 1);
  CHECK(state.config.path.empty());
  CHECK(state.begin == 1);
  CHECK(state.end == 1);

  layers = {System("policy_repository: {path: /nonexistent/policy.git}\n")};
  Status s = AppendPolicyRepositoryLayers("/srv/git/app.git", &layers, &state);
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("cannot read the policy repository "
                         "(policy_repository, /etc/pushguard/00.yaml:1): "
                         "/nonexistent/policy.git") == 0);
  CHECK(layers.size() == 1);
  CHECK(state.commit.empty());
  CHECK(PolicyLayerName(state.config, "org.yaml") ==
        "/nonexistent/policy.git:refs/heads/main:org.yaml");
}

}  // namespace pushguard::cli
