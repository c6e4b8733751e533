#include "base/byte_codec.h"

#include <doctest/doctest.h>

#include <cmath>

namespace pushguard {
namespace {

TEST_CASE("ByteReader reads back what ByteWriter wrote") {
  ByteWriter w;
  w.PutU8(7);
  w.PutU32(0xDEADBEEF);
  w.PutU64(0x0102030405060708ULL);
  w.PutI64(-42);
  w.PutDouble(3.5);
  w.PutString(std::string("a\0b", 3));
  w.PutString("");
  ByteReader r(w.bytes());
  uint8_t u8 = 0;
  uint32_t u32 = 0;
  uint64_t u64 = 0;
  int64_t i64 = 0;
  double d = 0;
  std::string s1, s2 = "x";
  REQUIRE(r.GetU8(&u8));
  REQUIRE(r.GetU32(&u32));
  REQUIRE(r.GetU64(&u64));
  REQUIRE(r.GetI64(&i64));
  REQUIRE(r.GetDouble(&d));
  REQUIRE(r.GetString(&s1));
  REQUIRE(r.GetString(&s2));
  CHECK(u8 == 7);
  CHECK(u32 == 0xDEADBEEF);
  CHECK(u64 == 0x0102030405060708ULL);
  CHECK(i64 == -42);
  CHECK(d == 3.5);
  CHECK(s1 == std::string("a\0b", 3));
  CHECK(s2.empty());
  CHECK(r.done());
  CHECK(r.ok());
}

TEST_CASE("ByteReader fails, and stays failed, on truncated input") {
  ByteWriter w;
  w.PutString("hello");
  w.PutU64(1);
  const std::string& all = w.bytes();
  for (size_t cut = 0; cut < all.size(); ++cut) {
    ByteReader r(std::string_view(all).substr(0, cut));
    std::string s;
    uint64_t v = 0;
    bool read = r.GetString(&s) && r.GetU64(&v);
    CHECK_FALSE(read);
    CHECK_FALSE(r.ok());
    // Once failed, even a read that would fit fails.
    uint8_t b = 0;
    CHECK_FALSE(r.GetU8(&b));
  }
}

TEST_CASE("ByteReader refuses a string longer than its input") {
  ByteWriter w;
  w.PutU32(1000);
  w.PutRaw("short");
  ByteReader r(w.bytes());
  std::string s;
  CHECK_FALSE(r.GetString(&s));
}

TEST_CASE("ByteReader refuses a count its input cannot hold") {
  ByteWriter w;
  w.PutU64(uint64_t{1} << 60);
  w.PutRaw("abcd");
  ByteReader r(w.bytes());
  size_t n = 0;
  CHECK_FALSE(r.GetCount(1, &n));

  ByteWriter ok;
  ok.PutU64(2);
  ok.PutRaw("abcdefgh");
  ByteReader fits(ok.bytes());
  REQUIRE(fits.GetCount(4, &n));
  CHECK(n == 2);
  ByteReader too_small(ok.bytes());
  CHECK_FALSE(too_small.GetCount(5, &n));
}

}  // namespace
}  // namespace pushguard
