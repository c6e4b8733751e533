// End-to-end: the audit record every real `git push` leaves behind, for each
// kind of decision, under concurrency, and when it cannot be written.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "audit/record.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

// Every line of the fixture's audit log, each REQUIRED to be a record.
std::vector<audit::AuditRecord> Records(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  if (!all.empty()) REQUIRE(all.back() == '\n');
  std::vector<audit::AuditRecord> records;
  std::istringstream lines(all);
  for (std::string line; std::getline(lines, line);) {
    Result<audit::AuditRecord> r = audit::ParseRecord(line);
    INFO(line.substr(0, 300));
    REQUIRE(r.ok());
    records.push_back(std::move(*r));
  }
  return records;
}

std::vector<audit::AuditRecord> Records(const GitFixture& git) {
  return Records(git.root() / "audit.jsonl");
}

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The last record, checked for the fields every record has.
audit::AuditRecord LastRecord(const GitFixture& git) {
  std::vector<audit::AuditRecord> records = Records(git);
  REQUIRE_FALSE(records.empty());
  const audit::AuditRecord& r = records.back();
  CHECK(r.push_id.size() == 16);
  CHECK_FALSE(r.node.empty());
  CHECK(r.time_ms > 1700000000000);
  CHECK(r.pushguard_version == "0.1.0");
  CHECK(r.policy_hash.starts_with("sha256:"));
  CHECK(r.policy_hash.size() == 7 + 64);
  return r;
}

TEST_CASE("an accepted push is recorded with its refs, counts and pusher") {
  GitFixture git;
  std::string oid = git.CommitFile("src/app.py", "print('hi')\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  audit::AuditRecord r = LastRecord(git);
  CHECK(r.verdict == "accept");
  CHECK(r.accepted);
  CHECK(r.repository == fs::canonical(git.bare()).string());
  CHECK(r.user_source == "os-user");
  CHECK(r.protocol == "local");
  REQUIRE(r.refs.size() == 1);
  CHECK(r.refs[0].ref == "refs/heads/main");
  CHECK(r.refs[0].change == "create");
  CHECK(r.refs[0].new_oid == oid);
  CHECK(r.stats.commits == 1);
  CHECK(r.stats.blobs == 1);
  CHECK(r.findings.empty());
}

TEST_CASE("a rejected push is recorded with its findings but not the secret") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::string commit = git.CommitFile("config/prod.env", ProdEnv(key));
  CHECK(git.Push({"HEAD:refs/heads/main"}).exit_code != 0);
  audit::AuditRecord r = LastRecord(git);
  CHECK(r.verdict == "reject");
  CHECK_FALSE(r.accepted);
  CHECK(r.blocking == 1);
  REQUIRE(r.findings.size() == 1);
  const audit::FindingRecord& f = r.findings[0];
  CHECK(f.rule == "aws-access-key-id");
  CHECK(f.mode == "enforce");
  CHECK(f.commit == commit);
  CHECK(f.path == "config/prod.env");
  CHECK(f.line == 3);
  CHECK(f.fingerprint.size() == 32);
  std::string log = ReadAll(git.root() / "audit.jsonl");
  CHECK_FALSE(Contains(log, key));
  CHECK_FALSE(Contains(log, key.substr(4)));
  CHECK_FALSE(Contains(log, key.substr(0, 4) + "*"));
}

TEST_CASE("warn and evaluate findings are recorded; evaluate as would-block") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "rules:\n"
      "  - id: aws-access-key-id\n"
      "    mode: evaluate\n");
  git.CommitFile("a.env", ProdEnv(FakeAwsKey()));
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK_FALSE(Contains(push.err, "aws-access-key-id"));
  audit::AuditRecord evaluate = LastRecord(git);
  CHECK(evaluate.verdict == "accept");
  CHECK(evaluate.would_block == 1);
  REQUIRE(evaluate.findings.size() == 1);
  CHECK(evaluate.findings[0].mode == "evaluate");
  CHECK(evaluate.findings[0].would_block);

  git.SetPolicy("rules:\n  - id: aws-access-key-id\n    mode: warn\n");
  git.CommitFile("b.env", ProdEnv(FakeAwsKey()));
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  audit::AuditRecord warn = LastRecord(git);
  CHECK(warn.verdict == "accept");
  CHECK(warn.warnings == 1);
  REQUIRE(warn.findings.size() == 1);
  CHECK(warn.findings[0].mode == "warn");
  CHECK_FALSE(warn.findings[0].would_block);
}

