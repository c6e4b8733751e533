// End-to-end: `pushguard scan` over a bare repository.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
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

}  // namespace
}  // namespace pushguard::e2e
