// The subcommands. Each takes its arguments (after the subcommand name) and
// returns the process exit code: 0 accept/clean, 1 rejected/findings,
// 2 error, 3 (scan only) no findings in what could be read but objects
// were missing (a partial clone). Only cli/ prints or exits.
#pragma once

#include <string>
#include <vector>

#include "base/finding.h"

namespace pushguard::cli {

inline constexpr char kVersion[] = "0.1.0";

enum ExitStatus {
  kExitAccept = 0,
  kExitReject = 1,
  kExitError = 2,
  kExitIncomplete = 3
};

// The exit code of every command that decides (pre-receive and its
// --dry-run, pre-commit, pre-push, scan), from `decision` alone (README,
// "Exit codes"): kExitError when the guard failed and that refuses,
// kExitReject when findings refuse, and when accepted kExitIncomplete if
// objects were missing (a scan of a partial clone) else kExitAccept. An
// error the policy's on_error / on_timeout accepted exits kExitAccept; a
// scan, which is not a gate, refuses every error first
// (policy::ApplyScanVerdict).
int ExitCode(const Decision& decision);

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
