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

}  // namespace
}  // namespace pushguard::e2e
