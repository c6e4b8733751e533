// Verifying commit and tag signatures against the keys an administrator
// allows, with the standard tools and nothing else:
//   OpenPGP: gpgv --keyring KEYRING (every key in the keyring is trusted,
//            no trust database, no key servers)
//   SSH:     ssh-keygen -Y find-principals / -Y verify -n git with an
//            allowed_signers file, as `git verify-commit` does
// X.509 (gpgsm) signatures are reported as unverifiable.
//
//   Keys keys{.openpgp_keyring = keyring, .ssh_allowed_signers = signers};
//   Verification v = VerifySignature(signature, signed_payload, keys);
//   if (v.outcome != Outcome::kGood) -> v.detail says why
//
// Thread-compatible: every call uses its own scratch files.
#pragma once

#include <chrono>
#include <string>

namespace pushguard::signing {

enum class Outcome {
  kGood,          // signed by an allowed key, and the signature verifies
  kUnknownKey,    // well-formed, but the key is not an allowed one
  kBad,           // an allowed key, but the signature does not match the data
  kUnverifiable,  // no key list for this kind, a tool failed, a format we
                  // do not handle
};

struct Verification {
  Outcome outcome = Outcome::kUnverifiable;
  std::string kind;    // "openpgp", "ssh", "x509" or "unknown"
  std::string signer;  // the key fingerprint / principal, when known
  std::string detail;  // one line for the pusher
};

struct Keys {
  std::string openpgp_keyring;      // "" = OpenPGP signatures unverifiable
  std::string ssh_allowed_signers;  // "" = SSH signatures unverifiable
  std::chrono::milliseconds timeout{10000};
};

// Verifies `signature` (an ASCII-armoured block) over `payload`.
// `principal_hint` (e.g. the committer's e-mail) is tried first as the SSH
// principal, which saves a find-principals run in the common case.
Verification VerifySignature(const std::string& signature,
                             const std::string& payload, const Keys& keys,
                             const std::string& principal_hint = "");

}  // namespace pushguard::signing
