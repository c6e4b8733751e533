// End-to-end: a few hundred bytes of trees that name one subtree twice per
// level expand to 2^depth paths. The guard must refuse such a push within
// bounded time, not walk it until the server kills the hook.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "push_checks.h"

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

}  // namespace
}  // namespace pushguard::e2e
