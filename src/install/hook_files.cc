#include "install/hook_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "install/hook_script.h"

namespace pushguard::install {
namespace {

namespace fs = std::filesystem;

constexpr char kDropInName[] = "pushguard";

std::string Errno(const std::string& path, const std::string& what) {
  return path + ": " + what + ": " + std::strerror(errno);
}

// True if `hook` is a script that Install() wrote. The marker sits on the
// second line, so the first few KiB are enough even for a binary hook.
bool IsOurs(const fs::path& hook) {
  return ReadPrefix(hook, 4096).find(kMarker) != std::string::npos;
}

// True if `hook` is the pushguard binary itself (a symlink or hard link).
bool IsPushguardBinary(const fs::path& hook, const std::string& pushguard) {
  std::error_code ec;
  return fs::equivalent(hook, pushguard, ec) && !ec;
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

Result<std::string> ChainAndInstall(const HookSlot& slot,
                                    const std::string& pushguard) {
  const fs::path hook = slot.dir / slot.hook;
  const fs::path chained = slot.dir / ChainedName(slot.hook);
  if (Exists(chained)) {
    return Status::InvalidArgument(
        hook.string() + ": not installed by pushguard, and " +
        chained.string() +
        " already exists; move one of them away and run install again");
  }
  Result<PendingFile> pending = PendingFile::Write(
      hook, HookScript(pushguard, slot.hook, true, slot.arguments));
  if (!pending.ok()) return pending.status();
  if (Status st = KeepAsChained(hook, chained); !st.ok()) return st;
  if (Status st = pending->CommitTo(hook); !st.ok()) return st;
  return "chained existing hook as " + slot.label + "/" +
         ChainedName(slot.hook) + ", installed " + slot.label + "/" + slot.hook;
}

Status CreateDirectory(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::Io(dir.string() + ": cannot create: " + ec.message());
  return Status::Ok();
}

Result<std::string> Remove(const fs::path& path, const std::string& label) {
  if (::unlink(path.c_str()) != 0) {
    return Status::Io(Errno(path.string(), "cannot remove"));
  }
  return "uninstalled " + label;
}

}  // namespace

bool Exists(const fs::path& p) {
  std::error_code ec;
  return fs::symlink_status(p, ec).type() != fs::file_type::not_found && !ec;
}

std::string ReadPrefix(const fs::path& path, size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::string data(limit, '\0');
  in.read(data.data(), static_cast<std::streamsize>(limit));
  data.resize(static_cast<size_t>(in.gcount()));
  return data;
}

Result<std::string> InstallSlot(const HookSlot& slot,
                                const std::string& pushguard) {
  if (slot.drop_in) {
    const fs::path dir = slot.dir / (slot.hook + ".d");
    if (Status st = CreateDirectory(dir); !st.ok()) return st;
    return WriteHook(dir / kDropInName,
                     HookScript(pushguard, slot.hook, false, slot.arguments),
                     slot.label + "/" + slot.hook + ".d/" + kDropInName);
  }
  if (Status st = CreateDirectory(slot.dir); !st.ok()) return st;
  const fs::path hook = slot.dir / slot.hook;
  const fs::path chained = slot.dir / ChainedName(slot.hook);
  if (Exists(hook) && !IsOurs(hook) && !IsPushguardBinary(hook, pushguard)) {
    return ChainAndInstall(slot, pushguard);
  }
  return WriteHook(
      hook, HookScript(pushguard, slot.hook, Exists(chained), slot.arguments),
      slot.label + "/" + slot.hook);
}

Result<std::string> UninstallSlot(const HookSlot& slot) {
  if (slot.drop_in) {
    const fs::path drop_in = slot.dir / (slot.hook + ".d") / kDropInName;
    if (!Exists(drop_in) || !IsOurs(drop_in)) return std::string();
    return Remove(drop_in, slot.label + "/" + slot.hook + ".d/" + kDropInName);
  }
  const fs::path hook = slot.dir / slot.hook;
  const fs::path chained = slot.dir / ChainedName(slot.hook);
  const std::string label = slot.label + "/" + slot.hook;
  if (Exists(hook) && IsOurs(hook)) {
    if (!Exists(chained)) return Remove(hook, label);
    if (::rename(chained.c_str(), hook.c_str()) != 0) {
      return Status::Io(
          Errno(chained.string(), "cannot restore as " + hook.string()));
    }
    return "uninstalled " + label + ", restored the chained hook";
  }
  if (Exists(chained)) {
    return label + " is not pushguard's; left " + slot.label + "/" +
           ChainedName(slot.hook) + " in place";
  }
  return std::string();
}

}  // namespace pushguard::install
