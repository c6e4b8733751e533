// End-to-end: audit records delivered through a real Debian rsyslogd. The
// test starts its own rsyslogd (no root daemon, no /dev/log): a private
// configuration listening on a unix socket in a temporary directory and
// writing what it receives to a file there, in rsyslog's traditional file
// format ("Mmm dd hh:mm:ss host pushguard[pid]: {record}"). A real push's
// hook sends its record there (audit.syslog), and `pushguard log` reads
// the file rsyslogd wrote.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "policy_checks.h"
#include "server_fixture.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

constexpr char kRsyslogd[] = "/usr/sbin/rsyslogd";

// A private rsyslogd: its socket, its output file, its work directory.
struct PrivateRsyslog {
  fs::path dir, socket, output;
  std::unique_ptr<Daemon> daemon;

  explicit PrivateRsyslog(const fs::path& root)
      : dir(root / "rsyslog"),
        socket(dir / "log.sock"),
        output(dir / "messages.log") {
    fs::create_directories(dir / "work");
    WriteFile(dir / "rsyslog.conf",
              "global(workDirectory=\"" + (dir / "work").string() +
                  "\" maxMessageSize=\"64k\")\n"
                  "module(load=\"imuxsock\" SysSock.Use=\"off\")\n"
                  "input(type=\"imuxsock\" Socket=\"" +
                  socket.string() +
                  "\")\n"
                  "user.* action(type=\"omfile\" file=\"" +
                  output.string() +
                  "\" template=\"RSYSLOG_TraditionalFileFormat\")\n");
    daemon = std::make_unique<Daemon>(
        std::vector<std::string>{kRsyslogd, "-n", "-f",
                                 (dir / "rsyslog.conf").string(), "-i",
                                 (dir / "rsyslogd.pid").string()},
        std::map<std::string, std::string>{{"PATH", "/usr/sbin:/usr/bin:/bin"}},
        dir / "rsyslogd.log");
  }

  // Waits (up to 10 s) for the socket to appear.
  bool Ready() {
    for (int i = 0; i < 100 && daemon->Running(); ++i) {
      if (fs::exists(socket)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  // Waits (up to 10 s) until the output file holds `text`.
  bool Wrote(const std::string& text) {
    for (int i = 0; i < 100; ++i) {
      if (fs::exists(output) && Contains(ReadFile(output), text)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
};

TEST_CASE("records sent to a real rsyslogd are read back by pushguard log") {
  RequireProgram(kRsyslogd);
  GitFixture git;
  PrivateRsyslog rsyslog(git.root());
  REQUIRE_MESSAGE(rsyslog.Ready(), rsyslog.daemon->Log());
  git.SetEnv("PUSHGUARD_AUDIT_SYSLOG_SOCKET", rsyslog.socket.string());
  git.SetPolicy("audit:\n  syslog: true\n");
  PushCleanMain(git);
  std::string before = git.BareRefs();
  git.CommitFile("config/prod.env", ProdEnv(FakeAwsKey()));
  CheckRejected(git, git.Push({"HEAD:refs/heads/main"}), before);
  std::vector<audit::AuditRecord> file =
      AuditRecords(git.root() / "audit.jsonl");
  REQUIRE(file.size() == 2);
  REQUIRE_MESSAGE(rsyslog.Wrote(file[1].push_id), rsyslog.daemon->Log());
  std::string written = ReadFile(rsyslog.output);
  INFO(written);
  CHECK(Contains(written, " pushguard["));
  CHECK_FALSE(written.starts_with("{"));  // a syslog header first

  // pushguard log reads rsyslog's file: the JSON after the header.
  CommandResult r = git.Pushguard({"log", "--file", rsyslog.output.string(),
                                   "--verdict", "reject", "--format", "json"});
  INFO(r.Output());
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == file[1].raw + "\n");
  CommandResult stats = git.Pushguard({"log", "--file", rsyslog.output.string(),
                                       "--stats", "--format", "json"});
  CHECK(Contains(stats.out, "{\"pushes\":2,\"accepted\":1,\"rejected\":1,"));
  CHECK(Contains(stats.out, "{\"rule\":\"aws-access-key-id\",\"count\":1}"));
  // Read with the hook's own file, each push is counted once.
  CommandResult both = git.Pushguard(
      {"log", "--file", rsyslog.output.string(), "--file",
       (git.root() / "audit.jsonl").string(), "--stats", "--format", "json"});
  CHECK(Contains(both.out, "{\"pushes\":2,"));
}

}  // namespace
}  // namespace pushguard::e2e
