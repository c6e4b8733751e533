// Wires pushguard into repositories as their pre-receive hook (servers), or
// as pre-commit and pre-push hooks (a developer's clone).
//
//   InstallOptions options{.pushguard_path = "/usr/bin/pushguard"};
//   Result<std::vector<std::string>> lines =
//       Install({"/srv/git/a.git"}, options);
//   if (!lines.ok()) return lines.status();
//   // *lines: {"/srv/git/a.git: installed hooks/pre-receive"}
//
// Where the hook goes depends on the server (install/layout.h): given with
// `server`, or detected per repository. A pre-receive hook that pushguard
// did not write is kept as `<hook>.pushguard-chained` and runs after
// pushguard accepted, on the same input; servers that run every script in
// `pre-receive.d/` (Gitea/Forgejo, GitLab) get a drop-in there instead.
//
// Installing is idempotent: re-running rewrites a script only when its
// content (e.g. the binary path) changed. Uninstalling removes the scripts
// and puts chained hooks back. Hook files are written atomically with mode
// 0755 (install/hook_files.h). Not thread-safe with respect to concurrent
// installs into the same repository. When the repository's config sets
// `core.hooksPath`, git ignores hooks/ and the line says so.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "install/hook_script.h"
#include "install/layout.h"

namespace pushguard::install {

struct InstallOptions {
  std::string
      pushguard_path;  // absolute path of the pushguard binary the hook execs
  bool uninstall = false;
  Server server = Server::kDetect;
  // A developer's clone: pre-commit and pre-push instead of pre-receive.
  bool client = false;
  // The server sets pushguard's PUSHGUARD_* variables and clients cannot:
  // the pre-receive hook runs `pushguard pre-receive --trust-env`
  // (cli/hook_config.h). Off, the hook ignores them.
  bool trust_env = false;
};

// Installs (or, with options.uninstall, removes) the hooks in every
// repository of `repos`: a bare repository directory (has `objects/` and
// `HEAD`) or a working tree whose `.git` is (or names) one.
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

// Installs (or removes) the pre-receive hook in a hooks directory that many
// repositories share: `core.hooksPath`, gitolite's `hooks/common`, GitLab's
// `custom_hooks_dir`. Returns what was done, naming the hook by its full
// path: "installed /etc/git/hooks/pre-receive".
Result<std::string> InstallHooksDir(const std::string& dir,
                                    const InstallOptions& options);

}  // namespace pushguard::install
