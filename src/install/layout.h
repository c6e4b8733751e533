// Where each Git server runs hooks from, and how to tell which server owns a
// repository. See server-hooks/<server>/README.md for the administrators'
// side of each layout.
//
//   plain     <git dir>/hooks/pre-receive (a foreign hook is chained)
//   gitlab    <git dir>/custom_hooks/pre-receive.d/pushguard (Gitaly sets
//             core.hooksPath to its own hooks, so hooks/ is never run)
//   gitea     <git dir>/hooks/pre-receive.d/pushguard (Gitea and Forgejo
//             rewrite hooks/pre-receive but leave pre-receive.d/ alone)
//   gitolite  <git dir>/hooks/pre-receive (gitolite uses update, not
//             pre-receive; it exports GL_USER and GL_REPO to every hook)
//   client    <git dir>/hooks/pre-commit and pre-push of a developer's clone
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "install/hook_files.h"

namespace pushguard::install {

enum class Server { kDetect, kPlain, kGitLab, kGitea, kGitolite };

// "plain", "gitlab", "gitea" (also "forgejo"), "gitolite", "detect";
// nullopt for anything else.
std::optional<Server> ParseServer(const std::string& name);

// Which server owns the repository at `git_dir`, from what it leaves there:
// GitLab a custom_hooks/ directory or a @hashed/ path, Gitea/Forgejo a
// generated hooks/pre-receive naming it (or any pre-receive.d/ directory),
// gitolite its update hook. Plain git otherwise.
Server DetectServer(const std::filesystem::path& git_dir);

// The slots a repository of `server` gets its pre-receive hook in.
// REQUIRES: server != kDetect.
HookSlot RepositorySlot(const std::filesystem::path& git_dir, Server server);

// Every slot pushguard may have installed into (for --uninstall).
std::vector<HookSlot> AllRepositorySlots(const std::filesystem::path& git_dir);

// A shared hooks directory (core.hooksPath, gitolite's hooks/common,
// GitLab's custom_hooks_dir, a Gitea template): GitLab and Gitea run
// <dir>/pre-receive.d/*, the others <dir>/pre-receive.
HookSlot SharedSlot(const std::filesystem::path& dir, Server server);

// The pre-commit and pre-push slots of a developer's clone. Linked worktrees
// share the hooks of their main repository.
std::vector<HookSlot> ClientSlots(const std::filesystem::path& git_dir);

}  // namespace pushguard::install
