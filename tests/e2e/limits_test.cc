// Resource limits: the time budget never hangs a push and never degrades
// silently, and the thread count does not change what is found.
#include <doctest/doctest.h>

#include <regex>

#include "git_fixture.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

// One commit with `files` generated source files, plus a secret at the end.
void CommitManyFiles(GitFixture& git, int files) {
  std::string body;
  for (int line = 0; line < 200; ++line) {
    body += "int value_" + std::to_string(line) + " = compute(" +
            std::to_string(line) + ");\n";
  }
  for (int i = 0; i < files; ++i) {
    git.Write("gen/file_" + std::to_string(i) + ".c",
              "// file " + std::to_string(i) + "\n" + body);
  }
  git.Write("config/prod.env", ProdEnv(FakeAwsKey()));
  git.Commit("many files");
}

std::string WithoutTimings(const std::string& json) {
  return std::regex_replace(json, std::regex("\"elapsed_ms\":[0-9]+"), "");
}

}  // namespace

TEST_CASE("a push that outlasts the time budget is rejected, and says why") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  git.SetPolicy("limits:\n  time_budget: 0.001\n");
  CommitManyFiles(git, 2000);
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "the time budget ran out after"));
  CHECK(Contains(push.err, "the guard failed, not you"));
}

TEST_CASE("on_timeout: accept lets a push through with a warning") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy("limits:\n  time_budget: 0.001\n  on_timeout: accept\n");
  CommitManyFiles(git, 2000);
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  INFO(push.Output());
  CHECK(push.exit_code == 0);
  CHECK(Contains(push.err, "warning: pushguard could not finish checking"));
  CHECK(Contains(push.err, "the time budget ran out after"));
}

TEST_CASE(
    "one thread and four threads find the same secrets in history order") {
  GitFixture git;
  PushCleanMain(git);
  git.UninstallHook();
  for (int c = 0; c < 12; ++c) {
    git.CommitFile("svc" + std::to_string(c) + "/prod.env",
                   ProdEnv(FakeAwsKey()));
    git.CommitFile("svc" + std::to_string(c) + "/main.c", "int main;\n");
  }
  REQUIRE(git.Push({"HEAD:refs/heads/main"}).exit_code == 0);
  std::string bare = git.bare().string();
  git.SetPolicy("limits:\n  threads: 1\n");
  CommandResult one =
      git.Pushguard({"scan", "--repo", bare, "--format", "json", "main"});
  git.SetPolicy("limits:\n  threads: 4\n");
  CommandResult four =
      git.Pushguard({"scan", "--repo", bare, "--format", "json", "main"});
  CHECK(one.exit_code == 1);
  CHECK(four.exit_code == 1);
  CHECK(WithoutTimings(one.out) == WithoutTimings(four.out));
  size_t count = 0;
  for (size_t p = one.out.find("\"rule\":\"aws-access-key-id\"");
       p != std::string::npos;
       p = one.out.find("\"rule\":\"aws-access-key-id\"", p + 1)) {
    ++count;
  }
  CHECK(count == 12);
  CHECK(one.out.find("svc0/prod.env") < one.out.find("svc11/prod.env"));
}

}  // namespace pushguard::e2e

namespace pushguard::e2e {

TEST_CASE("a catastrophically backtracking rule fails closed, not by time") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  const std::string rule =
      "rules:\n  - id: evil\n    regex: '(a+)+$'\n    keywords: [aaaa]\n";
  git.SetPolicy(rule);
  git.CommitFile("data.txt", std::string(5000, 'a') + "!\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "rule 'evil': regex exceeded the PCRE2"));
  // on_timeout does not apply: this is the guard's error, not the budget.
  git.SetPolicy(rule + "limits:\n  on_timeout: accept\n");
  CheckRejected(git, git.Push({"HEAD:refs/heads/main"}), before);
  git.SetPolicy(rule + "settings:\n  on_error: accept\n");
  CommandResult accepted = git.Push({"HEAD:refs/heads/main"});
  INFO(accepted.Output());
  CHECK(accepted.exit_code == 0);
  CHECK(Contains(accepted.err, "warning:   "));
}

}  // namespace pushguard::e2e
