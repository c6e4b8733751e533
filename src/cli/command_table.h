// The subcommand table (ninja style): each command's name, synopsis, summary
// and the options its parser accepts. One source for parsing, for
// `pushguard help`, for `pushguard CMD --help`, and for the test that the
// man page documents every option.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"

namespace pushguard::cli {

struct CommandSpec {
  std::string name;
  std::string synopsis;  // after "pushguard "; lines joined by "\n"
  std::string summary;   // one line
  std::vector<OptionSpec> options;
  // Arguments that start with "-" and are positional (scan's "--all").
  std::vector<std::string> positional_flags;
  int (*run)(const Args&);
  // The command parses "--help" itself (log): main() leaves it alone.
  bool own_help = false;
};

// Every subcommand, in the order `pushguard help` lists them.
const std::vector<CommandSpec>& CommandTable();

// The command named `name`, or nullptr.
const CommandSpec* FindCommand(std::string_view name);

// The options of command `name` (empty for an unknown name).
const std::vector<OptionSpec>& OptionsOf(std::string_view name);

// "usage: ..." then every option with its help line.
std::string CommandHelp(const CommandSpec& command);

// True when `args` hold "--help" or "-h" before a "--".
bool WantsHelp(const Args& args);

}  // namespace pushguard::cli
