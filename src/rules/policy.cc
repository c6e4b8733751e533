#include "rules/policy.h"

namespace pushguard::rules {

const char* ModeName(Mode m) {
  switch (m) {
    case Mode::kEnforce:
      return "enforce";
    case Mode::kWarn:
      return "warn";
    case Mode::kEvaluate:
      return "evaluate";
  }
  return "enforce";
}

MatchSpec MatchSpecOf(const Policy& policy) {
  return {policy.secret_rules, policy.allowlist,
          policy.settings.inline_allow_markers, policy.settings.vendored_paths};
}

}  // namespace pushguard::rules
