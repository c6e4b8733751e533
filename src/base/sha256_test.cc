#include "base/sha256.h"

#include <doctest/doctest.h>

namespace pushguard {
namespace {

TEST_CASE("Sha256 gives the standard digests") {
  // FIPS 180-2 test vectors.
  CHECK(Sha256Hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 parts;
  parts.Update("a");
  parts.Update("bc");
  CHECK(parts.HexDigest() == Sha256Hex("abc"));
}

TEST_CASE("Sha256 fields cannot be regrouped") {
  Sha256 a;
  a.UpdateField("ab");
  a.UpdateField("c");
  Sha256 b;
  b.UpdateField("a");
  b.UpdateField("bc");
  CHECK(a.HexDigest() != b.HexDigest());
}

}  // namespace
}  // namespace pushguard
