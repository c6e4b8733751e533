#include "match/secret_text.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "base/sha256.h"

namespace pushguard::match {

double ShannonEntropy(std::string_view text) {
  if (text.empty()) return 0;
  std::array<size_t, 256> counts{};
  for (unsigned char c : text) ++counts[c];
  double entropy = 0;
  const double n = static_cast<double>(text.size());
  for (size_t count : counts) {
    if (count == 0) continue;
    double p = static_cast<double>(count) / n;
    entropy -= p * std::log2(p);
  }
  return entropy;
}

std::string Redact(std::string_view secret) {
  const size_t n = secret.size();
  size_t keep = n < 8 ? 0 : std::min<size_t>(4, n / 5);
  auto printable = [](unsigned char c) { return c > 0x20 && c < 0x7F; };
  std::string out;
  for (size_t i = 0; i < keep; ++i) {
    out += printable(secret[i]) ? secret[i] : '*';
  }
  out.append(std::min<size_t>(16, n - 2 * keep), '*');
  for (size_t i = n - keep; i < n; ++i) {
    out += printable(secret[i]) ? secret[i] : '*';
  }
  return out;
}

std::string Fingerprint(std::string_view rule_id, std::string_view secret) {
  std::string input = "pushguard-fingerprint-v1";
  input += '\0';
  input.append(rule_id);
  input += '\0';
  input.append(secret);
  return Sha256Hex(input).substr(0, 32);
}

}  // namespace pushguard::match
