// End-to-end: `pushguard install` into a real bare repository.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "push_checks.h"

namespace pushguard::e2e {
namespace {

TEST_CASE("the installed hook keeps a pre-existing pre-receive hook working") {
  GitFixture git;
  git.UninstallHook();
  std::filesystem::path hook = git.bare() / "hooks" / "pre-receive";
  {
    std::ofstream out(hook);
    out << "#!/bin/sh\nwhile read old new ref; do\n"
           "  case $ref in refs/heads/frozen) echo \"frozen is read-only\" "
           ">&2; exit 1;; esac\n"
           "done\nexit 0\n";
  }
  std::filesystem::permissions(hook, std::filesystem::perms(0755));
  git.InstallHook();
  git.CommitFile("README.md", "# chained\n");
  CHECK(git.Push({"HEAD:refs/heads/main"}).exit_code == 0);
  CommandResult frozen = git.Push({"HEAD:refs/heads/frozen"});
  INFO(frozen.Output());
  CHECK(frozen.exit_code != 0);
  CHECK(Contains(frozen.err, "frozen is read-only"));
  CHECK(git.BareRef("refs/heads/frozen").empty());
}

TEST_CASE("install --server plain recommends receive.fsckObjects until set") {
  GitFixture git;
  std::string bare = git.bare().string();
  const std::string advice = bare + ": recommended: git -C " + bare +
                             " config receive.fsckObjects true";
  CommandResult r = git.Pushguard({"install", "--server", "plain", bare});
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
  CHECK(Contains(r.out, advice));
  REQUIRE(git.BareGit({"config", "receive.fsckObjects", "true"}).exit_code ==
          0);
  r = git.Pushguard({"install", "--server", "plain", bare});
  CHECK(r.exit_code == 0);
  CHECK_FALSE(Contains(r.out, "receive.fsckObjects"));
  // transfer.fsckObjects stands in for it when it is unset.
  REQUIRE(git.BareGit({"config", "--unset", "receive.fsckObjects"}).exit_code ==
          0);
  REQUIRE(git.BareGit({"config", "transfer.fsckObjects", "true"}).exit_code ==
          0);
  r = git.Pushguard({"install", "--server", "plain", bare});
  CHECK_FALSE(Contains(r.out, "receive.fsckObjects"));
  // Uninstalling recommends nothing.
  REQUIRE(
      git.BareGit({"config", "--unset", "transfer.fsckObjects"}).exit_code ==
      0);
  r = git.Pushguard({"install", "--uninstall", "--server", "plain", bare});
  CHECK_FALSE(Contains(r.out, "receive.fsckObjects"));
}

}  // namespace
}  // namespace pushguard::e2e
