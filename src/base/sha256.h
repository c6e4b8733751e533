// SHA-256 (OpenSSL), for content identities: policy versions, cache keys,
// finding fingerprints. Not for passwords.
//
//   Sha256 hash;
//   hash.Update(a);
//   hash.Update(b);
//   std::string hex = hash.HexDigest();  // 64 lowercase hex digits
#pragma once

#include <string>
#include <string_view>

namespace pushguard {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  // Adds `bytes` preceded by its length, so that no two different sequences
  // of fields hash alike ("ab","c" vs "a","bc").
  void UpdateField(std::string_view bytes);
  // The digest of everything added; the hash must not be used afterwards.
  // Aborts the program if OpenSSL cannot hash (out of memory): a wrong
  // identity would be worse than none.
  std::string HexDigest();

 private:
  struct Context;
  Context* context_;
};

// The hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace pushguard
