// End-to-end: many hooks writing the audit log at once. Records must never
// interleave, be cut short or go missing.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "audit/record.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

constexpr int kPushes = 32;
constexpr int kKeysPerSecretPush = 150;  // ~50 KB records: far past PIPE_BUF

// A file with `n` AWS keys, one per line.
std::string ManyKeys(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) {
    text += "AWS_ID_" + std::to_string(i) + "=" + FakeAwsKey() + "\n";
  }
  return text;
}

// Branch b<i> off main: odd ones carry many secrets, even ones are clean.
void PrepareBranches(const GitFixture& git) {
  for (int i = 0; i < kPushes; ++i) {
    std::string branch = "b" + std::to_string(i);
    Checkout(git, {"-b", branch, "main"});
    git.CommitFile(branch + ".env",
                   i % 2 ? ManyKeys(kKeysPerSecretPush) : "clean\n");
  }
}

// Runs every push at once (background jobs of one shell) and waits for all.
CommandResult PushAllAtOnce(const GitFixture& git) {
  std::string script;
  for (int i = 0; i < kPushes; ++i) {
    std::string b = "b" + std::to_string(i);
    script +=
        "git push -q origin " + b + ":refs/heads/" + b + " 2>/dev/null & ";
  }
  script += "wait";
  return Run({{"sh", "-c", script}, git.work(), "", git.Env()});
}

TEST_CASE("32 concurrent pushes leave 32 whole, separate audit records") {
  GitFixture git;
  PushCleanMain(git);
  PrepareBranches(git);
  auto start = std::chrono::steady_clock::now();
  PushAllAtOnce(git);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - start)
                .count();
  MESSAGE(kPushes << " concurrent pushes took " << ms << " ms");

  std::ifstream in(git.root() / "audit.jsonl", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string log = text.str();
  REQUIRE_FALSE(log.empty());
  CHECK(log.back() == '\n');
  std::istringstream lines(log);
  std::set<std::string> ids, branches;
  int rejected = 0;
  size_t largest = 0;
  for (std::string line; std::getline(lines, line);) {
    Result<audit::AuditRecord> r = audit::ParseRecord(line);
    INFO(line.substr(0, 200));
    REQUIRE(r.ok());
    CHECK(ids.insert(r->push_id).second);
    REQUIRE(r->refs.size() == 1);
    branches.insert(r->refs[0].ref);
    largest = std::max(largest, line.size());
    if (r->verdict == "reject") {
      ++rejected;
      CHECK(r->findings_total >= kKeysPerSecretPush);
      CHECK(r->findings.size() == r->findings_total);
    }
  }
  CHECK(ids.size() == kPushes + 1);  // + the first push of main
  CHECK(branches.size() == kPushes + 1);
  CHECK(rejected == kPushes / 2);
  CHECK(largest > 32768);
  MESSAGE("largest record: " << largest << " bytes");
}

}  // namespace
}  // namespace pushguard::e2e
