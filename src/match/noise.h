// Noise control: tells a real secret from text that only looks like one.
// Every check looks at the extracted secret (or the few bytes before it),
// never at the whole line, so a real key next to a placeholder is still found.
//
//   if (LooksLikePlaceholder(secret)) -> not a finding
//   if (GenericEvidence(value) == Evidence::kWeak) -> report as `warn`
//
// Pure functions of their arguments; thread-safe.
#pragma once

#include <string_view>

namespace pushguard::match {

// Template and environment references (`${X}`, `$X`, `{{ .Values.x }}`,
// `${{ secrets.X }}`, `os.environ[...]`, `var.x`, `<your-key>`), placeholder
// words (example, changeme, xxx, REDACTED, ...), masked forms (`AKIA****`)
// and runs of repeated or sequential characters (`aaaaaa`, `123456`).
bool LooksLikePlaceholder(std::string_view secret);

// True if the bytes right before `offset` in `content` (on the same line)
// name a digest: `sha512-`, `sha256:`, `md5=`, `h1:` ... (lock files,
// checksum lines, Subresource Integrity).
bool FollowsDigestPrefix(std::string_view content, size_t offset);

// A stored password hash, not a credential one can log in with: bcrypt
// (`$2a$`, `$2b$`, `$2y$`), argon2 (`$argon2id$...`), scrypt (`$7$`),
// yescrypt (`$y$`), crypt MD5 / SHA-256 / SHA-512 (`$1$`, `$5$`, `$6$`),
// Apache htpasswd (`$apr1$`, `{SHA}`, `{SSHA}`) and Django's
// `pbkdf2_sha256$...`. Generic rules report these as `warn`, never block.
bool IsPasswordHash(std::string_view value);

// How much a value assigned to a secret-like name looks like a secret.
//   kNone:   a word, an identifier, a path, a URL, a placeholder: not a secret
//   kWeak:   could be one (hex digests, UUIDs, single-case letters, password
//            hashes): warn
// A percent-encoded value (`p%40ss`, from a URL) is judged decoded.
//   kStrong: random-looking mixed characters: block
enum class Evidence { kNone, kWeak, kStrong };
Evidence GenericEvidence(std::string_view value);

}  // namespace pushguard::match
