// `pushguard install [--uninstall] REPO...`: wires the hook into bare
// repositories, keeping (chaining) any hook that is already there.
#include <climits>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "install/hook_installer.h"

namespace pushguard::cli {
namespace {

// The absolute path of the running binary, which the hook will exec.
std::string SelfPath() {
  char buffer[PATH_MAX];
  if (realpath("/proc/self/exe", buffer) != nullptr) return buffer;
  return "pushguard";  // fall back to $PATH lookup
}

}  // namespace

int InstallCommand(const Args& args) {
  Result<ParsedOptions> options = ParseOptions(args, {{"uninstall", false}});
  if (!options.ok()) {
    std::cerr << "pushguard install: " << options.status().message() << "\n";
    return kExitError;
  }
  if (options->positional.empty()) {
    std::cerr << "usage: pushguard install [--uninstall] REPO...\n";
    return kExitError;
  }
  install::InstallOptions install_options;
  install_options.pushguard_path = SelfPath();
  install_options.uninstall = options->Has("uninstall");
  Result<std::vector<std::string>> done =
      install::Install(options->positional, install_options);
  if (!done.ok()) {
    std::cerr << "pushguard install: " << done.status().message() << "\n";
    return kExitError;
  }
  for (const std::string& line : *done) std::cout << line << "\n";
  return kExitAccept;
}

}  // namespace pushguard::cli
