// What may be said about a secret without revealing it: its entropy, a
// redacted form for display, and a fingerprint for allowlists and audit.
#pragma once

#include <string>
#include <string_view>

namespace pushguard::match {

// Shannon entropy of the bytes of `text`, in bits per character (0..8).
double ShannonEntropy(std::string_view text);

// Shows at most a fifth of the secret at each end (and never more than 4
// characters there); the rest becomes '*' (at most 16 of them). Control
// characters in the kept ends are replaced too. Short secrets (< 8 bytes)
// become all stars.
//   Redact("AKIAIOSFODNN7EXAMPLE") == "AKIA************MPLE"
std::string Redact(std::string_view secret);

// A stable, non-reversible identifier of (rule, secret): lowercase hex of the
// first 128 bits of SHA-256 over a domain-separated encoding of both. Used to
// allowlist one secret regardless of where it appears.
std::string Fingerprint(std::string_view rule_id, std::string_view secret);

}  // namespace pushguard::match
