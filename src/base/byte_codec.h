// A compact binary encoding for compiled data that pushguard writes and reads
// back itself (the compiled default policy built into the binary, the cache
// of compiled configurations): little-endian fixed-width integers and
// length-prefixed byte strings. Not an interchange format: a reader accepts
// only what the same build wrote, and the bytes may come from a damaged file,
// so every read is bounds-checked and a reader that runs out of bytes or sees
// an impossible value stays failed (ok() == false) instead of crashing.
//
//   ByteWriter w;
//   w.PutU64(rules.size());
//   w.PutString(name);
//   ByteReader r(w.bytes());
//   uint64_t n = 0;
//   std::string name;
//   if (!r.GetU64(&n) || !r.GetString(&name)) -> damaged
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pushguard {

class ByteWriter {
 public:
  void PutU8(uint8_t value) { bytes_ += static_cast<char>(value); }
  void PutU32(uint32_t value);
  void PutU64(uint64_t value);
  void PutI64(int64_t value) { PutU64(static_cast<uint64_t>(value)); }
  void PutDouble(double value);
  // The length (u32), then the bytes. REQUIRES: size < 4 GiB.
  void PutString(std::string_view value);
  // The bytes as they are (no length): for fixed-size headers.
  void PutRaw(std::string_view value) { bytes_.append(value); }

  const std::string& bytes() const { return bytes_; }
  std::string Release() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : rest_(bytes) {}

  // Each returns false, leaving the reader failed, when the bytes run out.
  bool GetU8(uint8_t* value);
  bool GetU32(uint32_t* value);
  bool GetU64(uint64_t* value);
  bool GetI64(int64_t* value);
  bool GetDouble(double* value);
  bool GetString(std::string* value);
  // A string's bytes without copying them: valid while the input is.
  bool GetView(std::string_view* value);
  // Exactly `size` bytes (a fixed-size header field).
  bool GetRaw(size_t size, std::string_view* value);
  // A count of things still to read, each at least `min_size` bytes: fails
  // when the rest of the input cannot hold that many (a damaged count must
  // not make the caller reserve gigabytes).
  bool GetCount(size_t min_size, size_t* count);
  // Marks the reader failed (the caller found an impossible value).
  bool Fail() {
    ok_ = false;
    return false;
  }

  bool ok() const { return ok_; }
  bool done() const { return rest_.empty(); }
  size_t remaining() const { return rest_.size(); }

 private:
  bool Take(size_t size, std::string_view* out);
  std::string_view rest_;
  bool ok_ = true;
};

}  // namespace pushguard
