// pushguard: a Git pre-receive guard. main() dispatches to the subcommand
// table (cli/command_table.h); the subcommands choose the exit code.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "base/strings.h"
#include "cli/command_table.h"

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
    FindCommand("help")->run({});
    return kExitError;
  }
  std::string name = args[0];
  if (name == "--help" || name == "-h") name = "help";
  if (name == "--version") name = "version";
  args.erase(args.begin());
  if (const CommandSpec* command = FindCommand(name)) {
    if (!command->own_help && WantsHelp(args)) {
      std::cout << CommandHelp(*command);
      return kExitAccept;
    }
    return command->run(args);
  }
  std::vector<std::string> names;
  for (const CommandSpec& c : CommandTable()) names.push_back(c.name);
  std::string hint = pushguard::DidYouMean(name, names);
  std::cerr << "pushguard: unknown command '"
            << pushguard::EscapeForDisplay(name) << "'"
            << (hint.empty() ? "" : " (did you mean '" + hint + "'?)")
            << "; see 'pushguard help'\n";
  return kExitError;
}
