// End-to-end: the policy as a reviewed Git repository. The system layer
// names a bare repository on the "server" (policy_repository:); pushes to it
// publish the policy (checked like `rules check`, refused with
// <path>:<ref>:<file>:<line> errors when invalid), pushes to other
// repositories are judged by its ref's files, every audit record names the
// policy commit, and a broken or missing policy fails closed except in the
// policy repository itself (so that a push can repair it).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "policy_checks.h"
#include "server_fixture.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// policy.git (bare, hook installed) beside the fixture's server.git, a
// clone of it in policy-work/, and /etc/pushguard/00-system.yaml naming it.
class PolicyRepo {
 public:
  explicit PolicyRepo(const GitFixture& git,
                      const std::string& system_extra = "")
      : git_(git) {
    REQUIRE(Run({{"git", "init", "-q", "--bare", bare().string()},
                 git.root(),
                 "",
                 git.Env()})
                .exit_code == 0);
    CommandResult install =
        git.Pushguard({"install", "--trust-env", bare().string()});
    INFO(install.Output());
    REQUIRE(install.exit_code == 0);
    CommandResult clone =
        Run({{"git", "clone", "-q", bare().string(), work().string()},
             git.root(),
             "",
             git.Env()});
    INFO(clone.Output());
    REQUIRE(clone.exit_code == 0);
    WriteFile(
        git.root() / "etc-pushguard" / "00-system.yaml",
        "policy_repository:\n  path: " + bare().string() + "\n" + system_extra);
  }

  fs::path bare() const { return git_.root() / "policy.git"; }
  fs::path work() const { return git_.root() / "policy-work"; }
  // "<path>:refs/heads/main:<file>", as messages name a policy file.
  std::string Name(const std::string& file) const {
    return bare().string() + ":refs/heads/main:" + file;
  }

  CommandResult Git(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    return Run({argv, work(), "", git_.Env()});
  }
  // Writes `file` in the clone and commits it; returns the commit.
  std::string Commit(const std::string& file, const std::string& yaml) const {
    WriteFile(work() / file, yaml);
    REQUIRE(Git({"add", "-A"}).exit_code == 0);
    CommandResult commit = Git({"commit", "-q", "-m", "policy: " + file});
    INFO(commit.Output());
    REQUIRE(commit.exit_code == 0);
    return Trimmed(Git({"rev-parse", "HEAD"}).out);
  }
  CommandResult Push(const std::string& refspec = "HEAD:refs/heads/main") {
    return Git({"push", "origin", refspec});
  }
  std::string Refs() const {
    return Run({{"git", "--git-dir=" + bare().string(), "for-each-ref"},
                git_.root(),
                "",
                git_.Env()})
        .out;
  }
  void Undo() const {
    REQUIRE(Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  }

 private:
  const GitFixture& git_;
};

const char kNoBinaries[] =
    "policies:\n  - id: no-bin\n    type: forbidden_paths\n"
    "    paths: ['*.bin']\n";
const char kNoIsoImages[] =
    "policies:\n  - id: no-iso\n    type: forbidden_paths\n"
    "    paths: ['*.iso']\n"
    "    remediation: Disk images belong in the artifact store.\n";

std::string LastPolicyCommit(const GitFixture& git) {
  std::vector<audit::AuditRecord> records =
      AuditRecords(git.root() / "audit.jsonl");
  REQUIRE(!records.empty());
  return records.back().policy_commit;
}

}  // namespace

