// `pushguard install [--server S] [--uninstall] REPO...`,
// `pushguard install --hooks-dir DIR`, `pushguard install --client [CLONE...]`:
// wires the hooks in, keeping (chaining) any hook that is already there.
// Server hooks: also makes the directory of the audit log the hook will
// write (install/audit_dir.h), or prints the commands that do.
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/command_table.h"
#include "cli/commands.h"
#include "cli/hook_config.h"
#include "cli/options.h"
#include "git/git_config.h"
#include "git/repository.h"
#include "install/audit_dir.h"
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

// The audit file the installed hook will write: its policy's audit.file
// (the system layers and the repository's own file, as the hook reads
// them), or, with --trust-env, $PUSHGUARD_AUDIT_FILE when set here too.
std::string HookAuditFile(const std::string& git_dir, bool trust_env) {
  if (const char* env = std::getenv("PUSHGUARD_AUDIT_FILE");
      trust_env && env != nullptr) {
    return env;
  }
  return LoadHookConfig({}, git_dir, trust_env).settings.audit.file;
}

// Each hook: the git dir whose pushguard.yaml it reads ("" for a shared
// hooks dir) and the path whose owner it runs as.
struct HookSite {
  std::string git_dir;
  std::string owned_path;
};

// The directory of each hook's audit log, made for the users the hooks run
// as (the owners of the repositories or of the hooks dir), or the commands
// to make it when this run cannot.

std::vector<std::string> PrepareAuditDirs(
    const std::vector<HookSite>& sites,
    const install::InstallOptions& options) {
  std::vector<std::string> lines;
  if (options.uninstall || options.client) return lines;
  std::map<std::string, std::vector<std::string>> owners_by_dir;
  for (const HookSite& site : sites) {
    std::string file = HookAuditFile(site.git_dir, options.trust_env);
    if (file.empty()) continue;  // audit.file: "" writes no file
    std::string dir = std::filesystem::path(file).parent_path().string();
    owners_by_dir[dir].push_back(install::OwnerOf(site.owned_path));
  }
  for (const auto& [dir, owners] : owners_by_dir) {
    Result<std::string> done = install::EnsureAuditDir(dir, owners);
    if (done.ok()) {
      if (!done->empty()) lines.push_back("audit log: " + *done);
      continue;
    }
    lines.push_back("audit log: " + done.status().message() +
                    "; until it exists no audit record is written. As root:");
    for (const std::string& command : install::AuditDirCommands(dir, owners)) {
      lines.push_back("  " + command);
    }
  }
  return lines;
}

// The hook site of each repository that opens.
std::vector<HookSite> RepositorySites(const std::vector<std::string>& repos) {
  std::vector<HookSite> sites;
  for (const std::string& repo : repos) {
    Result<std::unique_ptr<git::Repository>> opened =
        git::Repository::Open(repo);
    if (opened.ok()) sites.push_back({(*opened)->path(), (*opened)->path()});
  }
  return sites;
}

}  // namespace

int InstallCommand(const Args& args) {
  Result<ParsedOptions> parsed = ParseOptions(args, OptionsOf("install"));
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
    for (std::string& line :
         PrepareAuditDirs({{"", parsed->Get("hooks-dir", "")}}, *options)) {
      lines.push_back(std::move(line));
    }
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
    for (std::string& line :
         PrepareAuditDirs(RepositorySites(repos), *options)) {
      lines.push_back(std::move(line));
    }
  }
  for (const std::string& line : lines) std::cout << line << "\n";
  return kExitAccept;
}

}  // namespace pushguard::cli
