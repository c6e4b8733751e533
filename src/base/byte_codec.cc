#include "base/byte_codec.h"

#include <bit>
#include <cstring>

namespace pushguard {

void ByteWriter::PutU32(uint32_t value) {
  for (int i = 0; i < 4; ++i) PutU8(static_cast<uint8_t>(value >> (8 * i)));
}

void ByteWriter::PutU64(uint64_t value) {
  for (int i = 0; i < 8; ++i) PutU8(static_cast<uint8_t>(value >> (8 * i)));
}

void ByteWriter::PutDouble(double value) {
  PutU64(std::bit_cast<uint64_t>(value));
}

void ByteWriter::PutString(std::string_view value) {
  PutU32(static_cast<uint32_t>(value.size()));
  bytes_.append(value);
}

bool ByteReader::Take(size_t size, std::string_view* out) {
  if (!ok_ || rest_.size() < size) return Fail();
  *out = rest_.substr(0, size);
  rest_.remove_prefix(size);
  return true;
}

bool ByteReader::GetU8(uint8_t* value) {
  std::string_view b;
  if (!Take(1, &b)) return false;
  *value = static_cast<uint8_t>(b[0]);
  return true;
}

bool ByteReader::GetU32(uint32_t* value) {
  std::string_view b;
  if (!Take(4, &b)) return false;
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(b[i]);
  *value = v;
  return true;
}

bool ByteReader::GetU64(uint64_t* value) {
  std::string_view b;
  if (!Take(8, &b)) return false;
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(b[i]);
  *value = v;
  return true;
}

bool ByteReader::GetI64(int64_t* value) {
  uint64_t v = 0;
  if (!GetU64(&v)) return false;
  *value = static_cast<int64_t>(v);
  return true;
}

bool ByteReader::GetDouble(double* value) {
  uint64_t v = 0;
  if (!GetU64(&v)) return false;
  *value = std::bit_cast<double>(v);
  return true;
}

bool ByteReader::GetView(std::string_view* value) {
  uint32_t size = 0;
  return GetU32(&size) && Take(size, value);
}

bool ByteReader::GetString(std::string* value) {
  std::string_view view;
  if (!GetView(&view)) return false;
  value->assign(view);
  return true;
}

bool ByteReader::GetRaw(size_t size, std::string_view* value) {
  return Take(size, value);
}

bool ByteReader::GetCount(size_t min_size, size_t* count) {
  uint64_t n = 0;
  if (!GetU64(&n)) return false;
  if (min_size == 0) min_size = 1;
  if (n > rest_.size() / min_size) return Fail();
  *count = static_cast<size_t>(n);
  return true;
}

}  // namespace pushguard