TEST_CASE(
    "a policy pushed to the policy repository judges the next push to "
    "another repository, and the record names the policy commit") {
  GitFixture git;
  PushCleanMain(git);
  PolicyRepo policy(git);
  // The first policy: the ref does not exist yet, so this push is judged
  // without it, and the pushed policy is checked.
  std::string v1 = policy.Commit("10-org.yaml", kNoBinaries);
  CommandResult first = policy.Push();
  CheckAccepted(first);
  CHECK(Contains(first.err, "no ref refs/heads/main"));
  CHECK(Contains(first.err, "judged without it"));

  std::string before = git.BareRefs();
  std::string bin = git.CommitFile("fw/image.bin",
                                   "\x7f"
                                   "ELF\n");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "no-bin", bin, "fw/image.bin");
  CHECK(LastPolicyCommit(git) == v1);
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);

  // Not forbidden by v1: accepted, judged by v1.
  git.CommitFile("images/a.iso", "disk 1\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(LastPolicyCommit(git) == v1);

  // v2 adds a policy in a second file; it is checked and published.
  std::string v2 = policy.Commit("20-images.yaml", kNoIsoImages);
  CommandResult second = policy.Push();
  CheckAccepted(second);
  CHECK(Trimmed(Run({{"git", "--git-dir=" + policy.bare().string(), "rev-parse",
                      "refs/heads/main"},
                     git.root(),
                     "",
                     git.Env()})
                    .out) == v2);
  CHECK(LastPolicyCommit(git) == v1);  // the policy push was judged by v1

  before = git.BareRefs();
  std::string iso = git.CommitFile("images/b.iso", "disk 2\n");
  CommandResult refused = git.Push({"HEAD:refs/heads/main"});
  CheckPolicyRejection(git, refused, before, "no-iso", iso, "images/b.iso");
  CHECK(Contains(refused.err, "Disk images belong in the artifact store."));
  CHECK(LastPolicyCommit(git) == v2);

  CommandResult log =
      git.Pushguard({"log", "--file", (git.root() / "audit.jsonl").string(),
                     "--format", "json"});
  CHECK(Contains(log.out, "\"policy_commit\":\"" + v2 + "\""));
  CommandResult stats =
      git.Pushguard({"log", "--file", (git.root() / "audit.jsonl").string(),
                     "--stats", "--format", "json"});
  INFO(stats.Output());
  // v1 refused the .bin push, v2 the .iso push: one rejection each.
  const std::string by_policy =
      stats.out.substr(stats.out.find("\"rejections_by_policy\""));
  CHECK(Contains(by_policy, "{\"policy\":\"" + v2 + "\",\"count\":1}"));
  CommandResult show =
      git.Pushguard({"policy", "show", "--repo", git.bare().string()});
  INFO(show.Output());
  CHECK(show.exit_code == 0);
  CHECK(Contains(show.out, "  " + policy.Name("20-images.yaml") + "\n"));
  CHECK(Contains(show.out, "policy repository: " + policy.bare().string() +
                               " refs/heads/main at commit " + v2));
  CHECK(Contains(show.out, "no-iso  (forbidden_paths, enforce)"));
  CHECK(Contains(show.out, "from " + policy.Name("20-images.yaml") + ":2"));
}

TEST_CASE(
    "an invalid policy pushed to the policy repository is refused with "
    "file:line errors, whatever on_error says") {
  GitFixture git;
  PushCleanMain(git);
  SetOrgPolicy(git, std::string(kNoBinaries) +
                        "    mandatory: true\nsettings:\n  on_error: accept\n");
  PolicyRepo policy(git);
  policy.Commit("10-org.yaml", kNoIsoImages);
  CheckAccepted(policy.Push());
  std::string refs = policy.Refs();

  // Invalid YAML.
  policy.Commit("20-bad.yaml", "policies:\n  - id: x\n    paths: [a, b\n");
  CommandResult yaml = policy.Push();
  INFO(yaml.Output());
  CHECK(yaml.exit_code != 0);
  CHECK(Contains(yaml.err, "[policy-repository]"));
  CHECK(Contains(yaml.err, policy.Name("20-bad.yaml:4: invalid YAML")));
  CHECK(policy.Refs() == refs);
  policy.Undo();

  // A regex that does not compile, and an example its rule does not find.
  policy.Commit("20-rules.yaml",
                "rules:\n  - id: acme-token\n    regex: 'acme_([a-z'\n"
                "  - id: acme-key\n    regex: 'acmekey_[0-9]{8}'\n"
                "    examples: ['acmekey_12']\n");
  CommandResult rules = policy.Push();
  INFO(rules.Output());
  CHECK(rules.exit_code != 0);
  CHECK(Contains(rules.err, policy.Name("20-rules.yaml:3: rule 'acme-token': "
                                        "regex:")));
  CHECK(Contains(rules.err, "rule 'acme-key': examples"));
  CHECK(policy.Refs() == refs);
  policy.Undo();

  // Weakening the system layer's mandatory policy.
  policy.Commit("20-weak.yaml", "policies:\n  - id: no-bin\n    mode: warn\n");
  CommandResult weak = policy.Push();
  INFO(weak.Output());
  CHECK(weak.exit_code != 0);
  CHECK(Contains(weak.err, policy.Name("20-weak.yaml:3: rule 'no-bin': mode: "
                                       "ignored")));
  CHECK(policy.Refs() == refs);

  // A review branch may hold work in progress: only the configured ref
  // publishes the policy.
  CheckAccepted(policy.Push("HEAD:refs/heads/review"));
  refs = policy.Refs();
  policy.Undo();

  // A policy file must be a plain file, not a link to one elsewhere.
  fs::create_symlink("10-org.yaml", policy.work() / "30-link.yaml");
  REQUIRE(policy.Git({"add", "30-link.yaml"}).exit_code == 0);
  REQUIRE(policy.Git({"commit", "-q", "-m", "link"}).exit_code == 0);
  CommandResult link = policy.Push();
  INFO(link.Output());
  CHECK(link.exit_code != 0);
  CHECK(Contains(link.err, "30-link.yaml: a symbolic link, not a policy file"));
  CHECK(policy.Refs() == refs);
  policy.Undo();

  // Deleting the policy would leave the servers without one.
  CommandResult remove = policy.Push(":refs/heads/main");
  INFO(remove.Output());
  CHECK(remove.exit_code != 0);
  CHECK(Contains(remove.err, "would leave every server without its policy"));

  // The servers still judge by the last valid policy.
  std::string before = git.BareRefs();
  std::string iso = git.CommitFile("a.iso", "disk\n");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "no-iso", iso, "a.iso");
}

