// The bad-input matrix: hostile or broken input gets a clear error or a
// correct verdict, never a crash, a hang or a silent acceptance, and the hook
// never changes the repository.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "git_fixture.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kZero(40, '0');

// Every file under `dir` with its size and modification time.
std::string Snapshot(const fs::path& dir) {
  std::vector<std::string> entries;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string line = e.path().lexically_relative(dir).string();
    if (e.is_regular_file()) {
      line += " " + std::to_string(e.file_size()) + " " +
              std::to_string(e.last_write_time().time_since_epoch().count());
    }
    entries.push_back(line);
  }
  std::sort(entries.begin(), entries.end());
  std::string out;
  for (const std::string& e : entries) out += e + "\n";
  return out;
}

// Runs the hook by hand against the bare repository, as git would run the
// fixture's hook script (which trusts the fixture's PUSHGUARD_* variables).
CommandResult RunHook(const GitFixture& git, const std::string& stdin_lines,
                      std::map<std::string, std::string> env = {}) {
  env.emplace("GIT_DIR", git.bare().string());
  return git.Pushguard({"pre-receive", "--trust-env"}, stdin_lines, env);
}

// A quarantine directory holding `commit`'s new objects as one pack, the way
// receive-pack leaves them for the hook.
fs::path QuarantineWithPack(const GitFixture& git, const std::string& commit) {
  fs::path quarantine = git.root() / "incoming";
  fs::create_directories(quarantine / "pack");
  Command list{{"git", "rev-list", "--objects", commit, "--not", "--remotes"},
               git.work(),
               "",
               git.Env()};
  CommandResult objects = Run(list);
  REQUIRE(objects.exit_code == 0);
  Command pack{{"git", "pack-objects", (quarantine / "pack" / "pack").string()},
               git.work(),
               objects.out,
               git.Env()};
  REQUIRE(Run(pack).exit_code == 0);
  return quarantine;
}

std::map<std::string, std::string> QuarantineEnv(const GitFixture& git,
                                                 const fs::path& quarantine) {
  return {
      {"GIT_QUARANTINE_PATH", quarantine.string()},
      {"GIT_OBJECT_DIRECTORY", quarantine.string()},
      {"GIT_ALTERNATE_OBJECT_DIRECTORIES", (git.bare() / "objects").string()}};
}

}  // namespace

TEST_CASE("an object missing from the repository fails closed with its id") {
  GitFixture git;
  PushCleanMain(git);
  std::string missing(40, 'e');
  CommandResult r = RunHook(git, kZero + " " + missing + " refs/heads/x\n");
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, missing));
  CHECK(Contains(r.err, "the guard failed, not you"));
}

TEST_CASE(
    "a truncated pack or a corrupt loose object in the quarantine fails "
    "closed") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  std::string commit = git.CommitFile("src/a.c", "int a;\n");
  fs::path quarantine = QuarantineWithPack(git, commit);
  std::string line = main + " " + commit + " refs/heads/main\n";
  CHECK(RunHook(git, line, QuarantineEnv(git, quarantine)).exit_code == 0);

  for (const auto& e : fs::directory_iterator(quarantine / "pack")) {
    if (e.path().extension() == ".pack") {
      fs::resize_file(e.path(), fs::file_size(e.path()) / 2);
    }
  }
  CommandResult truncated = RunHook(git, line, QuarantineEnv(git, quarantine));
  CHECK(truncated.exit_code == 2);
  CHECK(Contains(truncated.err, "the guard failed, not you"));

  fs::remove_all(quarantine);
  std::string bogus = "ab" + std::string(38, 'c');
  fs::create_directories(quarantine / "ab");
  std::ofstream(quarantine / "ab" / std::string(38, 'c')) << "not zlib data";
  CommandResult corrupt =
      RunHook(git, main + " " + bogus + " refs/heads/main\n",
              QuarantineEnv(git, quarantine));
  CHECK(corrupt.exit_code == 2);
  CHECK(Contains(corrupt.err, bogus));
}

