// Vocabulary shared by every kind of rule: where a value came from, and how
// a rule acts on what it finds.
#pragma once

#include <string>

namespace pushguard::rules {

// Where a value came from, for error messages ("file:line").
struct Origin {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
};

enum class Mode { kEnforce, kWarn, kEvaluate };
enum class OnError { kReject, kAccept };

const char* ModeName(Mode m);

}  // namespace pushguard::rules
