#include "refs/push_lines.h"

#include <doctest/doctest.h>

namespace pushguard::refs {
namespace {

const std::string kZero(40, '0');
const std::string kA(40, 'a');
const std::string kB(40, 'b');

TEST_CASE("pre-push lines give the local and the remote oid, in order") {
  Result<std::vector<PushLine>> lines = ParsePushLines(
      "refs/heads/main " + kA + " refs/heads/main " + kB + "\n\n" +
      "(delete) " + kZero + " refs/heads/old " + kA);  // no final newline
  REQUIRE(lines.ok());
  REQUIRE(lines->size() == 2);
  CHECK((*lines)[0].local_oid == kA);
  CHECK((*lines)[0].remote_oid == kB);
  CHECK((*lines)[1].local_oid == kZero);
  CHECK((*lines)[1].remote_oid == kA);
  Result<std::vector<PushLine>> none = ParsePushLines("");
  REQUIRE(none.ok());
  CHECK(none->empty());
}

TEST_CASE("a pre-push line without four fields names its line") {
  for (const std::string& bad :
       {"refs/heads/main " + kA + " refs/heads/main",
        "refs/heads/main " + kA + " refs/heads/main " + kB + " extra"}) {
    CAPTURE(bad);
    Result<std::vector<PushLine>> lines = ParsePushLines("\n" + bad + "\n");
    REQUIRE_FALSE(lines.ok());
    CHECK(lines.status().message() ==
          "stdin:2: expected '<local ref> <local oid> <remote ref> <remote "
          "oid>'");
  }
}

}  // namespace
}  // namespace pushguard::refs
