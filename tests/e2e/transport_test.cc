// End-to-end over real transports: the real git client pushes through
// `git daemon` (git://), OpenSSH's sshd, and nginx + fcgiwrap + git
// http-backend with basic auth, each started here on a loopback port. Each
// transport: a clean push is accepted, a push with a secret is rejected with
// the full message on the client and no ref moves, and the audit records
// name the pusher the server authenticated.
#include <doctest/doctest.h>
#include <unistd.h>

#include "identity/pusher.h"
#include "push_checks.h"
#include "server_fixture.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

// Pushes a clean commit, then one with a secret, to `url`.
void CheckPushesOver(GitFixture& git, const std::string& url,
                     const fs::path& audit_file, const std::string& user,
                     const std::string& protocol) {
  std::string clean = git.CommitFile("README.md", "# service\n", "initial");
  CommandResult ok = git.Git({"push", url, "HEAD:refs/heads/main"});
  INFO(ok.Output());
  REQUIRE(ok.exit_code == 0);
  CHECK(Contains(ok.err, "remote: pushguard: checked 1 commit"));
  CHECK(git.BareRef("refs/heads/main") == clean);

  const std::string key = FakeAwsKey();
  git.CommitFile("config/prod.env", ProdEnv(key), "add config");
  std::string refs_before = git.BareRefs();
  CommandResult bad = git.Git({"push", url, "HEAD:refs/heads/main"});
  CheckRejected(git, bad, refs_before);
  CHECK(Contains(bad.err,
                 "remote: error: pushguard rejected this push: 1 "
                 "secret in the commits you are pushing:"));
  CHECK(Contains(bad.err, "remote: error:     config/prod.env:3:8"));
  CHECK(Contains(bad.err, "remote: hint: Then remove it from the commits"));
  CheckRedactedAwsFinding(bad.err, key);

  std::vector<audit::AuditRecord> records = AuditRecords(audit_file);
  REQUIRE(records.size() == 2);
  CHECK(records[0].verdict == "accept");
  CHECK(records[1].verdict == "reject");
  for (const audit::AuditRecord& r : records) {
    CHECK(r.user == user);
    CHECK(r.protocol == protocol);
  }
}

}  // namespace

TEST_CASE("a push over git:// through git daemon is guarded") {
  GitFixture git;
  int port = FreePort();
  Daemon daemon({"git", "daemon", "--reuseaddr", "--listen=127.0.0.1",
                 "--port=" + std::to_string(port), "--export-all",
                 "--enable=receive-pack", "--base-path=" + git.root().string(),
                 git.root().string()},
                git.Env(), git.root() / "daemon.log");
  INFO(daemon.Log());
  REQUIRE(WaitForPort(port, daemon));
  // git daemon authenticates nobody: the record names the server's OS user.
  CheckPushesOver(
      git, "git://127.0.0.1:" + std::to_string(port) + "/server.git",
      git.root() / "audit.jsonl", identity::OperatingSystemUser(), "git");
}

TEST_CASE("a push over SSH to sshd is guarded, and names the key's user") {
  RequireProgram("/usr/sbin/sshd");
  GitFixture git;
  fs::path dir = git.root() / "sshd";
  fs::create_directories(dir);
  fs::create_directories("/run/sshd");  // sshd's privilege separation dir
  MakeSshKey(dir / "host_key");
  std::string alice = MakeSshKey(dir / "alice");
  // A per-key forced environment: how a plain SSH server tells the hook who
  // pushes (server-hooks/plain/README.md).
  WriteFile(dir / "authorized_keys",
            "environment=\"REMOTE_USER=alice\" " + alice + "\n");
  int port = FreePort();
  WriteFile(dir / "sshd_config",
            "Port " + std::to_string(port) +
                "\nListenAddress 127.0.0.1\n"
                "HostKey " +
                (dir / "host_key").string() + "\nPidFile " +
                (dir / "sshd.pid").string() + "\nAuthorizedKeysFile " +
                (dir / "authorized_keys").string() + "\nAllowUsers " +
                identity::OperatingSystemUser() +
                "\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n"
                "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
                "PermitRootLogin prohibit-password\n"
                "PermitUserEnvironment REMOTE_USER\n"
                "SetEnv PUSHGUARD_AUDIT_FILE=" +
                (git.root() / "audit.jsonl").string() +
                " PUSHGUARD_SYSTEM_CONFIG_DIR=" +
                (git.root() / "etc-pushguard").string() + "\n");
  Daemon sshd(
      {"/usr/sbin/sshd", "-D", "-e", "-f", (dir / "sshd_config").string()},
      {{"PATH", "/usr/sbin:/usr/bin:/sbin:/bin"}}, dir / "sshd.log");
  INFO(sshd.Log());
  REQUIRE(WaitForPort(port, sshd));
  git.SetEnv("GIT_SSH_COMMAND", SshCommand(dir / "alice", port));
  CheckPushesOver(git,
                  "ssh://" + identity::OperatingSystemUser() + "@127.0.0.1:" +
                      std::to_string(port) + git.bare().string(),
                  git.root() / "audit.jsonl", "alice", "ssh");
}

