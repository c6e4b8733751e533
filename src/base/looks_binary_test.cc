// LooksBinary (base/binary_content.h), whose control-byte count is read from
// a table, against its contract byte by byte: exactly the C0 controls other
// than tab, LF, VT, FF, CR, backspace and escape, and DEL, count; more than
// 10 % of the first 8 KiB makes binary.
#include <doctest/doctest.h>

#include <cstring>
#include <random>
#include <string>

#include "base/binary_content.h"

namespace pushguard {
namespace {

bool Control(unsigned char b) {
  if (b == 0x7F) return true;
  if (b >= 0x20) return false;
  return !(b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r' ||
           b == '\b' || b == 0x1B);
}

bool Reference(std::string_view data) {
  if (!BinarySignature(data).empty()) return true;
  if (std::memchr(data.data(), 0, data.size()) != nullptr) return true;
  std::string_view head = data.substr(0, 8192);
  size_t control = 0;
  for (char c : head) control += Control(static_cast<unsigned char>(c));
  return control * 10 > head.size();
}

}  // namespace

TEST_CASE("looks-binary counts each byte value as its contract says") {
  for (int b = 1; b < 256; ++b) {
    const char c = static_cast<char>(b);
    // 10 of 100 bytes is not more than 10 %; 11 of 100 is.
    std::string ten = std::string(90, 'a') + std::string(10, c);
    std::string eleven = std::string(89, 'a') + std::string(11, c);
    CHECK_MESSAGE(LooksBinary(ten) == Reference(ten), b);
    CHECK_MESSAGE(LooksBinary(eleven) == Reference(eleven), b);
    CHECK_MESSAGE(LooksBinary(eleven) == Control(c), b);
    // Only the first 8 KiB count.
    std::string late = std::string(8192, 'a') + std::string(4000, c);
    CHECK_MESSAGE(LooksBinary(late) == false, b);
  }
  std::mt19937 rng(9);
  for (int round = 0; round < 2000; ++round) {
    std::string data(rng() % 9000, 'a');
    const int rate = 1 + rng() % 30;  // about 1 in `rate` bytes random
    for (char& c : data) {
      if (rng() % rate == 0) c = static_cast<char>(1 + rng() % 255);
    }
    CHECK(LooksBinary(data) == Reference(data));
  }
}

}  // namespace pushguard
