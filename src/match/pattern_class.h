// PCRE2 character classes as the pattern analyses read them
// (match/keyword_reach.cc): where a class ends, and which bytes it lists.
// 8-bit patterns without UTF mode, as the matcher compiles them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pushguard::match {

// The index just past the `]` that closes the class opening at
// pattern[open] (a '['), as PCRE2 reads it: a `]` first (after `^` and any
// `\E`) is a member, an escape is two bytes (`\cX` three), a POSIX name
// `[:...:]` ends at its first `:]` unless a `]` or `[:` comes before it.
// npos when the class is not closed.
size_t ClassEnd(std::string_view pattern, size_t open);

// The bytes the class `cls` (brackets included) lists one by one, or
// nullopt when it is negated or holds a range, an escape of a letter or
// digit, a POSIX name, or anything else this does not spell out.
std::optional<std::string> ClassMembers(std::string_view cls);

}  // namespace pushguard::match
