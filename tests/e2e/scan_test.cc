// End-to-end: `pushguard scan` over a bare repository.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>

#include "push_checks.h"

namespace pushguard::e2e {
namespace {

// JSON without insignificant whitespace (the test data holds no spaces).
std::string Compact(std::string json) {
  json.erase(std::remove_if(json.begin(), json.end(),
                            [](unsigned char c) { return std::isspace(c); }),
             json.end());
  return json;
}

TEST_CASE(
    "scan --format json reports the full commit oid and only a redacted "
    "secret") {
  GitFixture git;
  git.UninstallHook();
  std::string key = FakeAwsKey();
  std::string oid = git.CommitFile(
      "config/prod.env",
      "# production settings\nREGION=eu-west-1\nAWS_ID=" + key + "\n");
  REQUIRE(git.Push({"HEAD:refs/heads/main"}).exit_code == 0);

  CommandResult scan = git.Pushguard(
      {"scan", "--repo", git.bare().string(), "--format", "json", "main"});
  INFO(scan.Output());
  CHECK(scan.exit_code == 1);
  std::string json = Compact(scan.out);
  CHECK(json.rfind("{", 0) == 0);
  CHECK(Contains(json, "\"version\":1"));
  CHECK(Contains(json, "\"verdict\":\"reject\""));
  CHECK(Contains(json, "\"kind\":\"secret\""));
  CHECK(Contains(json, "\"rule\":\"aws-access-key-id\""));
  CHECK(Contains(json, "\"severity\":\"block\""));
  CHECK(Contains(json, "\"commit\":\"" + oid + "\""));
  CHECK(Contains(json, "\"path\":\"config/prod.env\""));
  CHECK(Contains(json, "\"line\":3"));
  CHECK(Contains(json, "\"column\":8"));
  CHECK(Contains(json, "\"secret\":\"AKIA*"));
  CHECK(Contains(json, "\"fingerprint\":\""));
  CHECK(Contains(json, "\"stats\":{"));
  CHECK_FALSE(Contains(scan.Output(), key));
}

TEST_CASE("scan of clean history exits 0 with an accept verdict") {
  GitFixture git;
  git.CommitFile("README.md", "# clean\n");
  REQUIRE(git.Push({"HEAD:refs/heads/main"}).exit_code == 0);
  CommandResult scan = git.Pushguard(
      {"scan", "--repo", git.bare().string(), "--format", "json", "main"});
  INFO(scan.Output());
  CHECK(scan.exit_code == 0);
  CHECK(Contains(Compact(scan.out), "\"verdict\":\"accept\""));
  CHECK(Contains(Compact(scan.out), "\"findings\":[]"));
}

TEST_CASE(
    "scan of a partial clone lists the missing blobs, scans the rest and exits "
    "3") {
  GitFixture git;
  git.UninstallHook();
  git.CommitFile("notes.txt", "first version\n");
  git.CommitFile("notes.txt", "second version\n");
  std::string first = git.Git({"rev-parse", "HEAD~1:notes.txt"}).out;
  first.resize(40);
  // A rename with changes: rename detection would read both versions.
  REQUIRE(git.Git({"mv", "notes.txt", "notes.md"}).exit_code == 0);
  git.CommitFile("notes.md", "second version\nthird\n", "rename");
  REQUIRE(git.Push({"HEAD:refs/heads/main"}).exit_code == 0);
  REQUIRE(git.BareGit({"config", "uploadpack.allowFilter", "true"}).exit_code ==
          0);
  // Only the blobs of the checkout are fetched: the first version is not.
  const std::filesystem::path partial = git.root() / "partial";
  CommandResult clone =
      Run({{"git", "clone", "-q", "--filter=blob:none", "--branch", "main",
            "file://" + git.bare().string(), partial.string()},
           git.root(),
           "",
           git.Env()});
  INFO(clone.Output());
  REQUIRE(clone.exit_code == 0);

  CommandResult scan =
      git.Pushguard({"scan", "--repo", partial.string(), "HEAD"});
  INFO(scan.Output());
  CHECK(scan.exit_code == 3);
  CHECK(Contains(scan.out, "no secrets found"));
  CHECK(Contains(scan.out,
                 "warning: pushguard: incomplete: 2 objects missing from the "
                 "repository (a partial clone?) could not be scanned:"));
  CHECK(Contains(scan.out, "    blob " + first));
  scan = git.Pushguard(
      {"scan", "--repo", partial.string(), "--format", "json", "HEAD"});
  CHECK(scan.exit_code == 3);
  std::string json = Compact(scan.out);
  CHECK(Contains(json, "\"missing_objects\":[\""));
  CHECK(Contains(json, "\"" + first + "\""));

  // What is there is scanned: a secret still counts (exit 1), and the
  // missing blob is still listed.
  std::string key = FakeAwsKey();
  std::ofstream(partial / "prod.env") << ProdEnv(key);
  for (std::vector<std::string> argv :
       {std::vector<std::string>{"git", "add", "prod.env"},
        std::vector<std::string>{"git", "commit", "-q", "-m", "config"}}) {
    REQUIRE(Run({argv, partial, "", git.Env()}).exit_code == 0);
  }
  scan = git.Pushguard({"scan", "--repo", partial.string(), "HEAD"});
  CHECK(scan.exit_code == 1);
  CheckRedactedAwsFinding(scan.out, key);
  CHECK(Contains(scan.out, "    blob " + first));
}

TEST_CASE(
    "a scan that fails exits 2 and says reject, even under on_error: accept "
    "(which only lets pushes through)") {
  GitFixture git;
  git.UninstallHook();
  git.CommitFile("README.md", "# clean\n");
  REQUIRE(git.Push({"HEAD:refs/heads/main"}).exit_code == 0);
  git.SetPolicy("settings:\n  on_error: accept\n");
  CommandResult scan = git.Pushguard({"scan", "--repo", git.bare().string(),
                                      "--format", "json", "no-such-branch"});
  INFO(scan.Output());
  CHECK(scan.exit_code == 2);
  std::string json = Compact(scan.out);
  CHECK(Contains(json, "\"verdict\":\"reject\""));
  CHECK(Contains(json, "\"error\":\""));
  scan =
      git.Pushguard({"scan", "--repo", git.bare().string(), "no-such-branch"});
  CHECK(scan.exit_code == 2);
  CHECK(Contains(scan.out, "error: pushguard could not check these commits:"));
  CHECK_FALSE(Contains(scan.out, "accepted"));
}

}  // namespace
}  // namespace pushguard::e2e
