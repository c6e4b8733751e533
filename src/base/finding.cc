#include "base/finding.h"

namespace pushguard {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kBlock:
      return "block";
    case Severity::kWarn:
      return "warn";
    case Severity::kInfo:
      return "info";
  }
  return "block";
}

}  // namespace pushguard
