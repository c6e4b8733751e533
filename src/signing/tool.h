// Running a trusted external program (gpgv, ssh-keygen) for a short, bounded
// job: no shell, a fixed PATH, a minimal environment, stdin from a file, and
// a timeout after which the program's whole process group is killed. The
// programs are given files, never network access through us.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/status.h"

namespace pushguard::signing {

struct ToolResult {
  int exit_code = -1;  // 128 + signal if killed by a signal
  std::string out;     // at most kMaxOutput bytes of each stream are kept
  std::string err;
};

inline constexpr size_t kMaxOutput = 1 << 20;

// Runs argv[0] (looked up in /usr/bin:/bin) with `args`, stdin from
// `stdin_file` ("" = /dev/null) and the environment `env` ("NAME=value").
// Timeout if it does not finish within `timeout`; Io if it cannot start.
Result<ToolResult> RunTool(const std::vector<std::string>& argv,
                           const std::string& stdin_file,
                           const std::vector<std::string>& env,
                           std::chrono::milliseconds timeout);

// A private temporary directory (mode 0700), removed with its contents.
class ScratchDir {
 public:
  static Result<ScratchDir> Create();
  ScratchDir(ScratchDir&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  ~ScratchDir();
  const std::string& path() const { return path_; }
  // Writes `content` to path()/name; returns the file's path.
  Result<std::string> Write(const std::string& name,
                            const std::string& content) const;

 private:
  explicit ScratchDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace pushguard::signing
