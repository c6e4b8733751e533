// End-to-end helpers for tests that start real servers on loopback (sshd,
// nginx + fcgiwrap, git daemon, gitolite behind sshd): background processes
// that are always stopped, free ports, generated SSH keys, audit records.
//
//   Daemon daemon({"git", "daemon", ...}, env, dir / "daemon.log");
//   REQUIRE(WaitForPort(port, daemon));
//   ...                      // push to git://127.0.0.1:<port>/...
//   // ~Daemon kills the process group, even when an assertion failed.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "audit/record.h"
#include "git_fixture.h"

namespace pushguard::e2e {

// A server process started in its own process group, with stdout and stderr
// appended to `log`. The destructor sends SIGTERM to the group, then SIGKILL
// after 5 s, and reaps it.
class Daemon {
 public:
  Daemon(const std::vector<std::string>& argv,
         const std::map<std::string, std::string>& env,
         const std::filesystem::path& log);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // False once the process has exited.
  bool Running();
  // Everything it logged so far (for INFO on failure).
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  std::filesystem::path log_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreePort();

// Waits (up to 10 s) until 127.0.0.1:`port` accepts connections; false if
// `daemon` exited or the time ran out.
bool WaitForPort(int port, Daemon& daemon);

// REQUIREs that `program` exists, naming the script that installs it.
void RequireProgram(const std::string& program);

// Generates an ed25519 key pair at `path` (and `path`.pub); returns the
// public key line.
std::string MakeSshKey(const std::filesystem::path& path);

// The ssh command git should use: key `key`, port `port`, no host key
// checks, never a prompt.
std::string SshCommand(const std::filesystem::path& key, int port);

std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& content);

// Every record of the audit log at `path` (REQUIREs each line to parse).
std::vector<audit::AuditRecord> AuditRecords(const std::filesystem::path& path);

}  // namespace pushguard::e2e
