#include "audit/timestamp.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "base/strings.h"

namespace pushguard::audit {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at text[*pos].
bool Digits(std::string_view text, size_t* pos, size_t n, int* out) {
  if (*pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

}  // namespace

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FormatTimestamp(int64_t ms) {
  int64_t seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(ms - seconds * 1000));
  return buffer;
}

std::string FormatDay(int64_t ms) { return FormatTimestamp(ms).substr(0, 10); }

std::optional<int64_t> ParseTimestamp(std::string_view text) {
  size_t pos = 0;
  int y, mo, d, h = 0, mi = 0, s = 0, frac = 0;
  if (!Digits(text, &pos, 4, &y) || !Expect(text, &pos, '-') ||
      !Digits(text, &pos, 2, &mo) || !Expect(text, &pos, '-') ||
      !Digits(text, &pos, 2, &d)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo)) return std::nullopt;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    ++pos;
    if (!Digits(text, &pos, 2, &h) || !Expect(text, &pos, ':') ||
        !Digits(text, &pos, 2, &mi)) {
      return std::nullopt;
    }
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!Digits(text, &pos, 2, &s)) return std::nullopt;
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        if (!Digits(text, &pos, 3, &frac)) return std::nullopt;
      }
    }
    if (h > 23 || mi > 59 || s > 60) return std::nullopt;
  }
  if (pos < text.size() && text[pos] == 'Z') ++pos;
  if (pos != text.size()) return std::nullopt;
  int64_t days =
      DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi) * 60000 + s * 1000LL + frac;
}

Result<int64_t> ParseTimeSpec(std::string_view spec, int64_t now_ms) {
  if (std::optional<int64_t> absolute = ParseTimestamp(spec)) return *absolute;
  if (spec.size() >= 2 && spec.size() <= 10) {
    int64_t amount = 0;
    bool digits = true;
    for (char c : spec.substr(0, spec.size() - 1)) {
      if (c < '0' || c > '9') digits = false;
      amount = amount * 10 + (c - '0');
    }
    int64_t unit = 0;
    switch (spec.back()) {
      case 's':
        unit = 1000;
        break;
      case 'm':
        unit = 60 * 1000;
        break;
      case 'h':
        unit = 3600 * 1000;
        break;
      case 'd':
        unit = 86400 * 1000LL;
        break;
      case 'w':
        unit = 7 * 86400 * 1000LL;
        break;
    }
    if (digits && unit != 0) return now_ms - amount * unit;
  }
  return Status::InvalidArgument(
      "invalid time '" + EscapeForDisplay(spec) +
      "' (expected e.g. 2024-05-01, 2024-05-01T12:00:00Z, 7d, 12h, 30m)");
}

}  // namespace pushguard::audit
