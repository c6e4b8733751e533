// End-to-end: `pushguard log --follow` prints the records of real pushes as
// they happen, across a log rotation.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "audit/record.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

// Waits (up to 10 s) until follow.out has at least N lines.
std::string WaitForLines(int n) {
  return "for i in $(seq 50); do [ \"$(wc -l < follow.out)\" -ge " +
         std::to_string(n) + " ] && break; sleep 0.2; done; ";
}

TEST_CASE("log --follow shows new pushes as they come, across a rotation") {
  GitFixture git;
  PushCleanMain(git);
  std::string log = (git.root() / "audit.jsonl").string();
  std::string script =
      "'" + PushguardBin() +
      "' log --follow --format json > follow.out "
      "2> follow.err & pid=$!; " +
      WaitForLines(1) +
      "echo one > one.txt && git add one.txt && git commit -qm one && "
      "git push -q origin HEAD:refs/heads/main; " +
      WaitForLines(2) + "mv '" + log + "' '" + log +
      ".1'; "
      "echo two > two.txt && git add two.txt && git commit -qm two && "
      "git push -q origin HEAD:refs/heads/main; " +
      WaitForLines(3) +
      "kill $pid; wait $pid; cat follow.out; cat follow.err >&2";
  CommandResult r = Run({{"sh", "-c", script}, git.work(), "", git.Env()});
  INFO(r.Output());
  std::istringstream lines(r.out);
  std::vector<std::string> refs_new;
  std::set<std::string> ids;
  for (std::string line; std::getline(lines, line);) {
    Result<audit::AuditRecord> record = audit::ParseRecord(line);
    REQUIRE(record.ok());
    CHECK(ids.insert(record->push_id).second);
    refs_new.push_back(record->refs.at(0).change);
  }
  CHECK(refs_new == std::vector<std::string>{"create", "update", "update"});
  CHECK_FALSE(Contains(r.err, "pushguard log"));
}

TEST_CASE("log --follow as a table prints the header once, then rows") {
  GitFixture git;
  PushCleanMain(git);
  std::string script = "'" + PushguardBin() +
                       "' log --follow --verdict reject > follow.out & "
                       "pid=$!; " +
                       WaitForLines(1) + "printf 'AWS_ID=" + FakeAwsKey() +
                       "\\n' > k.env && git add k.env && "
                       "git commit -qm k && git push -q origin "
                       "HEAD:refs/heads/main 2>/dev/null; " +
                       WaitForLines(2) + "kill $pid; wait $pid; cat follow.out";
  CommandResult r = Run({{"sh", "-c", script}, git.work(), "", git.Env()});
  INFO(r.Output());
  CHECK(r.out.starts_with("TIME                 VERDICT  REPOSITORY"));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);
  CHECK(Contains(r.out, "  reject   "));
  CHECK(Contains(r.out, "aws-access-key-id"));
}

}  // namespace
}  // namespace pushguard::e2e
