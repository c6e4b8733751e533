// Wires pushguard into bare repositories as their pre-receive hook.
//
//   InstallOptions options{.pushguard_path = "/usr/local/bin/pushguard"};
//   Result<std::vector<std::string>> lines = Install({"/srv/git/a.git"},
//   options); if (!lines.ok()) return lines.status();
//   // lines: {"/srv/git/a.git: installed hooks/pre-receive"}
//
// Layouts:
// - `hooks/pre-receive.d/` exists (Gitea/Forgejo, GitLab custom hooks): the
//   server's wrapper runs every script there, so pushguard installs
//   `hooks/pre-receive.d/pushguard` and chains nothing.
// - otherwise pushguard installs `hooks/pre-receive`. A pre-receive hook that
//   pushguard did not write is kept as `hooks/pre-receive.pushguard-chained`;
//   the installed script buffers the ref updates, runs pushguard, then (only if
//   pushguard accepted) the chained hook on the same input.
//
// The installed script is POSIX sh, carries the marker comment
// `# installed by pushguard install` and execs `<pushguard_path> pre-receive`.
// Installing is idempotent: re-running rewrites the script only when its
// content (e.g. the binary path) changed. Uninstalling removes the script and
// puts a chained hook back in place. Hook files are written atomically (temp
// file in the same directory, fsync, rename) with mode 0755, so a push never
// sees a half-written hook and there is no moment without a hook.
//
// Not thread-safe with respect to concurrent installs into the same repository.
// Does not look at `core.hooksPath`: when it is set, the line for that
// repository says so, since git then ignores `hooks/`.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace pushguard::install {

// Marker that identifies a hook written by Install().
inline constexpr char kMarker[] = "# installed by pushguard install";
// Name a pre-existing hooks/pre-receive is kept under.
inline constexpr char kChainedName[] = "pre-receive.pushguard-chained";

struct InstallOptions {
  std::string
      pushguard_path;  // absolute path of the pushguard binary the hook execs
  bool uninstall = false;
};

// Installs (or, with options.uninstall, removes) the hook in every repository
// of `repos`: a bare repository directory (has `objects/` and `HEAD`) or a
// working tree whose `.git` is one.
//
// On success returns one line per repository, in order, of the form
// "<repo>: <what was done>", e.g. "<repo>: installed hooks/pre-receive",
// "<repo>: already installed (hooks/pre-receive)", "<repo>: uninstalled
// hooks/pre-receive, restored the chained hook".
// Fails with InvalidArgument (bad options, a path that is not a repository)
// before touching any repository, or with Io naming the path that could not
// be written; repositories earlier in the list stay installed in that case.
Result<std::vector<std::string>> Install(const std::vector<std::string>& repos,
                                         const InstallOptions& options);

// The script Install() writes. `chained` adds the stdin buffering and the
// call to hooks/pre-receive.pushguard-chained. Exposed for tests.
std::string HookScript(const std::string& pushguard_path, bool chained);

}  // namespace pushguard::install
