#include "identity/pusher.h"

#include <doctest/doctest.h>

#include <map>

namespace pushguard::identity {
namespace {

Environment FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

struct Case {
  const char* server;
  std::map<std::string, std::string> env;
  const char* user;
  const char* user_source;
  const char* repository;
  const char* protocol;
};

TEST_CASE("each Git server's environment names the pusher and repository") {
  const Case cases[] = {
      {"gitlab",
       {{"GL_USERNAME", "alice"},
        {"GL_PROJECT_PATH", "group/app"},
        {"GL_PROTOCOL", "web"},
        {"GL_ID", "user-1"}},
       "alice",
       "GL_USERNAME",
       "group/app",
       "web"},
      {"gitea",
       {{"GITEA_PUSHER_NAME", "bob"},
        {"GITEA_REPO_USER_NAME", "org"},
        {"GITEA_REPO_NAME", "svc"},
        {"SSH_CONNECTION", "1.2.3.4 5 6.7.8.9 22"}},
       "bob",
       "GITEA_PUSHER_NAME",
       "org/svc",
       "ssh"},
      {"github",
       {{"GITHUB_USER_LOGIN", "carol"},
        {"GITHUB_REPO_NAME", "org/web"},
        {"GITHUB_VIA", "git"}},
       "carol",
       "GITHUB_USER_LOGIN",
       "org/web",
       "git"},
      {"gitolite",
       {{"GL_USER", "dave"}, {"GL_REPO", "tools"}},
       "dave",
       "GL_USER",
       "tools",
       "local"},
      {"git",
       {{"REMOTE_USER", "erin"}, {"REMOTE_ADDR", "10.0.0.1"}},
       "erin",
       "REMOTE_USER",
       "/srv/git/x.git",
       "http"},
      {"git",
       {{"REMOTE_ADDR", "127.0.0.1"}, {"REMOTE_PORT", "50000"}},
       "git",
       "os-user",
       "/srv/git/x.git",
       "git"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.server);
    PushIdentity id = IdentifyPush(FakeEnv(c.env), "/srv/git/x.git", "git");
    CHECK(id.server == c.server);
    CHECK(id.user == c.user);
    CHECK(id.user_source == c.user_source);
    CHECK(id.repository == c.repository);
    CHECK(id.protocol == c.protocol);
  }
}

TEST_CASE("without server variables the OS user and the git dir are used") {
  PushIdentity id = IdentifyPush(FakeEnv({}), "/srv/git/x.git", "git");
  CHECK(id.user == "git");
  CHECK(id.user_source == "os-user");
  CHECK(id.repository == "/srv/git/x.git");
  CHECK(id.repository_source == "git-dir");
  CHECK(id.protocol == "local");
}

TEST_CASE("an empty server variable counts as unset") {
  PushIdentity id = IdentifyPush(
      FakeEnv({{"GL_USERNAME", ""}, {"GL_USER", "dave"}}), "/r.git", "");
  CHECK(id.user == "dave");
  CHECK(id.server == "gitolite");
  CHECK(id.repository == "/r.git");
}

TEST_CASE("the hook's relative GIT_DIR becomes an absolute path") {
  std::string dir =
      HookGitDir(FakeEnv({{"GIT_DIR", "/srv/git/../git/a.git/"}}));
  CHECK(dir == "/srv/git/a.git");
}

}  // namespace
}  // namespace pushguard::identity

namespace pushguard::identity {

TEST_CASE("the pusher's e-mail comes from Gitea, and from no other server") {
  auto env = [](std::map<std::string, std::string> vars) -> Environment {
    return [vars](const std::string& name) -> std::optional<std::string> {
      auto it = vars.find(name);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
  };
  CHECK(IdentifyPush(env({{"GITEA_PUSHER_NAME", "bob"},
                          {"GITEA_PUSHER_EMAIL", "bob@example.com"}}),
                     "/g", "git")
            .email == "bob@example.com");
  CHECK(IdentifyPush(env({{"GL_USERNAME", "alice"},
                          {"GITEA_PUSHER_EMAIL", "bob@example.com"}}),
                     "/g", "git")
            .email.empty());
}

}  // namespace pushguard::identity
