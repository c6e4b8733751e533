// Matching a push policy's regex against a name or message. Internal to
// policy/.
#pragma once

#include <string_view>

#include "base/status.h"
#include "match/regex.h"

namespace pushguard::policy {

// True if `regex` matches somewhere in `subject`. A regex that hits the
// PCRE2 limits is an error naming `what`: the guard cannot decide.
Result<bool> RegexFinds(const match::Regex& regex, std::string_view subject,
                        const std::string& what);

}  // namespace pushguard::policy
