#include "base/sha256.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>

namespace pushguard {

struct Sha256::Context {
  EVP_MD_CTX* md;
};

namespace {

[[noreturn]] void Fail() {
  std::fputs("pushguard: SHA-256 is unavailable (OpenSSL failed)\n", stderr);
  std::abort();
}

}  // namespace

namespace {

// OpenSSL reads its configuration file on first use unless told not to:
// SHA-256 needs none of it, and every push would pay for it.
void InitOnce() {
  static const bool done = [] {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
    return true;
  }();
  (void)done;
}

}  // namespace

Sha256::Sha256() : context_((InitOnce(), new Context{EVP_MD_CTX_new()})) {
  if (context_->md == nullptr ||
      EVP_DigestInit_ex(context_->md, EVP_sha256(), nullptr) != 1) {
    Fail();
  }
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(context_->md);
  delete context_;
}

void Sha256::Update(std::string_view bytes) {
  if (EVP_DigestUpdate(context_->md, bytes.data(), bytes.size()) != 1) Fail();
}

void Sha256::UpdateField(std::string_view bytes) {
  std::string length = std::to_string(bytes.size()) + ":";
  Update(length);
  Update(bytes);
}

std::string Sha256::HexDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context_->md, digest, &length) != 1) Fail();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  Sha256 hash;
  hash.Update(bytes);
  return hash.HexDigest();
}

}  // namespace pushguard
