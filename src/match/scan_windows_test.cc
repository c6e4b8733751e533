// Window geometry (match/scan_windows.h): line numbers, and sorting and
// merging windows by either path (counted into place by rule, or sorted)
// against a plain reference.
#include "match/scan_windows.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <tuple>

namespace pushguard::match {
namespace {

// Sort by (rule, begin), then merge windows of a rule that overlap or touch.
std::vector<Window> Reference(std::vector<Window> windows) {
  std::sort(windows.begin(), windows.end(),
            [](const Window& a, const Window& b) {
              return std::tie(a.rule, a.begin) < std::tie(b.rule, b.begin);
            });
  std::vector<Window> out;
  for (const Window& w : windows) {
    if (!out.empty() && out.back().rule == w.rule &&
        w.begin <= out.back().end + 1) {
      out.back().end = std::max(out.back().end, w.end);
    } else {
      out.push_back(w);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("line numbers from newline offsets") {
  const std::vector<size_t> newlines = {3, 7};  // "abc\ndef\ngh"
  CHECK(LineOf(newlines, 0) == 1);
  CHECK(LineOf(newlines, 3) == 1);  // a line's '\n' is on that line
  CHECK(LineOf(newlines, 4) == 2);
  CHECK(LineOf(newlines, 8) == 3);
  CHECK(LineOf({}, 100) == 1);
}

TEST_CASE("windows sorted and merged by rule, counted or compared alike") {
  std::mt19937 random(7);
  std::vector<size_t> starts;
  std::vector<Window> scratch;
  // rule_count 3: the counting path for any number of windows; 4,000: the
  // comparison path below 500 windows.
  for (size_t rule_count : {size_t{3}, size_t{4000}}) {
    for (size_t n : {0, 1, 2, 50, 499, 600, 5000}) {
      std::vector<Window> windows;
      for (size_t i = 0; i < n; ++i) {
        size_t begin = random() % 2000;
        // Mostly in order of begin per rule, as a scan makes them, with
        // some out of order, duplicates, touching and nested windows.
        if (i % 5 != 0) begin = i * 3;
        size_t rule = rule_count == 3 ? random() % 3 : random() % 7 * 571;
        windows.push_back({rule, begin, begin + random() % 9});
      }
      if (rule_count == 3 && n > 0) windows.push_back({2, 0, 0});  // last
      std::vector<Window> got = windows;
      SortAndMerge(&got, rule_count, &starts, &scratch);
      CHECK_MESSAGE(got == Reference(windows), rule_count, " ", n);
    }
  }
}

}  // namespace pushguard::match
