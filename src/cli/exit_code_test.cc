#include <doctest/doctest.h>

#include "cli/commands.h"
#include "policy/evaluate.h"

namespace pushguard::cli {
namespace {

Decision Made(bool accepted, const std::string& error,
              std::vector<std::string> missing = {}) {
  Decision d;
  d.accepted = accepted;
  d.error = error;
  d.missing_objects = std::move(missing);
  return d;
}

TEST_CASE("one exit code per decision (README, Exit codes)") {
  CHECK(ExitCode(Made(true, "")) == 0);
  CHECK(ExitCode(Made(false, "")) == 1);  // blocking findings
  CHECK(ExitCode(Made(false, "unreadable")) == 2);
  // on_error: accept let an error through: the hook accepts the push.
  CHECK(ExitCode(Made(true, "unreadable")) == 0);
  CHECK(ExitCode(Made(true, "", {"ab12"})) == 3);  // scan: incomplete
  CHECK(ExitCode(Made(false, "", {"ab12"})) == 1);
}

TEST_CASE("a scan refuses every error, whatever on_error says") {
  Decision accepted_error = Made(true, "unreadable", {"ab12"});
  policy::ApplyScanVerdict(&accepted_error);
  CHECK_FALSE(accepted_error.accepted);
  CHECK(ExitCode(accepted_error) == 2);
  Decision clean = Made(true, "", {"ab12"});
  policy::ApplyScanVerdict(&clean);
  CHECK(clean.accepted);
  CHECK(ExitCode(clean) == 3);
  Decision blocked = Made(false, "");
  policy::ApplyScanVerdict(&blocked);
  CHECK(ExitCode(blocked) == 1);
}

}  // namespace
}  // namespace pushguard::cli
