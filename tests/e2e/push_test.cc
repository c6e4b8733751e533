// End-to-end: real `git push` into a bare repository guarded by pushguard.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "push_checks.h"

namespace pushguard::e2e {
namespace {

TEST_CASE("a clean push is accepted and updates the branch") {
  GitFixture git;
  std::string oid = git.CommitFile("src/app.py", "print('hello')\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == oid);
}

TEST_CASE(
    "a secret on a new branch is rejected with a precise redacted message") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  std::string oid =
      git.CommitFile("config/prod.env", ProdEnv(key), "add prod config");
  CommandResult push = git.Push({"HEAD:refs/heads/feature"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  INFO(push.err);
  CHECK(Contains(push.err, "config/prod.env:3:8"));
  CHECK(Contains(push.err, oid.substr(0, 7)));
  CHECK(Contains(push.err, "refs/heads/feature"));
  CHECK(Contains(push.err, "hint:"));
  CHECK(Contains(push.err, "rotate"));
  CHECK((Contains(push.err, "git commit --amend") ||
         Contains(push.err, "git rebase -i")));
  CHECK(git.BareRef("refs/heads/feature").empty());
}

TEST_CASE(
    "a secret in the very first push into an empty repository is rejected") {
  GitFixture git;
  std::string key = FakeAwsKey();
  git.CommitFile("config/prod.env", ProdEnv(key));
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, "");
  CheckRedactedAwsFinding(push.err, key);
}

TEST_CASE(
    "three refs pushed at once with a secret only on the second are all "
    "rejected") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  for (const char* branch : {"one", "two", "three"}) {
    Checkout(git, {"-b", branch, "main"});
    std::string content =
        branch == std::string("two") ? ProdEnv(key) : "clean\n";
    git.CommitFile(std::string("config/") + branch + ".env", content);
  }
  CommandResult push = git.Push({"one", "two", "three"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  CHECK(Contains(push.err, "refs/heads/two"));
  CHECK(Contains(push.err, "config/two.env:3:8"));
}

TEST_CASE("a secret added then removed within one push is still rejected") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  std::string added =
      git.CommitFile("config/prod.env", ProdEnv(key), "add key");
  git.CommitFile("config/prod.env", ProdEnv("${AWS_ID}"), "oops, use the env");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  CHECK(Contains(push.err, added.substr(0, 7)));
}

TEST_CASE(
    "a secret already in history blocks neither unrelated pushes nor edits of "
    "other lines") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  git.UninstallHook();
  git.CommitFile("config/prod.env", ProdEnv(key), "legacy config");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  git.InstallHook();

  std::string unrelated = git.CommitFile("docs/notes.md", "notes\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == unrelated);

  std::string content = ProdEnv(key);
  content.replace(content.find("eu-west-1"), 9, "us-east-2");
  std::string edit =
      git.CommitFile("config/prod.env", content + "DEBUG=0\n", "move region");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == edit);
}

TEST_CASE(
    "a force push rewriting history with a secret is rejected, a clean one "
    "accepted") {
  GitFixture git;
  std::string base = PushCleanMain(git);
  std::string tip = git.CommitFile("src/a.txt", "a\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  std::string before = git.BareRefs();

  REQUIRE(git.Git({"reset", "-q", "--hard", base}).exit_code == 0);
  std::string key = FakeAwsKey();
  git.CommitFile("config/prod.env", ProdEnv(key), "rewrite");
  CommandResult forced = git.Push({"--force", "HEAD:refs/heads/main"});
  CheckRejected(git, forced, before);
  CheckRedactedAwsFinding(forced.err, key);
  CHECK(git.BareRef("refs/heads/main") == tip);

  REQUIRE(git.Git({"reset", "-q", "--hard", base}).exit_code == 0);
  std::string clean = git.CommitFile("src/b.txt", "b\n", "clean rewrite");
  CheckAccepted(git.Push({"--force", "HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == clean);
}

TEST_CASE("a push that only deletes a branch is accepted") {
  GitFixture git;
  PushCleanMain(git);
  CheckAccepted(git.Push({"HEAD:refs/heads/topic"}));
  REQUIRE_FALSE(git.BareRef("refs/heads/topic").empty());
  CheckAccepted(git.Push({"--delete", "topic"}));
  CHECK(git.BareRef("refs/heads/topic").empty());
}

TEST_CASE("an annotated tag on a new commit carrying a secret is rejected") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  git.CommitFile("config/prod.env", ProdEnv(key), "release config");
  REQUIRE(git.Git({"tag", "-a", "v1.0", "-m", "release 1.0"}).exit_code == 0);
  CommandResult push = git.Push({"refs/tags/v1.0"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  CHECK(Contains(push.err, "refs/tags/v1.0"));
}

TEST_CASE("a clean merge of two clean branches is accepted") {
  GitFixture git;
  PushCleanMain(git);
  for (const char* branch : {"left", "right"}) {
    Checkout(git, {"-b", branch, "main"});
    git.CommitFile(std::string(branch) + ".txt", std::string(branch) + "\n");
  }
  Checkout(git, {"left"});
  REQUIRE(git.Git({"merge", "-q", "--no-ff", "--no-edit", "right"}).exit_code ==
          0);
  std::string merge = git.Git({"rev-parse", "HEAD"}).out.substr(0, 40);
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == merge);
}

TEST_CASE("a merge resolution that introduces a secret is rejected") {
  GitFixture git;
  git.CommitFile("settings.ini", "value=1\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  for (const char* branch : {"left", "right"}) {
    Checkout(git, {"-b", branch, "main"});
    git.CommitFile("settings.ini", std::string("value=") + branch + "\n");
    CheckAccepted(git.Push({branch}));
  }
  std::string before = git.BareRefs();
  Checkout(git, {"left"});
  // Conflicts (exit 1): the resolution below is the merge's content.
  REQUIRE(git.Git({"merge", "-q", "--no-edit", "right"}).exit_code == 1);
  std::string key = FakeAwsKey();
  git.Write("settings.ini", "value=both\nAWS_ID=" + key + "\n");
  REQUIRE(git.Git({"add", "settings.ini"}).exit_code == 0);
  REQUIRE(git.Git({"commit", "-q", "--no-edit"}).exit_code == 0);
  CommandResult push = git.Push({"left"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  CHECK(Contains(push.err, "settings.ini:2:8"));
}

TEST_CASE("a clean binary file with NUL bytes is accepted") {
  GitFixture git;
  std::string binary;
  for (int i = 0; i < 20000; ++i) binary += static_cast<char>((i * 7919) % 256);
  binary.replace(100, 4, std::string("\0\0\0\0", 4));
  std::string oid = git.CommitFile("assets/logo.bin", binary);
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == oid);
}

TEST_CASE(
    "malformed stdin to pushguard pre-receive is an error naming the line") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  std::string zeros(40, '0');
  std::map<std::string, std::string> env = {{"GIT_DIR", git.bare().string()}};
  CommandResult one = git.Pushguard({"pre-receive", "--trust-env"},
                                    "this is not a ref update\n", env);
  INFO(one.Output());
  CHECK(one.exit_code == 2);
  CHECK(Contains(one.err, "stdin:1:"));

  std::string input =
      main + " " + zeros + " refs/heads/main\n" + zeros + " " + main + "\n";
  CommandResult two = git.Pushguard({"pre-receive", "--trust-env"}, input, env);
  INFO(two.Output());
  CHECK(two.exit_code == 2);
  CHECK(Contains(two.err, "stdin:2:"));
  CHECK(git.BareRef("refs/heads/main") == main);
}

TEST_CASE(
    "secrets in file names with spaces, unicode and a newline are shown "
    "escaped") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string k1 = FakeAwsKey(), k2 = FakeAwsKey(), k3 = FakeAwsKey();
  git.Write("my secrets/key file.env", ProdEnv(k1));
  git.Write(
      "donn\xc3\xa9"
      "es/cl\xc3\xa9.env",
      ProdEnv(k2));
  git.Write("evil\nname.env", ProdEnv(k3));
  git.Commit("odd names");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  for (const std::string& key : {k1, k2, k3})
    CheckRedactedAwsFinding(push.err, key);
  INFO(push.err);
  CHECK(Contains(push.err, "key file.env"));
  CHECK((Contains(push.err, "cl\xc3\xa9.env") ||
         Contains(push.err, "cl\\303\\251.env")));
  CHECK(Contains(push.err, "evil\\nname.env"));
  CHECK_FALSE(Contains(push.err, "evil\nname"));
}

// Commits `count` new files under `dir`, the last one holding `last`.
std::string CommitMany(GitFixture& git, const std::string& dir, int count,
                       const std::string& last) {
  for (int i = 0; i < count - 1; ++i) {
    git.Write(dir + "/f" + std::to_string(i) + ".txt",
              dir + " file " + std::to_string(i) + "\n");
  }
  git.Write(dir + "/last.env", last);
  return git.Commit("add " + dir);
}

bool BareHasPack(const GitFixture& git) {
  for (const auto& e :
       std::filesystem::directory_iterator(git.bare() / "objects" / "pack")) {
    if (e.path().extension() == ".pack") return true;
  }
  return false;
}

TEST_CASE("pushes of more than 100 objects (a kept pack) are scanned") {
  GitFixture git;
  std::string clean = CommitMany(git, "bulk", 150, "clean\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == clean);
  CHECK(BareHasPack(git));  // receive-pack kept a pack, not loose objects

  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  CommitMany(git, "bulk2", 150, ProdEnv(key));
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  CHECK(Contains(push.err, "bulk2/last.env:3:8"));
}

TEST_CASE("pushes of fewer than 100 objects (loose objects) are scanned") {
  GitFixture git;
  std::string clean = CommitMany(git, "few", 3, "clean\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == clean);
  CHECK_FALSE(BareHasPack(git));

  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  CommitMany(git, "few2", 3, ProdEnv(key));
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  CHECK(Contains(push.err, "few2/last.env:3:8"));
}

TEST_CASE("every push leaves one audit record, and none holds the secret") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  git.CommitFile("config/prod.env", ProdEnv(key));
  CHECK(git.Push({"HEAD:refs/heads/main"}).exit_code != 0);
  std::ifstream in(git.root() / "audit.jsonl");
  std::vector<std::string> records;
  for (std::string line; std::getline(in, line);) records.push_back(line);
  REQUIRE(records.size() == 2);
  CHECK(Contains(records[0], "\"verdict\":\"accept\""));
  CHECK(Contains(records[1], "\"verdict\":\"reject\""));
  CHECK(Contains(records[1], "aws-access-key-id"));
  CHECK_FALSE(Contains(records[1], key));
}

}  // namespace
}  // namespace pushguard::e2e
