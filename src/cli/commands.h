// The subcommands. Each takes its arguments (after the subcommand name) and
// returns the process exit code: 0 accept/clean, 1 rejected/findings,
// 2 error, 3 (scan only) no findings in what could be read but objects
// were missing (a partial clone). Only cli/ prints or exits.
#pragma once

#include <string>
#include <vector>

namespace pushguard::cli {

inline constexpr char kVersion[] = "0.1.0";

enum ExitCode {
  kExitAccept = 0,
  kExitReject = 1,
  kExitError = 2,
  kExitIncomplete = 3
};

using Args = std::vector<std::string>;

int PreReceiveCommand(const Args& args);
int ScanCommand(const Args& args);
int RulesCommand(const Args& args);
// `rules import ...`, with the arguments after "import".
int RulesImportCommand(const Args& args);
// What `rules import --help` adds: how gitleaks fields map.
std::string RulesImportHelp();
int InstallCommand(const Args& args);
int LogCommand(const Args& args);
int PreCommitCommand(const Args& args);
int PrePushCommand(const Args& args);
int PolicyCommand(const Args& args);

}  // namespace pushguard::cli