TEST_CASE("a guard error is recorded as verdict error and rejects") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy("rules: 5\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main", "HEAD:refs/heads/b"});
  CHECK(push.exit_code != 0);
  audit::AuditRecord r = LastRecord(git);
  CHECK(r.verdict == "error");
  CHECK_FALSE(r.accepted);
  CHECK(Contains(r.error, "invalid pushguard configuration"));
}

TEST_CASE("force pushes and deletes are told apart from updates") {
  GitFixture git;
  PushCleanMain(git);
  git.CommitFile("a.txt", "one\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/topic"}));
  git.CommitFile("a.txt", "two\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/topic"}));
  CHECK(LastRecord(git).refs.at(0).change == "update");
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~2"}).exit_code == 0);
  git.CommitFile("b.txt", "other\n");
  CheckAccepted(git.Push({"--force", "HEAD:refs/heads/topic"}));
  CHECK(LastRecord(git).refs.at(0).change == "force");
  CheckAccepted(git.Push({":refs/heads/topic"}));
  audit::AuditRecord r = LastRecord(git);
  CHECK(r.refs.at(0).change == "delete");
  CHECK(r.refs.at(0).ref == "refs/heads/topic");
}

TEST_CASE(
    "a rewind is a force push; a merge keeping the old tip as its second "
    "parent is not") {
  GitFixture git;
  PushCleanMain(git);
  std::string a = git.CommitFile("a.txt", "one\n");
  git.CommitFile("a.txt", "two\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/topic"}));
  CheckAccepted(git.Push({"--force", "HEAD~1:refs/heads/topic"}));
  CHECK(git.BareRef("refs/heads/topic") == a);
  CHECK(LastRecord(git).refs.at(0).change == "force");
  REQUIRE(git.Git({"checkout", "-q", "-b", "side", "HEAD~2"}).exit_code == 0);
  git.CommitFile("s.txt", "side\n");
  CommandResult merge = git.Git({"merge", "-q", "--no-ff", "-m", "merge", a});
  INFO(merge.Output());
  REQUIRE(merge.exit_code == 0);
  REQUIRE(git.Git({"rev-parse", "HEAD^2"}).out.substr(0, 40) == a);
  CheckAccepted(git.Push({"HEAD:refs/heads/topic"}));
  CHECK(LastRecord(git).refs.at(0).change == "update");
}

TEST_CASE("the pusher and repository come from the Git server's environment") {
  GitFixture git;
  git.SetEnv("GL_USERNAME", "alice");
  git.SetEnv("GL_PROJECT_PATH", "group/app");
  git.SetEnv("GL_PROTOCOL", "ssh");
  PushCleanMain(git);
  audit::AuditRecord r = LastRecord(git);
  CHECK(r.user == "alice");
  CHECK(r.user_source == "GL_USERNAME");
  CHECK(r.repository == "group/app");
  CHECK(r.protocol == "ssh");
  CHECK(r.server == "gitlab");
}

TEST_CASE("control characters from the environment never reach the log raw") {
  GitFixture git;
  git.SetEnv("REMOTE_USER", "mallory\x1b[2J\r\n{\"verdict\":\"accept\"}");
  PushCleanMain(git);
  std::string log = ReadAll(git.root() / "audit.jsonl");
  CHECK(std::count(log.begin(), log.end(), '\n') == 1);
  CHECK_FALSE(Contains(log, "\x1b"));
  CHECK_FALSE(Contains(log, "\r"));
  CHECK(LastRecord(git).user == "mallory\x1b[2J\r\n{\"verdict\":\"accept\"}");
}