TEST_CASE(
    "a push over smart HTTP (nginx, fcgiwrap, git http-backend) is "
    "guarded, and names the authenticated user") {
  RequireProgram("/usr/sbin/nginx");
  RequireProgram("/usr/sbin/fcgiwrap");
  GitFixture git;
  fs::path dir = git.root() / "http";
  fs::create_directories(dir / "tmp");
  WriteFile(dir / "htpasswd", "carol:{PLAIN}s3cret-pass\n");
  const std::string socket = (dir / "fcgiwrap.sock").string();
  Daemon fcgiwrap({"/usr/sbin/fcgiwrap", "-c", "2", "-s", "unix:" + socket},
                  {{"PATH", "/usr/bin:/bin"}}, dir / "fcgiwrap.log");
  int port = FreePort();
  const std::string d = dir.string();
  WriteFile(dir / "nginx.conf",
            "daemon off;\nmaster_process on;\nworker_processes 1;\n"
            "user root root;\npid " +
                d +
                "/nginx.pid;\n"
                "error_log " +
                d +
                "/error.log;\n"
                "events { worker_connections 64; }\n"
                "http {\n  access_log " +
                d +
                "/access.log;\n"
                "  client_body_temp_path " +
                d +
                "/tmp/body;\n"
                "  fastcgi_temp_path " +
                d +
                "/tmp/fastcgi;\n"
                "  proxy_temp_path " +
                d +
                "/tmp/proxy;\n"
                "  uwsgi_temp_path " +
                d +
                "/tmp/uwsgi;\n"
                "  scgi_temp_path " +
                d +
                "/tmp/scgi;\n"
                "  server {\n    listen 127.0.0.1:" +
                std::to_string(port) +
                ";\n"
                "    client_max_body_size 0;\n"
                "    location / {\n"
                "      auth_basic \"git\";\n"
                "      auth_basic_user_file " +
                d +
                "/htpasswd;\n"
                "      include /etc/nginx/fastcgi_params;\n"
                "      fastcgi_param SCRIPT_FILENAME "
                "/usr/lib/git-core/git-http-backend;\n"
                "      fastcgi_param GIT_PROJECT_ROOT " +
                git.root().string() +
                ";\n"
                "      fastcgi_param GIT_HTTP_EXPORT_ALL 1;\n"
                "      fastcgi_param PATH_INFO $uri;\n"
                "      fastcgi_param REMOTE_USER $remote_user;\n"
                "      fastcgi_param PATH /usr/bin:/bin;\n"
                "      fastcgi_param PUSHGUARD_AUDIT_FILE " +
                (git.root() / "audit.jsonl").string() +
                ";\n"
                "      fastcgi_param PUSHGUARD_SYSTEM_CONFIG_DIR " +
                (git.root() / "etc-pushguard").string() +
                ";\n"
                "      fastcgi_pass unix:" +
                socket +
                ";\n"
                "    }\n  }\n}\n");
  Daemon nginx({"/usr/sbin/nginx", "-p", d, "-c", d + "/nginx.conf", "-e",
                d + "/error.log"},
               {{"PATH", "/usr/sbin:/usr/bin:/sbin:/bin"}}, dir / "nginx.log");
  INFO(nginx.Log() << ReadFile(dir / "error.log") << fcgiwrap.Log());
  REQUIRE(WaitForPort(port, nginx));
  REQUIRE(fcgiwrap.Running());
  const std::string base = "http://127.0.0.1:" + std::to_string(port);

  CheckPushesOver(git,
                  "http://carol:s3cret-pass@127.0.0.1:" + std::to_string(port) +
                      "/server.git",
                  git.root() / "audit.jsonl", "carol", "http");
  CommandResult anonymous =
      git.Git({"push", base + "/server.git", "HEAD~1:refs/heads/x"});
  CHECK(anonymous.exit_code != 0);  // no credentials: 401, nothing pushed
  CHECK(git.BareRef("refs/heads/x").empty());
}

}  // namespace pushguard::e2e
