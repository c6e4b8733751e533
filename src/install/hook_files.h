// Writing and removing one hook file safely: atomically (temp file in the
// same directory, fsync, rename, mode 0755, so a push never sees a
// half-written hook and there is no moment without a hook), idempotently,
// and keeping (chaining) a hook that pushguard did not write.
#pragma once

#include <filesystem>
#include <string>

#include "base/status.h"

namespace pushguard::install {

// Where one hook goes.
struct HookSlot {
  std::filesystem::path dir;  // a hooks directory: <git dir>/hooks, ...
  std::string label;          // how messages name `dir`: "hooks", ...
  std::string hook;           // "pre-receive", "pre-commit", "pre-push"
  // The server runs every script in <dir>/<hook>.d/ (Gitea, GitLab): write
  // <dir>/<hook>.d/pushguard and chain nothing. Otherwise write <dir>/<hook>,
  // keeping a foreign one as <dir>/<hook>.pushguard-chained.
  bool drop_in = false;
  // Passed to pushguard after the hook's name (e.g. " --trust-env"), as
  // written: the caller quotes anything that needs it.
  std::string arguments = "";
};

// Installs the hook for `slot`, creating directories as needed. Returns what
// was done: "installed hooks/pre-receive", "already installed
// (hooks/pre-receive)", "updated ...", "chained existing hook as
// hooks/pre-receive.pushguard-chained, installed hooks/pre-receive".
Result<std::string> InstallSlot(const HookSlot& slot,
                                const std::string& pushguard);

// Removes pushguard's hook from `slot`, restoring a chained hook. Returns
// what was done, or "" when pushguard had nothing there.
Result<std::string> UninstallSlot(const HookSlot& slot);

// True if `path` exists (a dangling symlink counts).
bool Exists(const std::filesystem::path& path);

// Up to `limit` bytes of `path`, or "" if it cannot be read.
std::string ReadPrefix(const std::filesystem::path& path, size_t limit);

}  // namespace pushguard::install
