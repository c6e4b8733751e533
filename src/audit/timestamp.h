// Times in the audit log: milliseconds since the Unix epoch, written as
// RFC 3339 UTC ("2024-05-01T12:34:56.789Z"). Query times are UTC too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace pushguard::audit {

int64_t NowMillis();

// "2024-05-01T12:34:56.789Z".
std::string FormatTimestamp(int64_t ms);
// "2024-05-01".
std::string FormatDay(int64_t ms);

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "...:SS", "...:SS.fff", with 'T' or
// a space between date and time and an optional trailing 'Z'. nullopt if the
// text is anything else (including impossible dates).
std::optional<int64_t> ParseTimestamp(std::string_view text);

// A --since/--until value: an absolute time (ParseTimestamp) or an age
// relative to `now_ms`: a number followed by s, m, h, d or w ("7d", "12h").
// InvalidArgument names the value otherwise.
Result<int64_t> ParseTimeSpec(std::string_view spec, int64_t now_ms);

}  // namespace pushguard::audit
