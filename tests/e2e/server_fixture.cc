#include "server_fixture.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

bool Connects(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

Daemon::Daemon(const std::vector<std::string>& argv,
               const std::map<std::string, std::string>& env,
               const fs::path& log)
    : log_(log) {
  std::vector<std::string> args = argv, vars;
  for (const auto& [name, value] : env) vars.push_back(name + "=" + value);
  std::vector<char*> c_args = CStrings(args), c_env = CStrings(vars);
  int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  REQUIRE_MESSAGE(out >= 0, log.string() << ": " << std::strerror(errno));
  pid_ = fork();
  if (pid_ == 0) {
    setpgid(0, 0);
    int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    dup2(out, 1);
    dup2(out, 2);
    execvpe(c_args[0], c_args.data(), c_env.data());
    _exit(127);
  }
  close(out);
  REQUIRE_MESSAGE(pid_ > 0, "fork: " << std::strerror(errno));
  setpgid(pid_, pid_);  // also from here, so the group exists before a kill
}

Daemon::~Daemon() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + 5s;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  kill(-pid_, SIGKILL);  // children that outlived the leader
}

bool Daemon::Running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    kill(-pid_, SIGKILL);
    pid_ = -1;
    return false;
  }
  return true;
}

std::string Daemon::Log() const { return ReadFile(log_); }

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  close(fd);
  return ntohs(addr.sin_port);
}

bool WaitForPort(int port, Daemon& daemon) {
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (Connects(port)) return true;
    if (!daemon.Running()) return false;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

void RequireProgram(const std::string& program) {
  REQUIRE_MESSAGE(access(program.c_str(), X_OK) == 0,
                  program << " is missing: run packaging/install-test-deps.sh "
                             "(make test does)");
}

std::string MakeSshKey(const fs::path& path) {
  CommandResult r = Run({{"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                          path.filename().string(), "-f", path.string()},
                         "",
                         "",
                         {{"PATH", "/usr/bin:/bin"}}});
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
  std::string pub = ReadFile(path.string() + ".pub");
  while (!pub.empty() && pub.back() == '\n') pub.pop_back();
  return pub;
}

std::string SshCommand(const fs::path& key, int port) {
  return "ssh -i " + key.string() + " -p " + std::to_string(port) +
         " -o IdentitiesOnly=yes -o BatchMode=yes"
         " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
         " -o LogLevel=ERROR";
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::vector<audit::AuditRecord> AuditRecords(const fs::path& path) {
  std::vector<audit::AuditRecord> records;
  std::istringstream lines(ReadFile(path));
  for (std::string line; std::getline(lines, line);) {
    Result<audit::AuditRecord> r = audit::ParseRecord(line);
    INFO(line.substr(0, 300));
    REQUIRE(r.ok());
    records.push_back(std::move(*r));
  }
  return records;
}

}  // namespace pushguard::e2e