TEST_CASE(
    "a policy repository that cannot be read fails closed, saying why, "
    "unless the system layer says on_error: accept") {
  GitFixture git;
  PushCleanMain(git);
  PolicyRepo policy(git);
  // The ref does not exist yet.
  std::string before = git.BareRefs();
  git.CommitFile("notes.txt", "hello\n");
  CommandResult no_ref = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, no_ref, before);
  INFO(no_ref.err);
  CHECK(Contains(no_ref.err, "cannot read the policy repository"));
  CHECK(Contains(no_ref.err,
                 policy.bare().string() + ": no ref refs/heads/main"));
  std::vector<audit::AuditRecord> records =
      AuditRecords(git.root() / "audit.jsonl");
  REQUIRE(!records.empty());
  CHECK(records.back().verdict == "error");
  CHECK(Contains(records.back().error, "no ref refs/heads/main"));

  // The repository is gone (or unreadable).
  fs::rename(policy.bare(), git.root() / "policy-moved.git");
  CommandResult missing = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, missing, before);
  CHECK(Contains(missing.err, "cannot read the policy repository"));
  CHECK(Contains(missing.err, policy.bare().string()));

  // The administrator's system layer may choose to accept then.
  WriteFile(git.root() / "etc-pushguard" / "00-system.yaml",
            "policy_repository:\n  path: " + policy.bare().string() +
                "\nsettings:\n  on_error: accept\n");
  CommandResult accepted = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(accepted);
  CHECK(Contains(accepted.err, "cannot read the policy repository"));
}

TEST_CASE("only the system layer may name the policy repository") {
  GitFixture git;
  PushCleanMain(git);
  std::string repo =
      SetRepoPolicy(git, "policy_repository:\n  path: /tmp/elsewhere.git\n");
  std::string before = git.BareRefs();
  git.CommitFile("notes.txt", "hello\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, repo + ":2: policy_repository: only "
                                  "/etc/pushguard/*.yaml"));
}

TEST_CASE(
    "a broken policy that reached the ref around the hook fails closed "
    "elsewhere, and a push to the policy repository can repair it") {
  GitFixture git;
  PushCleanMain(git);
  PolicyRepo policy(git);
  policy.Commit("10-org.yaml", kNoIsoImages);
  CheckAccepted(policy.Push());
  // A review branch is not checked as policy; an administrator then moves
  // the ref on the server directly, around the hook.
  policy.Commit("20-bad.yaml", "rules:\n  - id: bad\n    regex: 'a('\n");
  CheckAccepted(policy.Push("HEAD:refs/heads/review"));
  REQUIRE(Run({{"git", "--git-dir=" + policy.bare().string(), "update-ref",
                "refs/heads/main", "refs/heads/review"},
               git.root(),
               "",
               git.Env()})
              .exit_code == 0);

  std::string before = git.BareRefs();
  git.CommitFile("notes.txt", "hello\n");
  CommandResult refused = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, refused, before);
  CHECK(Contains(refused.err, "invalid pushguard configuration"));
  CHECK(
      Contains(refused.err, policy.Name("20-bad.yaml:3: rule 'bad': regex:")));

  policy.Undo();
  std::string fixed = policy.Commit("20-good.yaml", kNoBinaries);
  CommandResult repair = policy.Push("+HEAD:refs/heads/main");
  CheckAccepted(repair);
  CHECK(Contains(repair.err,
                 "is broken; in the policy repository itself "
                 "this push is judged without it"));
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  std::vector<audit::AuditRecord> records =
      AuditRecords(git.root() / "audit.jsonl");
  REQUIRE(!records.empty());
  CHECK(records.back().policy_commit == fixed);
}

}  // namespace pushguard::e2e
