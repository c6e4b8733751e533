#include "audit/timestamp.h"

#include <doctest/doctest.h>

namespace pushguard::audit {
namespace {

TEST_CASE("timestamps are written as RFC 3339 UTC with milliseconds") {
  CHECK(FormatTimestamp(0) == "1970-01-01T00:00:00.000Z");
  CHECK(FormatTimestamp(1714566896789) == "2024-05-01T12:34:56.789Z");
  CHECK(FormatDay(1714566896789) == "2024-05-01");
}

TEST_CASE("absolute times parse as UTC in every accepted spelling") {
  const int64_t noon = 1714564800000;  // 2024-05-01T12:00:00Z
  CHECK(ParseTimestamp("2024-05-01") == noon - 12 * 3600000LL);
  CHECK(ParseTimestamp("2024-05-01T12:00") == noon);
  CHECK(ParseTimestamp("2024-05-01 12:00:00") == noon);
  CHECK(ParseTimestamp("2024-05-01T12:00:00Z") == noon);
  CHECK(ParseTimestamp("2024-05-01T12:00:00.250Z") == noon + 250);
  CHECK(ParseTimestamp("2024-02-29") == 1709164800000);
  for (const char* bad :
       {"2023-02-29", "2024-13-01", "2024-05-01T25:00", "2024-5-1", "yesterday",
        "2024-05-01T12:00:00+02:00"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseTimestamp(bad).has_value());
  }
}

TEST_CASE("a relative time counts back from now") {
  const int64_t now = 1714564800000;
  CHECK(*ParseTimeSpec("7d", now) == now - 7 * 86400000LL);
  CHECK(*ParseTimeSpec("12h", now) == now - 12 * 3600000LL);
  CHECK(*ParseTimeSpec("30m", now) == now - 30 * 60000LL);
  CHECK(*ParseTimeSpec("90s", now) == now - 90000);
  CHECK(*ParseTimeSpec("2w", now) == now - 14 * 86400000LL);
  CHECK(*ParseTimeSpec("2024-05-01", now) == now - 12 * 3600000LL);
  Result<int64_t> bad = ParseTimeSpec("7 days", now);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() ==
        "invalid time '7 days' (expected e.g. 2024-05-01, "
        "2024-05-01T12:00:00Z, 7d, 12h, 30m)");
}

}  // namespace
}  // namespace pushguard::audit
