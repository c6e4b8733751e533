#include "push_checks.h"

#include <doctest/doctest.h>

namespace pushguard::e2e {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// config/prod.env with the key on line 3, column 8.
std::string ProdEnv(const std::string& key) {
  return "# production settings\nREGION=eu-west-1\nAWS_ID=" + key + "\n";
}

void CheckAccepted(const CommandResult& push) {
  INFO(push.Output());
  CHECK(push.exit_code == 0);
}

// Rejected by the hook, and not a single ref of the bare repository moved.
void CheckRejected(const GitFixture& git, const CommandResult& push,
                   const std::string& refs_before) {
  INFO(push.Output());
  CHECK(push.exit_code != 0);
  CHECK(Contains(push.err, "pre-receive hook declined"));
  CHECK(git.BareRefs() == refs_before);
}

// The finding names the rule and the key only in redacted form.
void CheckRedactedAwsFinding(const std::string& output,
                             const std::string& key) {
  INFO(output);
  CHECK(Contains(output, "[aws-access-key-id]"));
  CHECK_FALSE(Contains(output, key));
  CHECK(Contains(output, key.substr(0, 4) + "*"));
  CHECK(Contains(output, "*" + key.substr(16)));
}

// Pushes one clean commit to main; returns its oid.
std::string PushCleanMain(GitFixture& git) {
  std::string oid =
      git.CommitFile("README.md", "# service\n", "initial commit");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  INFO(push.Output());
  REQUIRE(push.exit_code == 0);
  return oid;
}

void Checkout(const GitFixture& git, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"checkout", "-q"};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult r = git.Git(argv);
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
}

}  // namespace pushguard::e2e
