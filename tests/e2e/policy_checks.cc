#include "policy_checks.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace pushguard::e2e {

std::string SetOrgPolicy(const GitFixture& git, const std::string& yaml) {
  std::string path = (git.root() / "etc-pushguard" / "org.yaml").string();
  std::ofstream(path) << yaml;
  return path;
}

std::string SetRepoPolicy(const GitFixture& git, const std::string& yaml) {
  std::string path = (git.bare() / "pushguard.yaml").string();
  std::ofstream(path) << yaml;
  return path;
}

void AllowPushOptions(const GitFixture& git) {
  CommandResult r =
      git.BareGit({"config", "receive.advertisePushOptions", "true"});
  REQUIRE(r.exit_code == 0);
}

CommandResult PushWithOptions(const GitFixture& git,
                              const std::vector<std::string>& options,
                              const std::string& refspec) {
  std::vector<std::string> args = {"push"};
  for (const std::string& o : options) {
    args.push_back("-o");
    args.push_back(o);
  }
  args.push_back("origin");
  args.push_back(refspec);
  return git.Git(args);
}

void CheckPolicyRejection(const GitFixture& git, const CommandResult& push,
                          const std::string& refs_before,
                          const std::string& rule, const std::string& commit,
                          const std::string& what) {
  CheckRejected(git, push, refs_before);
  INFO(push.err);
  CHECK(Contains(push.err, "policy violation"));
  CHECK(Contains(push.err, "[" + rule + "]"));
  if (!commit.empty()) CHECK(Contains(push.err, commit.substr(0, 12)));
  CHECK(Contains(push.err, what));
}

std::string LastAuditRecord(const GitFixture& git) {
  std::ifstream in(git.root() / "audit.jsonl");
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

}  // namespace pushguard::e2e
