#include <doctest/doctest.h>

#include "base/sha256.h"
#include "rules/embedded.h"
#include "rules/loader.h"

namespace pushguard::rules {
namespace {

TEST_CASE("The embedded files' build-time digests are their texts' SHA-256") {
  REQUIRE_FALSE(EmbeddedPolicies().empty());
  for (const PolicySource& layer : EmbeddedPolicies()) {
    INFO(layer.name);
    CHECK(layer.digest.size() == 64);
    CHECK(LayerDigest(layer) == Sha256Hex(layer.text));
  }
}

TEST_CASE("A layer without a precomputed digest is hashed") {
  PolicySource layer{"a.yaml", "abc"};
  CHECK(LayerDigest(layer) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace pushguard::rules
