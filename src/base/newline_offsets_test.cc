// NewlineOffsets (base/strings.h), read 16 bytes at a time, against a byte
// by byte reading: any start alignment, any length, every byte value (a
// byte >= 0x80 compares as negative in SSE2's signed lanes; NUL).
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "base/strings.h"

namespace pushguard {
namespace {

std::vector<size_t> ByteByByte(std::string_view text) {
  std::vector<size_t> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') out.push_back(i);
  }
  return out;
}

}  // namespace

TEST_CASE("newline offsets agree with a byte-by-byte reading") {
  std::mt19937 rng(3);
  // Bytes that look like '\n' in some lane arithmetic: 0x0A with the high
  // bit (0x8A), its neighbours, NUL, 0xFF.
  const unsigned char kBytes[] = {'\n', 0x8A, 0x0B, 0x09, 0x00,
                                  0xFF, 0x80, 'x',  0x7F, 0x1A};
  std::string buffer(4096 + 64, '\0');
  std::vector<size_t> got;
  for (int round = 0; round < 3000; ++round) {
    const size_t offset = rng() % 32;  // any alignment of the start
    const size_t size = round < 200 ? size_t(round) : rng() % 4096;
    const bool dense = rng() % 2 == 0;
    for (size_t i = 0; i < size; ++i) {
      buffer[offset + i] = static_cast<char>(
          dense ? kBytes[rng() % std::size(kBytes)] : rng() % 256);
    }
    // Newlines right outside the view must not count.
    if (offset > 0) buffer[offset - 1] = '\n';
    buffer[offset + size] = '\n';
    std::string_view text(buffer.data() + offset, size);
    NewlineOffsets(text, &got);
    REQUIRE_MESSAGE(got == ByteByByte(text), "offset ", offset, " size ", size);
  }
  // All newlines, and none.
  for (size_t size : {15, 16, 17, 32, 33, 4095}) {
    NewlineOffsets(std::string(size, '\n'), &got);
    CHECK(got.size() == size);
    CHECK(got.back() == size - 1);
    NewlineOffsets(std::string(size, '\x8a'), &got);
    CHECK(got.empty());
  }
}

}  // namespace pushguard
