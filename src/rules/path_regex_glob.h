// Go path regexes (gitleaks' `path` and allowlist `paths`) as pushguard
// globs (base/strings.h GlobMatch), for `pushguard rules import gitleaks`.
// Only simple forms convert; the globs then match what the regex matches,
// except that a lone `.` (any character) becomes `?`, which does not match
// '/': an allowlist may only get narrower, never wider.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pushguard::rules {

// The globs whose union matches the paths `regex` finds (a search, not a
// full match, as Go's MatchString), or nullopt when the regex is not of a
// form that converts:
//   start: `^` (at the root), `(^|/)` or `(?:^|/)` (at a directory), or
//          nothing (anywhere);
//   body:  literal characters (escaped or not; not '*' or '?'), `.` `.*`
//          `.+` (and their lazy forms), `[^/]*`, `[^/]+`, and groups of
//          alternatives made of those, `(a|b)`, `(?:a|b)`, `(.*?)` (each
//          alternative expands the globs);
//   end:   `$`, or nothing (anything may follow).
// E.g. `(^|/)vendor/` -> {"**/vendor/**"}, `\.(jpe?g|png)$` -> nullopt
// (`?` inside the group), `\.(jpg|png)$` -> {"/**.jpg", "/**.png"}.
std::optional<std::vector<std::string>> PathRegexToGlobs(
    std::string_view regex);

}  // namespace pushguard::rules
