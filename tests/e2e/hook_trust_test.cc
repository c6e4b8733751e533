// End-to-end: what the hook takes its configuration from (cli/hook_config.h).
// A pusher's environment cannot change the policy or the audit log unless
// the administrator's hook script vouches for it (--trust-env), and a broken
// layer can neither relax on_error nor redirect the audit record.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "install/hook_script.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
  chmod(file.c_str(), 0644);
}

// The administrator's hook script: `pushguard pre-receive --config ORG`,
// without --trust-env.
void InstallAdminHook(const GitFixture& git, const fs::path& org) {
  git.UninstallHook();
  fs::path hook = git.bare() / "hooks" / "pre-receive";
  WriteFile(hook, "#!/bin/sh\nexec " + install::ShellQuote(PushguardBin()) +
                      " pre-receive --config " +
                      install::ShellQuote(org.string()) + "\n");
  chmod(hook.c_str(), 0755);
}

}  // namespace

TEST_CASE("the default hook ignores PUSHGUARD_* in the pusher's environment") {
  GitFixture git;
  PushCleanMain(git);
  git.UninstallHook();
  CommandResult install = git.Pushguard({"install", git.bare().string()});
  REQUIRE(install.exit_code == 0);
  CHECK_FALSE(Contains(ReadAll(git.bare() / "hooks/pre-receive"), "trust"));
  fs::path repo_audit = git.root() / "repo-audit.jsonl";
  WriteFile(git.bare() / "pushguard.yaml",
            "audit:\n  file: " + repo_audit.string() + "\n");
  // The pusher's own policy switches the rule off and sends the record
  // elsewhere: both ignored.
  git.SetPolicy("rules:\n  - id: aws-access-key-id\n    enabled: false\n");
  size_t fixture_log = ReadAll(git.root() / "audit.jsonl").size();
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  git.CommitFile("config/prod.env", ProdEnv(key));
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  CHECK(Contains(push.err,
                 "warning: pushguard: PUSHGUARD_CONFIG ignored: the hook takes "
                 "its configuration only from its own arguments and files"));
  CHECK(Contains(push.err, "PUSHGUARD_AUDIT_FILE ignored"));
  CHECK(Contains(ReadAll(repo_audit), "\"verdict\":\"reject\""));
  CHECK(ReadAll(git.root() / "audit.jsonl").size() == fixture_log);

  // An administrator who sets them on the server vouches with --trust-env.
  install = git.Pushguard({"install", "--trust-env", git.bare().string()});
  REQUIRE(install.exit_code == 0);
  CHECK(Contains(ReadAll(git.bare() / "hooks/pre-receive"),
                 " pre-receive --trust-env"));
  push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK_FALSE(Contains(push.err, "ignored"));
}

TEST_CASE(
    "on_error: accept of an intact layer holds when a later one is broken") {
  GitFixture git;
  PushCleanMain(git);
  fs::path org = git.root() / "org.yaml";
  fs::path org_audit = git.root() / "org-audit.jsonl";
  WriteFile(org, "settings:\n  on_error: accept\naudit:\n  file: " +
                     org_audit.string() + "\n");
  InstallAdminHook(git, org);
  WriteFile(git.bare() / "pushguard.yaml", "rules: [unclosed\n");
  std::string c = git.CommitFile("a.txt", "clean\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK(git.BareRef("refs/heads/main") == c);
  CHECK(Contains(push.err,
                 "warning: pushguard could not finish checking; accepted "
                 "because the policy says to accept then:"));
  CHECK(Contains(push.err, "pushguard.yaml:"));
  std::string record = ReadAll(org_audit);
  INFO(record);
  CHECK(Contains(record, "\"verdict\":\"error\",\"accepted\":true"));
}

TEST_CASE("a broken layer cannot relax on_error, and no accept rejects") {
  GitFixture git;
  PushCleanMain(git);
  fs::path org = git.root() / "org.yaml";
  fs::path org_audit = git.root() / "org-audit.jsonl";
  WriteFile(org, "audit:\n  file: " + org_audit.string() + "\n");
  InstallAdminHook(git, org);
  // The broken repository layer asks for accept and another audit file.
  WriteFile(git.bare() / "pushguard.yaml",
            "settings:\n  on_error: accept\naudit:\n  file: " +
                (git.root() / "elsewhere.jsonl").string() +
                "\nrules:\n  - id: x\n    regex: 'a('\n");
  std::string before = git.BareRefs();
  git.CommitFile("a.txt", "clean\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "invalid pushguard configuration"));
  CHECK_FALSE(fs::exists(git.root() / "elsewhere.jsonl"));
  std::string record = ReadAll(org_audit);
  INFO(record);
  CHECK(Contains(record, "\"verdict\":\"error\",\"accepted\":false"));

  // Without any accept and the repository layer merely unreadable: rejected.
  WriteFile(git.bare() / "pushguard.yaml", "settings: {}\n");
  chmod((git.bare() / "pushguard.yaml").c_str(), 0666);
  push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "policy file is writable by every user"));
}

}  // namespace pushguard::e2e
