#include "cli/commands.h"

namespace pushguard::cli {

int ExitCode(const Decision& decision) {
  if (!decision.accepted) {
    return decision.error.empty() ? kExitReject : kExitError;
  }
  return decision.missing_objects.empty() ? kExitAccept : kExitIncomplete;
}

}  // namespace pushguard::cli
