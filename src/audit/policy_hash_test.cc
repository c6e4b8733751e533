#include "audit/policy_hash.h"

#include <doctest/doctest.h>

namespace pushguard::audit {
namespace {

TEST_CASE("the policy hash is pinned: records of every version group alike") {
  // The values the hook has written since the first release (hashlib over
  // "<name length>:<name>:<text length>:<text>" per layer).
  CHECK(PolicyHash(
            {{"policies/default.yaml", "rules: []\n"},
             {"/etc/pushguard/org.yaml", "settings:\n  on_error: accept\n"}}) ==
        "sha256:"
        "f1085d57b06fe223469c961e2b1264beb79f8fc594b9337298ee9133fbcfe0e9");
  CHECK(PolicyHash({}) ==
        "sha256:"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("names, texts and their boundaries all change the policy hash") {
  const std::string base = PolicyHash({{"a.yaml", "x: 1\n"}});
  CHECK(PolicyHash({{"b.yaml", "x: 1\n"}}) != base);
  CHECK(PolicyHash({{"a.yaml", "x: 2\n"}}) != base);
  CHECK(PolicyHash({{"ab", "c"}}) != PolicyHash({{"a", "bc"}}));
  CHECK(PolicyHash({{"a", "1"}, {"b", "2"}}) !=
        PolicyHash({{"b", "2"}, {"a", "1"}}));
}

}  // namespace
}  // namespace pushguard::audit
