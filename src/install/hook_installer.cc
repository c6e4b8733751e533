#include "install/hook_installer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace pushguard::install {
namespace {

namespace fs = std::filesystem;

constexpr char kPreReceiveD[] = "pre-receive.d";
constexpr char kDropInName[] = "pushguard";

std::string Errno(const std::string& path, const std::string& what) {
  return path + ": " + what + ": " + std::strerror(errno);
}

// Quotes `s` for sh: inside single quotes everything is literal but '.
std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

bool Exists(const fs::path& p) {
  std::error_code ec;
  return fs::symlink_status(p, ec).type() != fs::file_type::not_found && !ec;
}

bool IsGitDir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p / "objects", ec) && Exists(p / "HEAD");
}

// Reads at most `limit` bytes of `path`; nullopt if it cannot be read.
std::optional<std::string> ReadPrefix(const fs::path& path, size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data(limit, '\0');
  in.read(data.data(), static_cast<std::streamsize>(limit));
  data.resize(static_cast<size_t>(in.gcount()));
  return data;
}

// True if `hook` is a script that Install() wrote. The marker sits on the
// second line, so the first few KiB are enough even for a binary hook.
bool IsOurs(const fs::path& hook) {
  std::optional<std::string> head = ReadPrefix(hook, 4096);
  return head && head->find(kMarker) != std::string::npos;
}

// True if `hook` is the pushguard binary itself (a symlink or hard link).
bool IsPushguardBinary(const fs::path& hook, const std::string& pushguard) {
  std::error_code ec;
  return fs::equivalent(hook, pushguard, ec) && !ec;
}

