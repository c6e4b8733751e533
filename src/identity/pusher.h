// Who pushes to which repository, as the Git server tells the hook through
// its environment. One place for this so that the audit log and policy
// scoping agree on names. std only; no other module is needed.
//
//   PushIdentity who = IdentifyPush(ProcessEnvironment(), "/srv/git/a.git");
//   who.user        // "alice" (from GL_USERNAME, GITEA_PUSHER_NAME, ...)
//   who.repository  // "group/app" (from GL_PROJECT_PATH, ...), else the path
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace pushguard::identity {

struct PushIdentity {
  std::string user;               // never empty: "unknown" as a last resort
  std::string user_source;        // the variable it came from, or "os-user"
  std::string repository;         // never empty: the git dir path at worst
  std::string repository_source;  // the variable(s), or "git-dir"
  std::string protocol;           // "ssh", "http", "web", "local", ...
  std::string server;             // "gitlab", "gitea", "github", "gitolite",
                                  // "git"
  std::string email;              // the pusher's e-mail when the server
                                  // gives it (GITEA_PUSHER_EMAIL), else ""
};

// Looks up an environment variable; nullopt (or "") when unset.
using Environment =
    std::function<std::optional<std::string>(const std::string& name)>;

// std::getenv.
Environment ProcessEnvironment();

// Identifies the pusher and repository from `env`, in this order:
//   GitLab   GL_USERNAME, GL_PROJECT_PATH, GL_PROTOCOL
//   Gitea    GITEA_PUSHER_NAME, GITEA_REPO_USER_NAME + "/" + GITEA_REPO_NAME
//   GHES     GITHUB_USER_LOGIN, GITHUB_REPO_NAME, GITHUB_VIA
//   Gitolite GL_USER, GL_REPO
//   HTTP     REMOTE_USER
//   else     the operating-system user (`os_user`).
// The repository falls back to `git_dir`. The protocol, when the server does
// not name it, is "ssh" with SSH_CONNECTION, "http" with GATEWAY_INTERFACE
// or REMOTE_USER, "git" (git daemon) with only REMOTE_ADDR, else "local".
PushIdentity IdentifyPush(const Environment& env, const std::string& git_dir,
                          const std::string& os_user);

// The effective user's login name (getpwuid), or $USER, or "unknown".
std::string OperatingSystemUser();

// The absolute git dir of the hook: $GIT_DIR made absolute (git runs hooks
// with GIT_DIR=. inside the repository), or the current directory.
std::string HookGitDir(const Environment& env);

// IdentifyPush(ProcessEnvironment(), HookGitDir(...), OperatingSystemUser()).
PushIdentity IdentifyHookPush();

}  // namespace pushguard::identity
