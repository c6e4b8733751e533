#include "cli/client_hooks.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "base/strings.h"
#include "cli/commands.h"

namespace pushguard::cli {

Result<std::unique_ptr<git::Repository>> OpenClientRepository() {
  for (const char* name :
       {"GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_QUARANTINE_PATH"}) {
    ::unsetenv(name);
  }
  return git::Repository::OpenFromEnv();
}

int ConcludeClientCheck(const Decision& decision, report::Stage stage,
                        size_t max_findings) {
  report::TextOptions text;
  text.stage = stage;
  text.max_findings = max_findings;
  std::cerr << report::RenderText(decision, text);
  return ExitCode(decision);
}

int ClientError(const std::string& command, const Status& status) {
  for (const std::string& line : Split(Trim(status.message()), '\n')) {
    std::cerr << "pushguard " << command << ": " << EscapeForDisplay(line)
              << "\n";
  }
  return kExitError;
}

}  // namespace pushguard::cli
