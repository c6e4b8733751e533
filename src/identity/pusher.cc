#include "identity/pusher.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace pushguard::identity {
namespace {

std::string Get(const Environment& env, const char* name) {
  std::optional<std::string> value = env(name);
  return value ? *value : std::string();
}

struct Server {
  const char* name;
  const char* user_var;
  const char* repo_var;
  const char* protocol_var;
};

// Most specific first: a GitLab hook also sees GL_USER-like names, so the
// products' own variables win over the generic ones.
const Server kServers[] = {
    {"gitlab", "GL_USERNAME", "GL_PROJECT_PATH", "GL_PROTOCOL"},
    {"gitea", "GITEA_PUSHER_NAME", nullptr, nullptr},
    {"github", "GITHUB_USER_LOGIN", "GITHUB_REPO_NAME", "GITHUB_VIA"},
    {"gitolite", "GL_USER", "GL_REPO", nullptr},
    {"git", "REMOTE_USER", nullptr, nullptr},
};

std::string GuessProtocol(const Environment& env) {
  if (!Get(env, "SSH_CONNECTION").empty() || !Get(env, "SSH_CLIENT").empty()) {
    return "ssh";
  }
  if (!Get(env, "GATEWAY_INTERFACE").empty() ||
      !Get(env, "REMOTE_USER").empty()) {
    return "http";
  }
  // `git daemon` exports REMOTE_ADDR (and REMOTE_PORT) but, unlike a web
  // server, no GATEWAY_INTERFACE.
  if (!Get(env, "REMOTE_ADDR").empty()) return "git";
  return "local";
}

// Gitea names the repository in two variables.
std::string GiteaRepository(const Environment& env) {
  std::string owner = Get(env, "GITEA_REPO_USER_NAME");
  std::string name = Get(env, "GITEA_REPO_NAME");
  if (name.empty()) return "";
  return owner.empty() ? name : owner + "/" + name;
}

}  // namespace

Environment ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

PushIdentity IdentifyPush(const Environment& env, const std::string& git_dir,
                          const std::string& os_user) {
  PushIdentity id;
  for (const Server& s : kServers) {
    std::string user = Get(env, s.user_var);
    if (user.empty()) continue;
    id.user = user;
    id.user_source = s.user_var;
    id.server = s.name;
    if (std::string(s.name) == "gitea") {
      id.repository = GiteaRepository(env);
      id.repository_source = "GITEA_REPO_USER_NAME/GITEA_REPO_NAME";
    } else if (s.repo_var != nullptr) {
      id.repository = Get(env, s.repo_var);
      id.repository_source = s.repo_var;
    }
    if (s.protocol_var != nullptr) id.protocol = Get(env, s.protocol_var);
    break;
  }
  if (id.user.empty()) {
    id.user = os_user.empty() ? "unknown" : os_user;
    id.user_source = "os-user";
    id.server = "git";
  }
  if (id.repository.empty()) {
    id.repository = git_dir.empty() ? "unknown" : git_dir;
    id.repository_source = "git-dir";
  }
  if (id.protocol.empty()) id.protocol = GuessProtocol(env);
  if (id.server == "gitea") id.email = Get(env, "GITEA_PUSHER_EMAIL");
  return id;
}

std::string OperatingSystemUser() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name) {
    return pw->pw_name;
  }
  const char* user = std::getenv("USER");
  return user && *user ? user : "unknown";
}

std::string HookGitDir(const Environment& env) {
  namespace fs = std::filesystem;
  std::string dir = Get(env, "GIT_DIR");
  std::error_code ec;
  fs::path path = dir.empty() ? fs::current_path(ec) : fs::path(dir);
  fs::path absolute = fs::weakly_canonical(path, ec);
  if (ec) absolute = fs::absolute(path, ec);
  std::string out = absolute.lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

PushIdentity IdentifyHookPush() {
  Environment env = ProcessEnvironment();
  return IdentifyPush(env, HookGitDir(env), OperatingSystemUser());
}

}  // namespace pushguard::identity
