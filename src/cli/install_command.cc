// `pushguard install [--server S] [--uninstall] REPO...`,
// `pushguard install --hooks-dir DIR`, `pushguard install --client [CLONE...]`:
// wires the hooks in, keeping (chaining) any hook that is already there.
#include <climits>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "git/git_config.h"
#include "git/repository.h"
#include "install/hook_installer.h"

namespace pushguard::cli {
namespace {

constexpr char kUsage[] =
    "usage: pushguard install [--server plain|gitlab|gitea|gitolite] "
    "[--trust-env] [--uninstall] REPO...\n"
    "       pushguard install [--server S] [--trust-env] [--uninstall] "
    "--hooks-dir DIR\n"
    "       pushguard install --client [--uninstall] [CLONE...]\n";

// The absolute path of the running binary, which the hook will exec.
std::string SelfPath() {
  char buffer[PATH_MAX];
  if (realpath("/proc/self/exe", buffer) != nullptr) return buffer;
  return "pushguard";  // fall back to $PATH lookup
}

Result<install::InstallOptions> ToInstallOptions(const ParsedOptions& parsed) {
  install::InstallOptions options;
  options.pushguard_path = SelfPath();
  options.uninstall = parsed.Has("uninstall");
  options.client = parsed.Has("client");
  options.trust_env = parsed.Has("trust-env");
  std::string server = parsed.Get("server", "detect");
  std::optional<install::Server> s = install::ParseServer(server);
  if (!s) {
    return Status::InvalidArgument(
        "--server must be plain, gitlab, gitea, gitolite or detect, not '" +
        server + "'");
  }
  options.server = *s;
  if (options.client && parsed.Has("server")) {
    return Status::InvalidArgument("--client and --server exclude each other");
  }
  if (options.client && options.trust_env) {
    return Status::InvalidArgument(
        "--trust-env is for the server hook; client hooks always read "
        "PUSHGUARD_CONFIG");
  }
  return options;
}

// A plain git server checks nothing of what is pushed unless told to: the
// recommendation for each repository that does not set receive.fsckObjects
// (the guard checks trees itself, but not everything git fsck does).
std::vector<std::string> FsckRecommendations(
    const std::vector<std::string>& repos,
    const install::InstallOptions& options) {
  std::vector<std::string> lines;
  if (options.uninstall || options.client) return lines;
  for (const std::string& repo : repos) {
    Result<std::unique_ptr<git::Repository>> opened =
        git::Repository::Open(repo);
    if (!opened.ok()) continue;
    install::Server server = options.server;
    if (server == install::Server::kDetect) {
      server = install::DetectServer((*opened)->path());
    }
    if (server != install::Server::kPlain) continue;
    Result<bool> checks = git::ReceiveChecksObjects(**opened);
    if (checks.ok() && *checks) continue;
    lines.push_back(repo + ": recommended: git -C " + repo +
                    " config receive.fsckObjects true (git then refuses "
                    "malformed objects itself, before the hook runs)");
  }
  return lines;
}

}  // namespace

int InstallCommand(const Args& args) {
  Result<ParsedOptions> parsed = ParseOptions(args, {{"uninstall", false},
                                                     {"client", false},
                                                     {"trust-env", false},
                                                     {"server", true},
                                                     {"hooks-dir", true}});
  Result<install::InstallOptions> options =
      parsed.ok() ? ToInstallOptions(*parsed) : parsed.status();
  if (!options.ok()) {
    std::cerr << "pushguard install: " << options.status().message() << "\n"
              << kUsage;
    return kExitError;
  }
  std::vector<std::string> lines;
  if (parsed->Has("hooks-dir")) {
    if (!parsed->positional.empty()) {
      std::cerr << "pushguard install: --hooks-dir takes no repositories\n";
      return kExitError;
    }
    Result<std::string> done =
        install::InstallHooksDir(parsed->Get("hooks-dir", ""), *options);
    if (!done.ok()) {
      std::cerr << "pushguard install: " << done.status().message() << "\n";
      return kExitError;
    }
    lines.push_back(*done);
  } else {
    std::vector<std::string> repos = parsed->positional;
    if (repos.empty() && options->client) repos.push_back(".");
    if (repos.empty()) {
      std::cerr << kUsage;
      return kExitError;
    }
    Result<std::vector<std::string>> done = install::Install(repos, *options);
    if (!done.ok()) {
      std::cerr << "pushguard install: " << done.status().message() << "\n";
      return kExitError;
    }
    lines = std::move(*done);
    for (std::string& line : FsckRecommendations(repos, *options)) {
      lines.push_back(std::move(line));
    }
  }
  for (const std::string& line : lines) std::cout << line << "\n";
  return kExitAccept;
}

}  // namespace pushguard::cli
