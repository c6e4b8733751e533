// The shapes of a value that say it is not a secret: digests, ids, paths,
// words and identifiers, code. Internal to src/match/ (noise.cc judges
// generic findings with them).
#pragma once

#include <string_view>

namespace pushguard::match {

// A hex digest of 32, 40, 64 or 128 digits in one case.
bool IsHexDigest(std::string_view s);

// A UUID (8-4-4-4-12 hex digits).
bool IsUuid(std::string_view s);

// Paths, URLs, file names, dotted or namespaced identifiers, e-mail.
bool LooksLikePathOrName(std::string_view s);

// "Summer2024!", "my_db_password", "getPasswordFromVault", "PROD-DB-CREDS",
// "v1:users:list": every run of letters and digits reads like a word or
// identifier (lower, upper or camel case, vowels where a word has them),
// optionally followed by at most 4 digits, or is a number of at most 4
// digits.
bool LooksLikeWordOrIdentifier(std::string_view s);

// Code, not a value: names joined by operators, as in minified JavaScript
// (`e.accessKey||`, `t.CodeBlock=void`) or format strings
// (`%s&redirect_uri=%s`).
bool LooksLikeCode(std::string_view s);

}  // namespace pushguard::match
