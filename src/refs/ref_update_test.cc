#include "refs/ref_update.h"

#include <doctest/doctest.h>

namespace pushguard::refs {
namespace {

const std::string kZero(40, '0');
const std::string kA(40, 'a');
const std::string kB(40, 'b');

}  // namespace

TEST_CASE("every ref update line is parsed, with its kind") {
  std::string input = kZero + " " + kA + " refs/heads/new\n" + kA + " " + kB +
                      " refs/heads/main\n" + kB + " " + kZero +
                      " refs/tags/v1";  // no final newline
  Result<std::vector<RefUpdate>> updates = ParseRefUpdates(input, 40);
  REQUIRE(updates.ok());
  REQUIRE(updates->size() == 3);
  CHECK((*updates)[0].change == RefChange::kCreate);
  CHECK((*updates)[1].change == RefChange::kUpdate);
  CHECK((*updates)[1].ref == "refs/heads/main");
  CHECK((*updates)[2].change == RefChange::kDelete);
  CHECK((*updates)[2].line == 3);
}

TEST_CASE("a SHA-256 zero oid has 64 digits") {
  std::string zero64(64, '0'), a64(64, 'a');
  auto ok = ParseRefUpdates(zero64 + " " + a64 + " refs/heads/x\n", 64);
  REQUIRE(ok.ok());
  CHECK((*ok)[0].change == RefChange::kCreate);
  CHECK_FALSE(ParseRefUpdates(kZero + " " + kA + " refs/heads/x\n", 64).ok());
}

TEST_CASE("malformed stdin is rejected with the line and the problem") {
  struct Case {
    std::string input, error;
  };
  const Case cases[] = {
      {"",
       "stdin: no ref updates (expected lines of '<old-oid> <new-oid> "
       "<ref>')"},
      {kA + " " + kB + "\n",
       "stdin:1: expected '<old-oid> <new-oid> <ref>' "
       "(3 fields separated by single spaces), got 2 "
       "field(s)"},
      {kA + " " + kB + " refs/heads/x extra\n",
       "stdin:1: expected '<old-oid> <new-oid> <ref>' (3 fields separated by "
       "single spaces), got 4 field(s)"},
      {kA + " " + kB + " refs/heads/ok\n" + "zz" + " " + kB + " refs/heads/x\n",
       "stdin:2: old object id 'zz' has 2 characters, expected 40"},
      {kA + " " + std::string(39, 'g') + "g refs/heads/x\n",
       "stdin:1: new object id '" + std::string(40, 'g') +
           "' is not lowercase hexadecimal"},
      {kZero + " " + kZero + " refs/heads/x\n",
       "stdin:1: old and new object ids are both zero"},
      {kA + " " + kB + " refs/heads/x\r\n",
       "stdin:1: invalid ref name 'refs/heads/x\\r': contains a control "
       "character"},
      {kA + " " + kB + " heads/x\n",
       "stdin:1: invalid ref name 'heads/x': must start with 'refs/'"},
      {kA + " " + kB + " refs/heads/a..b\n",
       "stdin:1: invalid ref name 'refs/heads/a..b': contains '..'"},
      {"\n",
       "stdin:1: expected '<old-oid> <new-oid> <ref>' (3 fields "
       "separated by single spaces), got 1 field(s)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    Result<std::vector<RefUpdate>> r = ParseRefUpdates(c.input, 40);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == c.error);
  }
}

TEST_CASE("ref names follow git check-ref-format") {
  CHECK(CheckRefName("refs/heads/feature/x-1").ok());
  CHECK(CheckRefName("refs/tags/v1.0").ok());
  CHECK_FALSE(CheckRefName("refs/heads/x.lock").ok());
  CHECK_FALSE(CheckRefName("refs/heads/.hidden").ok());
  CHECK_FALSE(CheckRefName("refs/heads/a b").ok());
  CHECK_FALSE(CheckRefName("refs/heads/x/").ok());
  CHECK_FALSE(CheckRefName("refs/heads/@{x}").ok());
  CHECK_FALSE(CheckRefName("refs/heads/\x1b[2J").ok());
}

TEST_CASE("thousands of ref updates are parsed") {
  std::string input;
  for (int i = 0; i < 10000; ++i) {
    input += kA + " " + kB + " refs/heads/b" + std::to_string(i) + "\n";
  }
  auto updates = ParseRefUpdates(input, 40);
  REQUIRE(updates.ok());
  CHECK(updates->size() == 10000);
}

}  // namespace pushguard::refs
