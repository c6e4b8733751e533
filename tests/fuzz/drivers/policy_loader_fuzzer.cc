// libFuzzer driver; see tests/fuzz/fuzz_targets.h.
#include "../fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pushguard::fuzz::PolicyLoader(data, size);
  return 0;
}
