#include "cli/command_table.h"

#include <iostream>

namespace pushguard::cli {
namespace {

int VersionCommand(const Args&) {
  std::cout << "pushguard " << kVersion << "\n";
  return kExitAccept;
}

int HelpCommand(const Args&) {
  std::cout << "pushguard " << kVersion
            << ": rejects pushes that introduce secrets or break "
               "push policies\n\nusage:\n";
  for (const CommandSpec& c : CommandTable()) {
    std::cout << "  pushguard " << c.synopsis << "\n      " << c.summary
              << "\n";
  }
  std::cout << "\n'pushguard COMMAND --help' describes each option.\n"
               "exit codes: 0 accept/clean, 1 rejected/findings, 2 error, "
               "3 scan incomplete (objects missing)\n"
               "configuration: embedded default, /etc/pushguard/*.yaml "
               "($PUSHGUARD_SYSTEM_CONFIG_DIR),\n  $PUSHGUARD_CONFIG "
               "(':'-separated files), --config FILE\n";
  return kExitAccept;
}

const OptionSpec kConfig{"config", true, true, "FILE",
                         "a policy layer after /etc/pushguard/*.yaml and "
                         "$PUSHGUARD_CONFIG (repeatable)"};

std::vector<CommandSpec> BuildTable() {
  return {
      {"pre-receive",
       "pre-receive [--config FILE]... [--trust-env]\n"
       "      [--dry-run --repo DIR [--user U] [--repo-name N] "
       "[--push-option O]...]",
       "hook mode: check the ref updates on stdin (--dry-run: say what would "
       "happen)",
       {kConfig,
        {"trust-env", false, false, "",
         "read PUSHGUARD_* from the environment (only where the server, not "
         "the pusher, sets them)"},
        {"dry-run", false, false, "",
         "evaluate the <old> <new> <ref> lines on stdin against --repo; "
         "writes no audit record"},
        {"repo", true, false, "DIR", "with --dry-run: the repository"},
        {"user", true, false, "U", "with --dry-run: the pusher"},
        {"repo-name", true, false, "N",
         "with --dry-run: the repository name policy scopes see"},
        {"push-option", true, true, "O",
         "with --dry-run: a push option, e.g. pushguard.bypass=REASON "
         "(repeatable)"}},
       {},
       PreReceiveCommand},
      {"scan",
       "scan [--repo DIR] [--format text|json|sarif] [--config FILE]... REV...",
       "check commits already in a repository (REV as git rev-list takes it, "
       "--all too)",
       {{"repo", true, false, "DIR", "the repository (default: .)"},
        {"format", true, false, "text|json|sarif", "the report's format"},
        kConfig},
       {"--all"},
       ScanCommand},
      {"rules",
       "rules check [--repo DIR] [--config FILE]... [FILE...]\n"
       "      rules import gitleaks FILE.toml [-o|--output OUT.yaml]",
       "validate policy files and run every rule's examples; translate a "
       "gitleaks configuration into a policy layer",
       {{"repo", true, false, "DIR",
         "also layer DIR's own pushguard.yaml last, as the hook does"},
        kConfig,
        {"output", true, false, "OUT",
         "import: write the layer there, atomically (also -o OUT; "
         "default: stdout)"}},
       {},
       RulesCommand,
       /*own_help=*/true},
      {"policy",
       "policy show [--repo DIR] [--config FILE]...",
       "print the effective policy and the layer each rule came from",
       {{"repo", true, false, "DIR",
         "layer DIR's own pushguard.yaml last, as the hook does"},
        kConfig},
       {},
       PolicyCommand},
      {"install",
       "install [--server plain|gitlab|gitea|gitolite] [--trust-env] "
       "[--uninstall] REPO...\n"
       "      install [--server S] --hooks-dir DIR | install --client "
       "[CLONE...]",
       "wire the hook into repositories, a shared hooks dir, or a clone",
       {{"server", true, false, "plain|gitlab|gitea|gitolite",
         "the server's hook layout (default: detected)"},
        {"trust-env", false, false, "",
         "the hook script runs 'pre-receive --trust-env'"},
        {"uninstall", false, false, "", "restore what was there before"},
        {"hooks-dir", true, false, "DIR",
         "install into a hooks directory shared by many repositories"},
        {"client", false, false, "",
         "pre-commit and pre-push hooks of a clone (default: .)"}},
       {},
       InstallCommand},
      {"log",
       "log [--since T] [--until T] [--repo GLOB] [--user U] [--rule ID]\n"
       "      [--verdict V] [--ref GLOB] [--bypassed] [--stats] [--follow]\n"
       "      [--format table|json|csv|html] [--file PATH]",
       "review the audit log (see 'pushguard log --help')",
       {},
       {},
       LogCommand,
       /*own_help=*/true},
      {"pre-commit",
       "pre-commit [--config FILE]...",
       "client hook: check the staged changes",
       {kConfig},
       {},
       PreCommitCommand},
      {"pre-push",
       "pre-push [--config FILE]... [REMOTE [URL]]",
       "client hook: check the commits about to be pushed",
       {kConfig},
       {},
       PrePushCommand},
      {"version", "version", "print the version", {}, {}, VersionCommand},
      {"help", "help", "show this help", {}, {}, HelpCommand},
  };
}

}  // namespace

const std::vector<CommandSpec>& CommandTable() {
  static const std::vector<CommandSpec> table = BuildTable();
  return table;
}

const CommandSpec* FindCommand(std::string_view name) {
  for (const CommandSpec& c : CommandTable()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const std::vector<OptionSpec>& OptionsOf(std::string_view name) {
  static const std::vector<OptionSpec> kNone;
  const CommandSpec* c = FindCommand(name);
  return c != nullptr ? c->options : kNone;
}

std::string CommandHelp(const CommandSpec& command) {
  std::string out =
      "usage: pushguard " + command.synopsis + "\n" + command.summary + "\n";
  if (!command.options.empty()) out += "\noptions:\n";
  for (const OptionSpec& o : command.options) {
    std::string left = "  --" + o.name;
    if (o.takes_value) left += " " + o.value_name;
    left = left.size() < 28 ? left + std::string(28 - left.size(), ' ')
                            : left + "\n" + std::string(28, ' ');
    out += left + " " + o.help + "\n";
  }
  out += "  --help                     this text\n";
  return out;
}

bool WantsHelp(const Args& args) {
  for (const std::string& a : args) {
    if (a == "--") return false;
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

}  // namespace pushguard::cli
