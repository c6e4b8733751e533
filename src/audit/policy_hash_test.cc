#include "audit/policy_hash.h"

#include <doctest/doctest.h>

#include "base/sha256.h"

namespace pushguard::audit {
namespace {

TEST_CASE("the policy hash is pinned: the same layers, the same identity") {
  // hashlib over "<length>:<name><length>:<digest>" per layer.
  const std::string d1 = Sha256Hex("rules: []\n");
  const std::string d2 = Sha256Hex("settings:\n  on_error: accept\n");
  REQUIRE(d1 ==
          "e0dfa70eb69d47fe9cb2be8a4fcd53e74cf7fe26fcbb1f06912b57a9c028e4e0");
  CHECK(PolicyHash(
            {{"policies/default.yaml", d1}, {"/etc/pushguard/org.yaml", d2}}) ==
        "sha256:"
        "a9b726b1d80fd8a579bf0cc9d0ff239d261b01a823d2dd67c305720d3f95a0e7");
  CHECK(PolicyHash({}) ==
        "sha256:"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("names, digests and their boundaries all change the policy hash") {
  const std::string base = PolicyHash({{"a.yaml", "0a"}});
  CHECK(PolicyHash({{"b.yaml", "0a"}}) != base);
  CHECK(PolicyHash({{"a.yaml", "0b"}}) != base);
  CHECK(PolicyHash({{"ab", "c"}}) != PolicyHash({{"a", "bc"}}));
  CHECK(PolicyHash({{"a", "1"}, {"b", "2"}}) !=
        PolicyHash({{"b", "2"}, {"a", "1"}}));
}

}  // namespace
}  // namespace pushguard::audit
