#include "config/compiled_cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "base/atomic_file.h"
#include "base/sha256.h"

namespace pushguard::config {
namespace {

constexpr char kSuffix[] = ".compiled";

// Owned by this user and writable by no one else.
bool SafelyOwn(const struct stat& st) {
  return st.st_uid == geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

bool SafeDirectory(const std::string& dir) {
  struct stat st;
  return lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && SafelyOwn(st);
}

// mkdir -p with mode 0700 for the directories it creates.
Status MakeDirectories(const std::string& dir) {
  std::string path;
  for (size_t i = 0; i <= dir.size(); ++i) {
    if (i < dir.size() && dir[i] != '/') continue;
    path = dir.substr(0, i);
    if (path.empty()) continue;
    if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
      return Status::Io(path + ": " + std::strerror(errno));
    }
  }
  return Status::Ok();
}

}  // namespace

std::string CompiledCache::DefaultDirectory(bool trust_env) {
  if (!trust_env) {
    const passwd* user = getpwuid(geteuid());
    if (user == nullptr || user->pw_dir == nullptr || user->pw_dir[0] != '/') {
      return "";
    }
    return std::string(user->pw_dir) + "/.cache/pushguard";
  }
  if (const char* dir = std::getenv("PUSHGUARD_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
    return std::string(xdg) + "/pushguard";
  }
  if (const char* home = std::getenv("HOME"); home && *home == '/') {
    return std::string(home) + "/.cache/pushguard";
  }
  return "";
}

std::string CompiledCache::Key(const std::vector<rules::PolicySource>& layers,
                               std::string_view identity) {
  Sha256 hash;
  hash.UpdateField(identity);
  for (const rules::PolicySource& layer : layers) {
    hash.UpdateField(layer.name);
    hash.UpdateField(layer.system ? "system" : "other");
    hash.UpdateField(rules::LayerDigest(layer));
  }
  return hash.HexDigest();
}

std::string CompiledCache::EntryPath(const std::string& key) const {
  return directory_ + "/" + key + kSuffix;
}

std::optional<std::string> CompiledCache::Load(const std::string& key) const {
  if (directory_.empty() || !SafeDirectory(directory_)) return std::nullopt;
  int fd = open(EntryPath(key).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> out;
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && SafelyOwn(st)) {
    std::string bytes(static_cast<size_t>(st.st_size), '\0');
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = read(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    if (done == bytes.size()) out = std::move(bytes);
  }
  close(fd);
  return out;
}

Status CompiledCache::Store(const std::string& key,
                            std::string_view bytes) const {
  if (directory_.empty()) return Status::NotFound("no cache directory");
  if (Status s = MakeDirectories(directory_); !s.ok()) return s;
  if (!SafeDirectory(directory_)) {
    return Status::InvalidArgument(
        directory_ + ": not owned by this user, or writable by others");
  }
  if (Status s = WriteFileAtomically(EntryPath(key), bytes, 0600, false);
      !s.ok()) {
    return s;
  }
  Prune();
  return Status::Ok();
}

void CompiledCache::Prune() const {
  DIR* dir = opendir(directory_.c_str());
  if (dir == nullptr) return;
  std::vector<std::pair<struct timespec, std::string>> entries;
  while (dirent* e = readdir(dir)) {
    std::string name = e->d_name;
    struct stat st;
    if (IsAtomicTempName(name)) {
      // A writer that died before its rename, an hour ago or more.
      if (fstatat(dirfd(dir), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
          st.st_mtim.tv_sec + 3600 < time(nullptr)) {
        unlinkat(dirfd(dir), name.c_str(), 0);
      }
      continue;
    }
    if (name.size() <= sizeof kSuffix - 1 ||
        name.compare(name.size() - (sizeof kSuffix - 1), std::string::npos,
                     kSuffix) != 0) {
      continue;
    }
    if (fstatat(dirfd(dir), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
      entries.emplace_back(st.st_mtim, name);
    }
  }
  closedir(dir);
  if (entries.size() <= kMaxEntries) return;
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.first.tv_sec != b.first.tv_sec ? a.first.tv_sec < b.first.tv_sec
                                            : a.first.tv_nsec < b.first.tv_nsec;
  });
  for (size_t i = 0; i + kMaxEntries < entries.size(); ++i) {
    unlink((directory_ + "/" + entries[i].second).c_str());
  }
}

}  // namespace pushguard::config
