#include "audit/audit_log.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace pushguard::audit {
namespace {

namespace fs = std::filesystem;

fs::path TempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/pushguard-auditlog-XXXXXX";
  REQUIRE(mkdtemp(tmpl.data()) != nullptr);
  return tmpl;
}

std::string Read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

AuditRecord Sample(const std::string& id) {
  AuditRecord r;
  r.push_id = id;
  r.repository = std::string(2000, 'r');
  return r;
}

TEST_CASE("records are appended one line each to the audit file") {
  fs::path dir = TempDir();
  AuditLog log({(dir / "audit.jsonl").string(), false, ""});
  REQUIRE(log.Write(Sample("a")).ok());
  REQUIRE(log.Write(Sample("b")).ok());
  CHECK(Read(dir / "audit.jsonl") ==
        ToJsonLine(Sample("a")) + ToJsonLine(Sample("b")));
  CHECK((fs::status(dir / "audit.jsonl").permissions() &
         fs::perms::others_all) == fs::perms::none);
  fs::remove_all(dir);
}

TEST_CASE("a file that cannot be opened is an Io error naming it") {
  fs::path dir = TempDir();
  std::string path = (dir / "missing" / "audit.jsonl").string();
  Status s = AuditLog({path, false, ""}).Write(Sample("a"));
  CHECK(s.code() == Status::Code::kIo);
  CHECK(s.message() == "cannot open " + path + ": No such file or directory");
  fs::remove_all(dir);
}

TEST_CASE("a record cut short by a full disk is removed again") {
  fs::path dir = TempDir();
  fs::path file = dir / "audit.jsonl";
  AuditLog log({file.string(), false, ""});
  REQUIRE(log.Write(Sample("first")).ok());
  size_t before = fs::file_size(file);
  pid_t pid = fork();
  if (pid == 0) {
    // The file may grow by 100 bytes only: the write stops part-way.
    signal(SIGXFSZ, SIG_IGN);
    rlimit limit{before + 100, before + 100};
    setrlimit(RLIMIT_FSIZE, &limit);
    Status s = log.Write(Sample("second"));
    _exit(s.ok() ? 1 : 0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);  // the write was reported as failed
  CHECK(fs::file_size(file) == before);
  CHECK(Read(file) == ToJsonLine(Sample("first")));
  fs::remove_all(dir);
}

TEST_CASE("a missing syslog socket is reported, the file still written") {
  fs::path dir = TempDir();
  AuditConfig config{(dir / "audit.jsonl").string(), true,
                     (dir / "no.sock").string()};
  Status s = AuditLog(config).Write(Sample("a"));
  CHECK(s.code() == Status::Code::kIo);
  CHECK(s.message().starts_with("syslog: cannot connect to " +
                                (dir / "no.sock").string()));
  CHECK(Read(dir / "audit.jsonl") == ToJsonLine(Sample("a")));
  fs::remove_all(dir);
}

TEST_CASE("push ids are 16 hex digits and differ") {
  std::string a = NewPushId(), b = NewPushId();
  CHECK(a.size() == 16);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a != b);
}

}  // namespace
}  // namespace pushguard::audit
