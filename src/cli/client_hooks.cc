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
  if (decision.accepted) return kExitAccept;
  return decision.error.empty() ? kExitReject : kExitError;
}

int ClientError(const std::string& command, const Status& status) {
  for (const std::string& line : Split(Trim(status.message()), '\n')) {
    std::cerr << "pushguard " << command << ": " << EscapeForDisplay(line)
              << "\n";
  }
  return kExitError;
}

Result<std::string> ReadAllStdin() {
  constexpr size_t kMax = 64 << 20;
  std::string input;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    input.append(buffer, n);
    if (input.size() > kMax) {
      return Status::InvalidArgument("stdin: more than 64 MiB");
    }
  }
  if (std::ferror(stdin)) return Status::Io("stdin: read error");
  return input;
}

}  // namespace pushguard::cli