TEST_CASE("the hook never changes the repository it checks") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  std::string before = Snapshot(git.bare());
  std::string commit = git.CommitFile("config/prod.env", ProdEnv(FakeAwsKey()));
  fs::path quarantine = QuarantineWithPack(git, commit);
  std::string q_before = Snapshot(quarantine);
  CommandResult r = RunHook(git, main + " " + commit + " refs/heads/main\n",
                            QuarantineEnv(git, quarantine));
  CHECK(r.exit_code == 1);
  CHECK(Snapshot(git.bare()) == before);
  CHECK(Snapshot(quarantine) == q_before);
  CheckRejected(git, git.Push({"HEAD:refs/heads/main"}), git.BareRefs());
  CHECK(Snapshot(git.bare()) == before);
}

TEST_CASE("a 100 MB single-line file is scanned to its end") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  git.CommitFile("data/blob.txt", std::string(100 << 20, 'x') + " " + key);
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "data/blob.txt:1:104857602"));
  CHECK_FALSE(Contains(push.err, key));
}

TEST_CASE("terminal escapes in paths and messages reach the pusher escaped") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  git.Write("evil\x1b[2J\x1b]0;owned\x07.env", "KEY=" + FakeAwsKey() + "\n");
  git.Commit("msg \x1b[31mred\x1b[0m " + FakeAwsKey());
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "evil\\x1b[2J\\x1b]0;owned\\x07.env:1:5"));
  CHECK(Contains(push.err, "(commit message):1:"));
  CHECK(push.err.find('\x1b') == std::string::npos);
  CHECK(push.err.find('\x07') == std::string::npos);
}

TEST_CASE("ten thousand refs in one push are all checked") {
  GitFixture git;
  PushCleanMain(git);
  std::string clean = git.CommitFile("a.txt", "clean\n");
  std::string dirty = git.CommitFile("b.env", ProdEnv(FakeAwsKey()));
  std::string updates;
  for (int i = 0; i < 10000; ++i) {
    updates += "create refs/heads/many/b" + std::to_string(i) + " " +
               (i == 7777 ? dirty : clean) + "\n";
  }
  Command create{
      {"git", "update-ref", "--stdin"}, git.work(), updates, git.Env()};
  REQUIRE(Run(create).exit_code == 0);
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"refs/heads/many/*:refs/heads/many/*"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "refs/heads/many/b7777"));
  Command drop{{"git", "update-ref", "-d", "refs/heads/many/b7777"},
               git.work(),
               "",
               git.Env()};
  REQUIRE(Run(drop).exit_code == 0);
  CheckAccepted(git.Push({"refs/heads/many/*:refs/heads/many/*"}));
  CHECK(git.BareRef("refs/heads/many/b9999") == clean);
}

