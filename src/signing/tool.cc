#include "signing/tool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace pushguard::signing {
namespace {

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Child side, after fork: async-signal-safe calls only.
[[noreturn]] void Exec(int in_fd, int out_fd, int err_fd, char** argv,
                       char** envp) {
  setpgid(0, 0);
  dup2(in_fd, 0);
  dup2(out_fd, 1);
  dup2(err_fd, 2);
  for (const char* dir : {"/usr/bin/", "/bin/"}) {
    char path[4096];
    size_t n = strlen(dir), m = strlen(argv[0]);
    if (n + m + 1 > sizeof path) break;
    memcpy(path, dir, n);
    memcpy(path + n, argv[0], m + 1);
    execve(argv[0][0] == '/' ? argv[0] : path, argv, envp);
  }
  _exit(127);
}

// Reads both pipes until they close or the deadline passes.
bool Drain(int out_fd, int err_fd, std::chrono::steady_clock::time_point end,
           ToolResult* result) {
  bool open[2] = {true, true};
  int fds[2] = {out_fd, err_fd};
  char buf[16384];
  while (open[0] || open[1]) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        end - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p[2] = {{open[0] ? fds[0] : -1, POLLIN, 0},
                   {open[1] ? fds[1] : -1, POLLIN, 0}};
    if (poll(p, 2, static_cast<int>(std::min<int64_t>(left.count(), 1000))) <
            0 &&
        errno != EINTR) {
      return false;
    }
    for (int i = 0; i < 2; ++i) {
      if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i], buf, sizeof buf);
      if (n > 0) {
        std::string& s = i == 0 ? result->out : result->err;
        if (s.size() < kMaxOutput) s.append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        open[i] = false;
      }
    }
  }
  return true;
}

}  // namespace

Result<ToolResult> RunTool(const std::vector<std::string>& argv_in,
                           const std::string& stdin_file,
                           const std::vector<std::string>& env_in,
                           std::chrono::milliseconds timeout) {
  if (argv_in.empty()) return Status::InvalidArgument("no program to run");
  std::vector<std::string> argv = argv_in, env = env_in;
  std::vector<char*> c_argv = CStrings(argv), c_env = CStrings(env);
  int in_fd = open(stdin_file.empty() ? "/dev/null" : stdin_file.c_str(),
                   O_RDONLY | O_CLOEXEC);
  if (in_fd < 0) {
    return Status::Io(stdin_file + ": " + std::strerror(errno));
  }
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in_fd);
    return Status::Io(std::string("pipe: ") + std::strerror(errno));
  }
  if (pipe2(err, O_CLOEXEC) != 0) {
    close(in_fd);
    close(out[0]);
    close(out[1]);
    return Status::Io(std::string("pipe: ") + std::strerror(errno));
  }
  // The child must not inherit unwritten stdio buffers: if exec fails, its
  // _exit() would write them a second time.
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) Exec(in_fd, out[1], err[1], c_argv.data(), c_env.data());
  close(in_fd);
  close(out[1]);
  close(err[1]);
  if (pid < 0) {
    close(out[0]);
    close(err[0]);
    return Status::Io(std::string("fork: ") + std::strerror(errno));
  }
  ToolResult result;
  bool finished = Drain(out[0], err[0],
                        std::chrono::steady_clock::now() + timeout, &result);
  if (!finished) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
  }
  close(out[0]);
  close(err[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!finished) {
    return Status::Timeout(argv_in[0] + " did not finish within " +
                           std::to_string(timeout.count()) + " ms");
  }
  result.exit_code =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (result.exit_code == 127 && result.out.empty() && result.err.empty()) {
    return Status::Io(argv_in[0] + ": not found in /usr/bin or /bin");
  }
  return result;
}

Result<ScratchDir> ScratchDir::Create() {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/pushguard-verify-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) {
    return Status::Io("cannot create a temporary directory: " +
                      std::string(std::strerror(errno)));
  }
  return ScratchDir(tmpl);
}

ScratchDir::~ScratchDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

Result<std::string> ScratchDir::Write(const std::string& name,
                                      const std::string& content) const {
  std::string file = path_ + "/" + name;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) return Status::Io(file + ": cannot write");
  return file;
}

}  // namespace pushguard::signing
