#include "base/atomic_file.h"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace pushguard {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_CASE("WriteFileAtomically replaces a file whole, with its mode") {
  char pattern[] = "/tmp/pushguard-atomic-XXXXXX";
  REQUIRE(mkdtemp(pattern) != nullptr);
  fs::path dir = pattern;
  std::string path = (dir / "out.yaml").string();
  REQUIRE(WriteFileAtomically(path, "one\n", 0644, true).ok());
  CHECK(Read(path) == "one\n");
  REQUIRE(WriteFileAtomically(path, "two\n", 0600, false).ok());
  CHECK(Read(path) == "two\n");
  CHECK((fs::status(path).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  // Nothing else is left in the directory.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    files += 1;
    CHECK_FALSE(IsAtomicTempName(e.path().filename().string()));
  }
  CHECK(files == 1);
  // A directory that does not exist: an error naming the path, no file.
  Status s =
      WriteFileAtomically((dir / "no/such/x").string(), "x", 0600, false);
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("no/such/x") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("IsAtomicTempName knows the temporary names") {
  CHECK(IsAtomicTempName(".abc.compiled.Xy12Zq"));
  CHECK_FALSE(IsAtomicTempName("abc.compiled"));
  CHECK_FALSE(IsAtomicTempName(".profile"));
}

}  // namespace
}  // namespace pushguard
