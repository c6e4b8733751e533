// The audit log's directory after an install from source, made as the
// Debian package makes it (packaging/deb/postinst): owned by root, group
// `pushguard`, mode 2770 (setgid: records keep the group; developers who
// are not in the group cannot read them), with the users the hooks run as
// (the repositories' owners) in that group.
//
//   Result<std::string> done = EnsureAuditDir("/var/log/pushguard", {"git"});
//   if (!done.ok()) print AuditDirCommands("/var/log/pushguard", {"git"});
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace pushguard::install {

inline constexpr char kAuditGroup[] = "pushguard";

// The shell commands an administrator runs as root to make `dir` for
// `users` (root needs no group and is left out).
std::vector<std::string> AuditDirCommands(
    const std::string& dir, const std::vector<std::string>& users);

// When `dir` does not exist, makes it as AuditDirCommands() says (creating
// the group and adding the users when needed) and returns what was done;
// returns "" when it exists. Fails (changing what it managed to change)
// when not run as root or when a step fails: the caller then shows
// AuditDirCommands().
Result<std::string> EnsureAuditDir(const std::string& dir,
                                   const std::vector<std::string>& users);

// The name of the user owning `path`, "" when unknown.
std::string OwnerOf(const std::string& path);

}  // namespace pushguard::install
