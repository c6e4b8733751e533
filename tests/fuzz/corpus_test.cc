// Replays every file of tests/fuzz/corpus/<target>/ through its fuzz target:
// seeds and every input a fuzzing run found a crash with stay regression
// tests. Run from the repository root (as `make test` does).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz_targets.h"

namespace pushguard::fuzz {
namespace {

size_t Replay(const std::string& target, void (*fn)(const uint8_t*, size_t)) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path("tests/fuzz/corpus") / target;
  REQUIRE(fs::is_directory(dir));
  size_t count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::string data = bytes.str();
    INFO(entry.path().string());
    fn(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("the fuzz corpora replay without a crash or a broken invariant") {
  CHECK(Replay("ref_updates", RefUpdates) >= 3);
  CHECK(Replay("policy_loader", PolicyLoader) >= 3);
  CHECK(Replay("matcher", Matcher) >= 2);
  CHECK(Replay("reports", Reports) >= 1);
}

}  // namespace pushguard::fuzz
