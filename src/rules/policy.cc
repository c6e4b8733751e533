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

}  // namespace pushguard::rules
