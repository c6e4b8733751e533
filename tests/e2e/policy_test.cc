// End-to-end: policy files given through PUSHGUARD_CONFIG.
#include <doctest/doctest.h>

#include <string>

#include "push_checks.h"

namespace pushguard::e2e {
namespace {

TEST_CASE(
    "a custom rule from PUSHGUARD_CONFIG is enforced on top of the defaults") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "rules:\n"
      "  - id: acme-token\n"
      "    description: ACME API token\n"
      "    regex: 'acme_([a-z0-9]{24})'\n"
      "    secret_group: 1\n"
      "    keywords: [acme_]\n"
      "    remediation: Revoke the token in the ACME console.\n");
  std::string before = git.BareRefs();
  std::string token = "acme_" + std::string("q8v3k1x9z0m2p7w4r6t5y1u3");
  git.CommitFile("deploy.sh", "curl -H 'X-Token: " + token + "'\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  INFO(push.err);
  CHECK(Contains(push.err, "[acme-token]"));
  CHECK(Contains(push.err, "Revoke the token"));
  CHECK_FALSE(Contains(push.err, "q8v3k1x9z0m2p7w4r6t5y1u3"));
}

// A bad policy file: the push is rejected with `file:line: rule 'id': field`,
// and scan fails with exit 2.
void CheckInvalidPolicy(const std::string& rule_yaml,
                        const std::string& expected) {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  git.SetPolicy("rules:\n  - id: broken-rule\n    description: broken\n" +
                rule_yaml);
  git.CommitFile("src/main.c", "int main(void) { return 0; }\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, expected));

  CommandResult scan =
      git.Pushguard({"scan", "--repo", git.bare().string(), "main"});
  INFO(scan.Output());
  CHECK(scan.exit_code == 2);
  CHECK(Contains(scan.err, expected));
}

TEST_CASE(
    "a policy with an unknown key rejects the push with the config error") {
  CheckInvalidPolicy("    regx: 'tok_([a-z0-9]{20})'\n    keywords: [tok_]\n",
                     "policy.yaml:4: rule 'broken-rule': regx");
}

TEST_CASE(
    "a policy with an invalid regex rejects the push with the config error") {
  CheckInvalidPolicy("    regex: '(unclosed'\n    keywords: [tok_]\n",
                     "policy.yaml:4: rule 'broken-rule': regex");
}

TEST_CASE("a rule in warn mode shows its finding and accepts the push") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "rules:\n"
      "  - id: acme-token\n"
      "    description: ACME API token\n"
      "    mode: warn\n"
      "    regex: 'acme_([a-z0-9]{24})'\n"
      "    secret_group: 1\n"
      "    keywords: [acme_]\n"
      "    remediation: Revoke the token in the ACME console.\n");
  std::string oid = git.CommitFile(
      "deploy.sh", "curl -H 'X-Acme: acme_q8v3k1x9z0m2p7w4r6t5y1u3' $URL\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK(git.BareRef("refs/heads/main") == oid);
  INFO(push.err);
  CHECK(Contains(push.err, "warning"));
  CHECK(Contains(push.err, "[acme-token]"));
  CHECK(Contains(push.err, "deploy.sh:1:23"));
  CHECK_FALSE(Contains(push.err, "q8v3k1x9z0m2p7w4r6t5y1u3"));
}

}  // namespace
}  // namespace pushguard::e2e
