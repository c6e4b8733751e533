// policy_repository: in the system layer only, validated, found without
// loading the rest of the policy.
#include <doctest/doctest.h>

#include "rules/loader.h"

namespace pushguard::rules {
namespace {

PolicySource System(const std::string& name, const std::string& text) {
  PolicySource s{name, text};
  s.system = true;
  return s;
}

std::string Problems(const std::vector<Diagnostic>& problems) {
  return FormatDiagnostics(problems);
}

}  // namespace

TEST_CASE("policy_repository is read from a system layer, ref by default") {
  std::vector<Diagnostic> problems;
  Policy p =
      LoadPolicy({System("/etc/pushguard/org.yaml",
                         "policy_repository:\n  path: /srv/git/policy.git\n")},
                 &problems);
  INFO(Problems(problems));
  CHECK(problems.empty());
  CHECK(p.settings.policy_repository.path == "/srv/git/policy.git");
  CHECK(p.settings.policy_repository.ref == "refs/heads/main");
  CHECK(p.settings.policy_repository.origin.file == "/etc/pushguard/org.yaml");
  CHECK(p.settings.policy_repository.origin.line == 2);

  std::vector<Diagnostic> none;
  PolicyRepository found = FindPolicyRepository(
      {PolicySource{"repo.yaml", "policy_repository: {path: /elsewhere.git}\n"},
       System("/etc/pushguard/a.yaml",
              "policy_repository: {path: /srv/p.git, ref: refs/heads/x}\n"),
       System("/etc/pushguard/b.yaml", "settings: {on_error: reject}\n")},
      &none);
  CHECK(none.empty());
  CHECK(found.path == "/srv/p.git");
  CHECK(found.ref == "refs/heads/x");
  CHECK(FindPolicyRepository({System("x.yaml", "rules: [\n")}, &none).path ==
        "");
}

TEST_CASE("policy_repository elsewhere than the system layer is a problem") {
  std::vector<Diagnostic> problems;
  Policy p =
      LoadPolicy({PolicySource{"/srv/git/app.git/pushguard.yaml",
                               "policy_repository:\n  path: /tmp/mine.git\n"}},
                 &problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].ToString() ==
        "/srv/git/app.git/pushguard.yaml:2: policy_repository: only "
        "/etc/pushguard/*.yaml (the system layer) may name the policy "
        "repository");
  CHECK(p.settings.policy_repository.path.empty());
}

TEST_CASE("policy_repository: path and ref are checked") {
  std::vector<Diagnostic> problems;
  LoadPolicy({System("org.yaml",
                     "policy_repository:\n  path: relative.git\n"
                     "  ref: main\n  reff: x\n")},
             &problems);
  std::string all = Problems(problems);
  INFO(all);
  CHECK(all.find("org.yaml:2: policy_repository.path: must be the absolute "
                 "path") != std::string::npos);
  CHECK(all.find("org.yaml:3: policy_repository.ref: must be a full ref "
                 "name") != std::string::npos);
  CHECK(all.find("org.yaml:4: policy_repository.reff: unknown key (did you "
                 "mean 'ref'?)") != std::string::npos);
  problems.clear();
  LoadPolicy({System("org.yaml", "policy_repository: {ref: refs/heads/x}\n")},
             &problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].ToString() ==
        "org.yaml:1: policy_repository.path: missing");
}

}  // namespace pushguard::rules