TEST_CASE("an unwritable audit log is reported and leaves the decision alone") {
  GitFixture git;
  git.SetEnv("PUSHGUARD_AUDIT_FILE",
             (git.root() / "missing/audit.jsonl").string());
  git.CommitFile("README.md", "# ok\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK(Contains(push.err,
                 "warning: pushguard: audit record not written: "
                 "cannot open "));
}

TEST_CASE("with audit.required an unwritable audit log rejects the push") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy("audit:\n  required: true\n");
  git.SetEnv("PUSHGUARD_AUDIT_FILE",
             (git.root() / "missing/audit.jsonl").string());
  std::string before = git.BareRefs();
  git.CommitFile("README.md", "# changed\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "audit.required"));
}

TEST_CASE("the policy's audit.file names the log when the env does not") {
  GitFixture git;
  std::string oid = PushCleanMain(git);
  fs::path file = git.root() / "policy-audit.jsonl";
  git.SetPolicy("audit:\n  file: " + file.string() + "\n");
  std::string zero(40, '0');
  // As a hook script would run it, trusting PUSHGUARD_CONFIG, without
  // PUSHGUARD_AUDIT_FILE (set and empty, it would disable the file).
  std::map<std::string, std::string> env = git.Env();
  env.erase("PUSHGUARD_AUDIT_FILE");
  env["GIT_DIR"] = git.bare().string();
  CommandResult hook = Run({{PushguardBin(), "pre-receive", "--trust-env"},
                            git.root(),
                            zero + " " + oid + " refs/heads/copy\n",
                            env});
  INFO(hook.Output());
  CHECK(hook.exit_code == 0);
  std::vector<audit::AuditRecord> records = Records(file);
  REQUIRE(records.size() == 1);
  CHECK(records[0].refs.at(0).ref == "refs/heads/copy");
}

TEST_CASE("bad audit settings are reported with their location") {
  GitFixture git;
  fs::path policy = git.SetPolicy(
      "audit:\n  file: relative.jsonl\n  sylog: true\n  required: maybe\n");
  CommandResult r = git.Pushguard({"rules", "check", policy.string()});
  CHECK(r.exit_code == 2);
  INFO(r.Output());
  std::string p = policy.string();
  CHECK(Contains(r.err, p + ":2: audit.file: must be an absolute path"));
  CHECK(Contains(r.err, p + ":3: audit.sylog: unknown key (did you mean "
                            "'syslog'?)"));
  CHECK(Contains(r.err, p + ":4: audit.required: expected true or false"));
}

// A unix datagram socket standing in for /dev/log.
class FakeSyslog {
 public:
  explicit FakeSyslog(const fs::path& path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval timeout{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~FakeSyslog() { close(fd_); }
  std::string Receive() {
    std::string buffer(1 << 20, '\0');
    ssize_t n = recv(fd_, buffer.data(), buffer.size(), 0);
    return n > 0 ? buffer.substr(0, static_cast<size_t>(n)) : "";
  }

 private:
  fs::path path_;
  int fd_;
};

TEST_CASE("with audit.syslog each record also goes to the syslog socket") {
  GitFixture git;
  FakeSyslog syslog(git.root() / "log.sock");
  git.SetEnv("PUSHGUARD_AUDIT_SYSLOG_SOCKET",
             (git.root() / "log.sock").string());
  git.SetPolicy("audit:\n  syslog: true\n");
  git.CommitFile("config/prod.env", ProdEnv(FakeAwsKey()));
  CHECK(git.Push({"HEAD:refs/heads/main"}).exit_code != 0);
  std::string message = syslog.Receive();
  INFO(message);
  CHECK(message.starts_with("<12>"));  // facility user, severity warning
  size_t json = message.find("]: {");
  REQUIRE(json != std::string::npos);
  CHECK(Contains(message, " pushguard["));
  Result<audit::AuditRecord> r = audit::ParseRecord(message.substr(json + 3));
  REQUIRE(r.ok());
  CHECK(r->verdict == "reject");
  CHECK(r->push_id == LastRecord(git).push_id);
}

}  // namespace
}  // namespace pushguard::e2e
