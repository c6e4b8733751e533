// A tree entry's kind (RawTreeEntry::dir, read once from its mode at parse)
// against the reading it replaced: "40000", then any mode whose type bits
// (octal value & 0170000) are 040000; whatever git fsck says of the mode
// (zero-padded, non-canonical, seven digits).
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "git/raw_trees.h"
#include "git/tree_check.h"

namespace pushguard::git {
namespace {

const std::string kOid(20, '\x33');

// The previous IsDir, with the mode's value read independently.
bool WasDir(const std::string& mode) {
  if (mode == "40000") return true;
  if (mode.size() == 6 && mode[0] == '1') return false;
  unsigned long value = mode.empty() ? 0 : std::stoul(mode, nullptr, 8);
  return (value & 0170000) == 0040000;
}

// Every octal string of 1 to `digits` digits.
std::vector<std::string> Modes(size_t digits) {
  std::vector<std::string> out = {""};
  std::vector<std::string> last = {""};
  for (size_t d = 0; d < digits; ++d) {
    std::vector<std::string> next;
    for (const std::string& m : last) {
      for (char c = '0'; c <= '7'; ++c) next.push_back(m + c);
    }
    out.insert(out.end(), next.begin(), next.end());
    last = std::move(next);
  }
  return out;
}

}  // namespace

TEST_CASE("a tree entry is a directory exactly as its mode said before") {
  size_t dirs = 0;
  for (const std::string& mode : Modes(6)) {
    RawTreeEntry e = MakeEntry(mode, "n", kOid);
    dirs += e.dir;
    REQUIRE_MESSAGE(IsDir(e) == WasDir(mode), mode);
  }
  CHECK(dirs > 1000);
  std::mt19937 rng(2);
  for (int i = 0; i < 20000; ++i) {
    std::string mode;
    for (int d = 0; d < 7; ++d) mode += static_cast<char>('0' + rng() % 8);
    REQUIRE_MESSAGE(MakeEntry(mode, "n", kOid).dir == WasDir(mode), mode);
  }
  for (const char* mode : {"40000", "040000", "0040000", "40755", "41777",
                           "1040000", "7040000", "140000", "160000", "100644",
                           "100755", "120000", "0100644", "4000", "400000"}) {
    CHECK_MESSAGE(MakeEntry(mode, "n", kOid).dir == WasDir(mode), mode);
  }
}

TEST_CASE("a parsed tree's entries carry the kind of their own mode") {
  const std::vector<std::string> modes = {
      "40000",  "040000", "40755", "1040000", "140000",  "160000",
      "100644", "0",      "7",     "1000000", "0040000", "4"};
  std::string data;
  for (size_t i = 0; i < modes.size(); ++i) {
    data += modes[i] + " e" + std::to_string(i) + std::string(1, '\0') + kOid;
  }
  Result<std::vector<RawTreeEntry>> entries = ParseTree(data);
  REQUIRE(entries.ok());
  REQUIRE(entries->size() == modes.size());
  for (size_t i = 0; i < modes.size(); ++i) {
    CHECK((*entries)[i].mode == modes[i]);
    CHECK_MESSAGE((*entries)[i].dir == WasDir(modes[i]), modes[i]);
  }
  // Copies keep it (the walk copies entries).
  std::vector<RawTreeEntry> copy = *entries;
  CHECK(copy[1].dir);
  CHECK_FALSE(copy[4].dir);
}

}  // namespace pushguard::git