TEST_CASE("a deep history, an octopus merge and a wide tree are accepted") {
  GitFixture git;
  PushCleanMain(git);
  std::string stream;
  for (int i = 0; i < 3000; ++i) {
    std::string file = "line " + std::to_string(i) + "\n";
    stream += "commit refs/heads/deep\ncommitter A <a@example.com> " +
              std::to_string(1700000000 + i) + " +0000\ndata 2\nc\n";
    if (i == 0) stream += "from refs/heads/main\n";
    stream += "M 100644 inline deep.txt\ndata " + std::to_string(file.size()) +
              "\n" + file + "\n";
  }
  Command import{
      {"git", "fast-import", "--quiet"}, git.work(), stream, git.Env()};
  REQUIRE(Run(import).exit_code == 0);
  CheckAccepted(git.Push({"refs/heads/deep:refs/heads/deep"}));

  std::vector<std::string> merge = {"merge", "-q", "--no-edit"};
  for (int b = 0; b < 8; ++b) {
    std::string name = "side" + std::to_string(b);
    REQUIRE(git.Git({"checkout", "-q", "-b", name, "main"}).exit_code == 0);
    git.CommitFile(name + ".txt", "side\n");
    merge.push_back(name);
  }
  REQUIRE(git.Git({"checkout", "-q", "main"}).exit_code == 0);
  REQUIRE(git.Git(merge).exit_code == 0);
  for (int i = 0; i < 20000; ++i) {
    git.Write("wide/f" + std::to_string(i) + ".txt", std::to_string(i) + "\n");
  }
  git.Commit("wide tree");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

TEST_CASE("symlinks and submodule entries are handled") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  fs::create_symlink("/etc/passwd", git.work() / "link");
  Command gitlink{{"git", "update-index", "--add", "--cacheinfo",
                   "160000," + main + ",vendor/lib"},
                  git.work(),
                  "",
                  git.Env()};
  REQUIRE(Run(gitlink).exit_code == 0);
  git.Commit("symlink and submodule");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

TEST_CASE("a SHA-256 repository gets a clear unsupported error") {
  GitFixture git;
  fs::path sha256 = git.root() / "sha256.git";
  Command init{{"git", "init", "-q", "--bare", "--object-format=sha256",
                sha256.string()},
               git.root(),
               "",
               git.Env()};
  REQUIRE(Run(init).exit_code == 0);
  CommandResult r = git.Pushguard(
      {"pre-receive", "--trust-env"},
      std::string(64, '0') + " " + std::string(64, 'a') + " refs/heads/x\n",
      {{"GIT_DIR", sha256.string()}});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "SHA-256"));
  CHECK(Contains(r.err, "supports SHA-1 repositories only"));
}

TEST_CASE("a configuration file that cannot be read rejects the push") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  git.SetEnv("PUSHGUARD_CONFIG", git.root().string());  // a directory
  git.CommitFile("a.txt", "clean\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "cannot read policy file: not a regular file"));
}

}  // namespace pushguard::e2e

namespace pushguard::e2e {

TEST_CASE(
    "without a quarantine, a created ref brings what no ref reaches yet") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  git.UninstallHook();
  std::string dirty = git.CommitFile("b.env", ProdEnv(FakeAwsKey()));
  REQUIRE(git.Push({"HEAD:refs/heads/tmp"}).exit_code == 0);
  REQUIRE(git.BareGit({"update-ref", "-d", "refs/heads/tmp"}).exit_code == 0);
  // The commit is in the object store but no ref reaches it: it is new.
  CommandResult dangling =
      RunHook(git, kZero + " " + dirty + " refs/heads/new\n");
  CHECK(dangling.exit_code == 1);
  CHECK(Contains(dangling.err, "[aws-access-key-id]"));
  // A new ref at a commit that main already reaches brings nothing new.
  CommandResult known =
      RunHook(git, kZero + " " + main + " refs/heads/other\n");
  CHECK(known.exit_code == 0);
  CHECK(Contains(known.err, "checked 0 commits"));
}

}  // namespace pushguard::e2e

namespace pushguard::e2e {

TEST_CASE("the hook needs no network: it decides the same without one") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  if (Run({{"unshare", "-n", "true"}, git.root(), "", git.Env()}).exit_code !=
      0) {
    MESSAGE("unshare -n is not permitted here; skipped");
    return;
  }
  std::string commit = git.CommitFile("config/prod.env", ProdEnv(FakeAwsKey()));
  fs::path quarantine = QuarantineWithPack(git, commit);
  std::map<std::string, std::string> env = git.Env();
  for (const auto& [k, v] : QuarantineEnv(git, quarantine)) env[k] = v;
  env["GIT_DIR"] = git.bare().string();
  CommandResult r =
      Run({{"unshare", "-n", PushguardBin(), "pre-receive", "--trust-env"},
           git.root(),
           main + " " + commit + " refs/heads/main\n",
           env});
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.err, "[aws-access-key-id]"));
}

}  // namespace pushguard::e2e