// "gitdir: <path>" files (submodules) point at the real git directory.
std::optional<fs::path> FollowGitFile(const fs::path& dot_git) {
  std::optional<std::string> text = ReadPrefix(dot_git, 4096);
  const std::string prefix = "gitdir: ";
  if (!text || text->rfind(prefix, 0) != 0) return std::nullopt;
  std::string target = text->substr(prefix.size());
  target = target.substr(0, target.find_first_of("\r\n"));
  fs::path p(target);
  return p.is_absolute() ? p : dot_git.parent_path() / p;
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

// A file written next to its destination and renamed over it, so readers
// see either the old or the new hook, never a partial one. Removed on
// destruction unless committed.
class PendingFile {
 public:
  static Result<PendingFile> Write(const fs::path& target,
                                   const std::string& content) {
    std::string tmpl =
        (target.parent_path() / ("." + target.filename().string() + ".XXXXXX"))
            .string();
    int fd = mkstemp(tmpl.data());
    if (fd < 0)
      return Status::Io(
          Errno(target.string(), "cannot create a temporary file"));
    PendingFile pending(tmpl);
    Status st = WriteAll(fd, content, target);
    if (::close(fd) != 0 && st.ok())
      st = Status::Io(Errno(target.string(), "write failed"));
    if (!st.ok()) return st;
    return pending;
  }

  PendingFile(PendingFile&& other) noexcept : temp_(std::move(other.temp_)) {
    other.temp_.clear();
  }
  PendingFile& operator=(PendingFile&&) = delete;
  ~PendingFile() {
    if (!temp_.empty()) ::unlink(temp_.c_str());
  }

  Status CommitTo(const fs::path& target) {
    if (::rename(temp_.c_str(), target.c_str()) != 0) {
      return Status::Io(
          Errno(target.string(), "cannot rename the new hook into place"));
    }
    temp_.clear();
    return Status::Ok();
  }

 private:
  explicit PendingFile(std::string temp) : temp_(std::move(temp)) {}

  static Status WriteAll(int fd, const std::string& content,
                         const fs::path& target) {
    size_t done = 0;
    while (done < content.size()) {
      ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Status::Io(Errno(target.string(), "write failed"));
      done += static_cast<size_t>(n);
    }
    if (::fchmod(fd, 0755) != 0)
      return Status::Io(Errno(target.string(), "chmod failed"));
    if (::fsync(fd) != 0)
      return Status::Io(Errno(target.string(), "fsync failed"));
    return Status::Ok();
  }

  std::string temp_;
};

Status WriteAtomically(const fs::path& target, const std::string& content) {
  Result<PendingFile> pending = PendingFile::Write(target, content);
  if (!pending.ok()) return pending.status();
  return pending->CommitTo(target);
}

// Keeps `hook` as `chained` without a moment where no hook exists: a hard
// link first (the rename of the new script replaces `hook` atomically), a
// rename where hard links are not possible.
Status KeepAsChained(const fs::path& hook, const fs::path& chained) {
  if (::linkat(AT_FDCWD, hook.c_str(), AT_FDCWD, chained.c_str(), 0) == 0) {
    return Status::Ok();
  }
  if (::rename(hook.c_str(), chained.c_str()) == 0) return Status::Ok();
  return Status::Io(Errno(
      hook.string(), "cannot keep the existing hook as " + chained.string()));
}

// Installs `target` with `content`; `label` is its name relative to the git
// dir.
Result<std::string> WriteHook(const fs::path& target,
                              const std::string& content,
                              const std::string& label) {
  bool existed = Exists(target);
  if (existed && ReadPrefix(target, content.size() + 1) == content) {
    return "already installed (" + label + ")";
  }
  Status st = WriteAtomically(target, content);
  if (!st.ok()) return st;
  return (existed ? "updated " : "installed ") + label;
}

Result<std::string> ChainAndInstall(const fs::path& hook,
                                    const fs::path& chained,
                                    const std::string& pushguard) {
  if (Exists(chained)) {
    return Status::InvalidArgument(
        hook.string() + ": not installed by pushguard, and " +
        chained.string() +
        " already exists; move one of them away and run install again");
  }
  Result<PendingFile> pending =
      PendingFile::Write(hook, HookScript(pushguard, true));
  if (!pending.ok()) return pending.status();
  if (Status st = KeepAsChained(hook, chained); !st.ok()) return st;
  if (Status st = pending->CommitTo(hook); !st.ok()) return st;
  return std::string("chained existing hook as hooks/") + kChainedName +
         ", installed hooks/pre-receive";
}

Result<std::string> InstallInto(const fs::path& git_dir,
                                const std::string& pushguard) {
  fs::path hooks = git_dir / "hooks";
  std::error_code ec;
  fs::create_directories(hooks, ec);
  if (ec)
    return Status::Io(hooks.string() + ": cannot create: " + ec.message());
  if (fs::is_directory(hooks / kPreReceiveD, ec)) {
    return WriteHook(hooks / kPreReceiveD / kDropInName,
                     HookScript(pushguard, false),
                     std::string("hooks/") + kPreReceiveD + "/" + kDropInName);
  }
  fs::path hook = hooks / "pre-receive";
  fs::path chained = hooks / kChainedName;
  if (Exists(hook) && !IsOurs(hook) && !IsPushguardBinary(hook, pushguard)) {
    return ChainAndInstall(hook, chained, pushguard);
  }
  return WriteHook(hook, HookScript(pushguard, Exists(chained)),
                   "hooks/pre-receive");
}

Result<std::string> UninstallFrom(const fs::path& git_dir) {
  fs::path hooks = git_dir / "hooks";
  std::vector<std::string> done;
  fs::path drop_in = hooks / kPreReceiveD / kDropInName;
  if (Exists(drop_in) && IsOurs(drop_in)) {
    if (::unlink(drop_in.c_str()) != 0)
      return Status::Io(Errno(drop_in.string(), "cannot remove"));
    done.push_back(std::string("uninstalled hooks/") + kPreReceiveD + "/" +
                   kDropInName);
  }
  fs::path hook = hooks / "pre-receive";
  fs::path chained = hooks / kChainedName;
  if (Exists(hook) && IsOurs(hook)) {
    if (Exists(chained)) {
      if (::rename(chained.c_str(), hook.c_str()) != 0) {
        return Status::Io(
            Errno(chained.string(), "cannot restore as " + hook.string()));
      }
      done.push_back(
          "uninstalled hooks/pre-receive, restored the chained hook");
    } else {
      if (::unlink(hook.c_str()) != 0)
        return Status::Io(Errno(hook.string(), "cannot remove"));
      done.push_back("uninstalled hooks/pre-receive");
    }
  } else if (Exists(chained)) {
    done.push_back(
        std::string("hooks/pre-receive is not pushguard's; left hooks/") +
        kChainedName + " in place");
  }
  if (done.empty()) return std::string("not installed");
  std::string line = done[0];
  for (size_t i = 1; i < done.size(); ++i) line += "; " + done[i];
  return line;
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

}  // namespace

std::string HookScript(const std::string& pushguard_path, bool chained) {
  std::ostringstream s;
  s << "#!/bin/sh\n" << kMarker << "\n";
  s << "# Checks every push before git updates a ref. Update with\n"
       "# `pushguard install <repo>`, remove with `pushguard install "
       "--uninstall <repo>`.\n";
  if (!chained) {
    s << "exec " << ShellQuote(pushguard_path) << " pre-receive\n";
    return s.str();
  }
  s << "# The hook that was here before is kept as " << kChainedName
    << ";\n"
       "# it gets the same ref updates, and runs only if pushguard accepted.\n"
       "chained=\"$(dirname \"$0\")/"
    << kChainedName
    << "\"\n"
       "input=$(mktemp) || { echo 'pushguard: cannot buffer the ref updates' "
       ">&2; exit 1; }\n"
       "trap 'rm -f \"$input\"' EXIT\n"
       "trap 'exit 1' HUP INT TERM\n"
       "cat >\"$input\" || exit 1\n"
    << ShellQuote(pushguard_path)
    << " pre-receive <\"$input\" || exit $?\n"
       "if [ -x \"$chained\" ]; then\n"
       "  \"$chained\" \"$@\" <\"$input\" || exit $?\n"
       "fi\n"
       "exit 0\n";
  return s.str();
}

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
    Result<std::string> done =
        options.uninstall ? UninstallFrom(git_dirs[i])
                          : InstallInto(git_dirs[i], options.pushguard_path);
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

}  // namespace pushguard::install
