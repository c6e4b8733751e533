#include "install/hook_installer.h"

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

namespace pushguard::install {
namespace {

namespace fs = std::filesystem;

std::string Errno(const std::string& path, const std::string& what) {
  return path + ": " + what + ": " + std::strerror(errno);
}

// "gitdir: <path>" files (submodules, linked worktrees) point at the real
// git directory.
std::optional<fs::path> FollowGitFile(const fs::path& dot_git) {
  std::string text = ReadPrefix(dot_git, 4096);
  const std::string prefix = "gitdir: ";
  if (text.rfind(prefix, 0) != 0) return std::nullopt;
  std::string target = text.substr(prefix.size());
  target = target.substr(0, target.find_first_of("\r\n"));
  fs::path p(target);
  return p.is_absolute() ? p : dot_git.parent_path() / p;
}

// A git dir has objects/ and HEAD; a linked worktree's names the shared one
// in `commondir` instead of having objects/.
bool IsGitDir(const fs::path& p) {
  std::error_code ec;
  return Exists(p / "HEAD") &&
         (fs::is_directory(p / "objects", ec) || Exists(p / "commondir"));
}

Result<fs::path> FindGitDir(const std::string& repo) {
  fs::path p(repo);
  std::error_code ec;
  if (!fs::is_directory(p, ec)) {
    return Status::InvalidArgument(repo + ": not a directory");
  }
  if (IsGitDir(p)) return p;
  if (IsGitDir(p / ".git")) return p / ".git";
  if (std::optional<fs::path> linked = FollowGitFile(p / ".git")) {
    if (IsGitDir(*linked)) return *linked;
  }
  return Status::InvalidArgument(
      repo +
      ": not a git repository (expected objects/ and HEAD, or a .git "
      "directory holding them)");
}

// True if the repository's own config sets core.hooksPath (git then ignores
// hooks/). A plain scan: hooksPath is only meaningful in [core].
bool SetsHooksPath(const fs::path& git_dir) {
  std::ifstream in(git_dir / "config");
  std::string line;
  while (std::getline(in, line)) {
    std::string lower;
    for (char c : line) {
      if (!std::isspace(static_cast<unsigned char>(c))) {
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    if (lower.rfind("hookspath=", 0) == 0) return true;
  }
  return false;
}

Status CheckOptions(const InstallOptions& options) {
  if (options.uninstall) return Status::Ok();
  const std::string& path = options.pushguard_path;
  if (path.empty())
    return Status::InvalidArgument("install: the pushguard path is empty");
  if (!fs::path(path).is_absolute()) {
    return Status::InvalidArgument(path +
                                   ": the pushguard path must be absolute");
  }
  if (::access(path.c_str(), X_OK) != 0) {
    return Status::InvalidArgument(
        Errno(path, "not an executable pushguard binary"));
  }
  return Status::Ok();
}

// Joins the non-empty results of the slots into one line.
std::string JoinDone(const std::vector<std::string>& done) {
  std::string line;
  for (const std::string& d : done) {
    if (d.empty()) continue;
    line += (line.empty() ? "" : "; ") + d;
  }
  return line.empty() ? "not installed" : line;
}

Result<std::string> Uninstall(const std::vector<HookSlot>& slots) {
  std::vector<std::string> done;
  for (const HookSlot& slot : slots) {
    Result<std::string> d = UninstallSlot(slot);
    if (!d.ok()) return d.status();
    done.push_back(*d);
  }
  return JoinDone(done);
}

Result<std::string> InstallAll(const std::vector<HookSlot>& slots,
                               const std::string& pushguard) {
  std::vector<std::string> done;
  for (const HookSlot& slot : slots) {
    Result<std::string> d = InstallSlot(slot, pushguard);
    if (!d.ok()) return d.status();
    done.push_back(*d);
  }
  return JoinDone(done);
}

Result<std::string> Apply(const fs::path& git_dir,
                          const InstallOptions& options) {
  if (options.client) {
    std::vector<HookSlot> slots = ClientSlots(git_dir);
    return options.uninstall ? Uninstall(slots)
                             : InstallAll(slots, options.pushguard_path);
  }
  if (options.uninstall) {
    return Uninstall(
        options.server == Server::kDetect
            ? AllRepositorySlots(git_dir)
            : std::vector{RepositorySlot(git_dir, options.server)});
  }
  Server server = options.server == Server::kDetect ? DetectServer(git_dir)
                                                    : options.server;
  HookSlot slot = RepositorySlot(git_dir, server);
  if (options.trust_env) slot.arguments = " --trust-env";
  return InstallSlot(slot, options.pushguard_path);
}

}  // namespace

Result<std::vector<std::string>> Install(const std::vector<std::string>& repos,
                                         const InstallOptions& options) {
  if (Status st = CheckOptions(options); !st.ok()) return st;
  if (repos.empty())
    return Status::InvalidArgument("install: no repository given");
  std::vector<fs::path> git_dirs;
  for (const std::string& repo : repos) {
    Result<fs::path> dir = FindGitDir(repo);
    if (!dir.ok()) return dir.status();
    git_dirs.push_back(*dir);
  }
  std::vector<std::string> lines;
  for (size_t i = 0; i < repos.size(); ++i) {
    Result<std::string> done = Apply(git_dirs[i], options);
    if (!done.ok()) return done.status();
    std::string line = repos[i] + ": " + *done;
    if (!options.uninstall && SetsHooksPath(git_dirs[i])) {
      line +=
          " (note: core.hooksPath is set in its config, so git ignores hooks/)";
    }
    lines.push_back(line);
  }
  return lines;
}

Result<std::string> InstallHooksDir(const std::string& dir,
                                    const InstallOptions& options) {
  if (Status st = CheckOptions(options); !st.ok()) return st;
  if (options.client) {
    return Status::InvalidArgument(
        "install: --client installs into clones, not a shared hooks "
        "directory");
  }
  Server server = options.server;
  std::error_code ec;
  if (server == Server::kDetect) {
    server = fs::is_directory(fs::path(dir) / "pre-receive.d", ec)
                 ? Server::kGitea
                 : Server::kPlain;
  }
  HookSlot slot = SharedSlot(dir, server);
  if (options.trust_env) slot.arguments = " --trust-env";
  Result<std::string> done = options.uninstall
                                 ? Uninstall({slot})
                                 : InstallSlot(slot, options.pushguard_path);
  if (!done.ok()) return done.status();
  return *done;
}

}  // namespace pushguard::install
