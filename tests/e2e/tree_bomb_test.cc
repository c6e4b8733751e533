// End-to-end: a few hundred bytes of trees that name one subtree twice per
// level expand to 2^depth paths. The guard must refuse such a push within
// bounded time, not walk it until the server kills the hook.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "push_checks.h"
#include "raw_receive_pack.h"

namespace pushguard::e2e {
namespace {

// `git mktree` of two entries `a` and `b` naming `object` (mode `mode`).
std::string TwoEntries(const GitFixture& git, const std::string& mode,
                       const std::string& type, const std::string& object) {
  std::string input = mode + " " + type + " " + object + "\ta\n" + mode + " " +
                      type + " " + object + "\tb\n";
  CommandResult r = Run({{"git", "mktree"}, git.work(), input, git.Env()});
  REQUIRE(r.exit_code == 0);
  return r.out.substr(0, 40);
}

TEST_CASE(
    "a tree that expands to millions of paths is refused in bounded time") {
  GitFixture git;
  std::string base = PushCleanMain(git);
  CommandResult blob = Run(
      {{"git", "hash-object", "-w", "--stdin"}, git.work(), "x\n", git.Env()});
  REQUIRE(blob.exit_code == 0);
  std::string tree = TwoEntries(git, "100644", "blob", blob.out.substr(0, 40));
  for (int level = 0; level < 24; ++level) {  // 2^25 paths
    tree = TwoEntries(git, "040000", "tree", tree);
  }
  CommandResult commit =
      git.Git({"commit-tree", tree, "-p", base, "-m", "bomb"});
  REQUIRE(commit.exit_code == 0);
  std::string before = git.BareRefs();
  auto start = std::chrono::steady_clock::now();
  CommandResult push =
      git.Push({commit.out.substr(0, 40) + ":refs/heads/main"});
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  CheckRejected(git, push, before);
  CHECK(Contains(push.Output(), "expand to more than"));
  CHECK(seconds < 100);  // the fixture kills a command at 120 s
}

// A tree of `levels` levels whose entries `a` and `b` name the same subtree,
// over a leaf tree whose `a` and `b` name a blob of `content`: the ids of
// the blob and of every tree, the top tree last.
std::vector<std::string> Bomb(const GitFixture& git, const std::string& content,
                              int levels) {
  CommandResult blob = Run({{"git", "hash-object", "-w", "--stdin"},
                            git.work(),
                            content,
                            git.Env()});
  REQUIRE(blob.exit_code == 0);
  std::vector<std::string> ids = {blob.out.substr(0, 40)};
  ids.push_back(TwoEntries(git, "100644", "blob", ids.back()));
  for (int level = 0; level < levels; ++level) {
    ids.push_back(TwoEntries(git, "040000", "tree", ids.back()));
  }
  return ids;
}

TEST_CASE(
    "a changed tree bomb on top of one already in history is refused in "
    "bounded time") {
  // The diff against the parent descends into every subtree that differs
  // from the parent's, and between two bombs every one does: that walk is
  // bounded too, not only the walk of trees no parent has. (Stock git
  // cannot push it: its own pack-objects walks the 2^25 paths.)
  GitFixture git;
  std::string base = PushCleanMain(git);
  CommandResult old = git.Git({"commit-tree", Bomb(git, "x\n", 24).back(), "-p",
                               base, "-m", "old bomb"});
  REQUIRE(old.exit_code == 0);
  const std::string old_commit = old.out.substr(0, 40);
  git.UninstallHook();  // history from before the guard
  CheckAccepted(git.Push({old_commit + ":refs/heads/main"}));
  git.InstallHook();
  std::vector<std::string> objects = Bomb(git, "y\n", 24);
  CommandResult commit = git.Git(
      {"commit-tree", objects.back(), "-p", old_commit, "-m", "new bomb"});
  REQUIRE(commit.exit_code == 0);
  objects.push_back(commit.out.substr(0, 40));
  auto start = std::chrono::steady_clock::now();
  CommandResult push =
      RawPush(git, {{old_commit, objects.back(), "refs/heads/main"}}, objects);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  INFO(push.Output());
  CHECK(git.BareRef("refs/heads/main") == old_commit);
  CHECK(Contains(push.Output(), "expand to more than"));
  CHECK(seconds < 100);  // the fixture kills a command at 120 s
}

}  // namespace
}  // namespace pushguard::e2e
