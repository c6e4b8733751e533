// pushguard: a Git pre-receive guard. main() dispatches to the subcommand
// table; the subcommands choose the exit code.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "base/strings.h"
#include "cli/commands.h"

namespace pushguard::cli {
namespace {

int VersionCommand(const Args&) {
  std::cout << "pushguard " << kVersion << "\n";
  return kExitAccept;
}

int HelpCommand(const Args&);

struct Command {
  const char* name;
  const char* usage;
  const char* help;
  int (*run)(const Args&);
};

const Command kCommands[] = {
    {"pre-receive",
     "pre-receive [--config FILE]... [--trust-env]\n"
     "      [--dry-run --repo DIR [--user U] [--repo-name N] "
     "[--push-option O]...]",
     "hook mode: check the ref updates on stdin (--dry-run: say what would "
     "happen)",
     PreReceiveCommand},
    {"scan",
     "scan [--repo DIR] [--format text|json|sarif] [--config FILE] REV...",
     "check commits already in a repository (REV as git rev-list takes it)",
     ScanCommand},
    {"rules", "rules check [FILE...]",
     "validate policy files and run every rule's examples", RulesCommand},
    {"policy", "policy show [--repo DIR] [--config FILE]",
     "print the effective policy and the layer each rule came from",
     PolicyCommand},
    {"install",
     "install [--server plain|gitlab|gitea|gitolite] [--trust-env] "
     "[--uninstall] REPO...\n"
     "      install [--server S] --hooks-dir DIR | install --client [CLONE]",
     "wire the hook into repositories, a shared hooks dir, or a clone",
     InstallCommand},
    {"log",
     "log [--since T] [--until T] [--repo GLOB] [--user U] [--rule ID]\n"
     "      [--verdict V] [--ref GLOB] [--bypassed] [--stats] [--follow]\n"
     "      [--format table|json|csv|html] [--file PATH]",
     "review the audit log (see 'pushguard log --help')", LogCommand},
    {"pre-commit", "pre-commit [--config FILE]",
     "client hook: check the staged changes", PreCommitCommand},
    {"pre-push", "pre-push [--config FILE] [REMOTE [URL]]",
     "client hook: check the commits about to be pushed", PrePushCommand},
    {"version", "version", "print the version", VersionCommand},
    {"help", "help", "show this help", HelpCommand},
};

int HelpCommand(const Args&) {
  std::cout << "pushguard " << kVersion
            << ": rejects pushes that introduce secrets or break "
               "push policies\n\nusage:\n";
  for (const Command& c : kCommands) {
    std::cout << "  pushguard " << c.usage << "\n      " << c.help << "\n";
  }
  std::cout << "\nexit codes: 0 accept/clean, 1 rejected/findings, 2 error\n"
               "configuration: embedded default, /etc/pushguard/*.yaml "
               "($PUSHGUARD_SYSTEM_CONFIG_DIR),\n  $PUSHGUARD_CONFIG "
               "(':'-separated files), --config FILE\n";
  return kExitAccept;
}

}  // namespace
}  // namespace pushguard::cli

#if defined(__SANITIZE_ADDRESS__)
// A known leak in Debian's libgit2 1.5, not ours: opening a repository with
// an unsupported extension (SHA-256) leaks the PCRE2 match data of
// git_config_foreach_match. PCRE2 has no frame pointers, so the recorded
// stack ends inside libpcre2: the suppression names the library. Our own
// PCRE2 handles are RAII-owned (match/regex.cc) and leak-checked everywhere
// else by the rest of `make asan`.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libpcre2-8.so\n";
}
#endif

int main(int argc, char** argv) {
  using namespace pushguard::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  // Installed as a hook named pre-receive, it runs in hook mode.
  std::string self = argc > 0 ? argv[0] : "";
  if (self == "pre-receive" || self.ends_with("/pre-receive")) {
    return PreReceiveCommand(args);
  }
  if (args.empty()) {
    HelpCommand({});
    return kExitError;
  }
  std::string name = args[0];
  if (name == "--help" || name == "-h") name = "help";
  if (name == "--version") name = "version";
  args.erase(args.begin());
  std::vector<std::string> names;
  for (const Command& c : kCommands) {
    if (name == c.name) return c.run(args);
    names.push_back(c.name);
  }
  std::string hint = pushguard::DidYouMean(name, names);
  std::cerr << "pushguard: unknown command '"
            << pushguard::EscapeForDisplay(name) << "'"
            << (hint.empty() ? "" : " (did you mean '" + hint + "'?)")
            << "; see 'pushguard help'\n";
  return kExitError;
}
