#include "cli/hook_config.h"

#include <doctest/doctest.h>

namespace pushguard::cli {

TEST_CASE("the settings in force stop before the first broken layer") {
  std::vector<rules::PolicySource> layers = {
      {"org.yaml",
       "settings:\n  on_error: accept\naudit:\n  file: /org.jsonl\n"},
      {"team.yaml", "settings:\n  max_findings_shown: 5\n"},
      {"repo.yaml",
       "settings:\n  on_error: reject\naudit:\n  file: /repo.jsonl\n"
       "rules:\n  - id: x\n    regex: 'a('\n"}};
  std::vector<rules::Diagnostic> problems;
  CHECK_FALSE(CompileConfiguration(layers, &problems).ok());
  REQUIRE(FirstBrokenLayer(layers, problems) == 2);
  rules::Settings settings = SettingsBefore(layers, 2);
  CHECK(settings.on_error == rules::OnError::kAccept);
  CHECK(settings.audit.file == "/org.jsonl");
  CHECK(settings.max_findings_shown == 5);
  // A problem that names no layer: nothing is trusted, the defaults hold.
  CHECK(FirstBrokenLayer(layers, {{"elsewhere", 1, "", "", "?"}}) == 0);
  CHECK(SettingsBefore(layers, 0).on_error == rules::OnError::kReject);
  CHECK(FirstBrokenLayer(layers, {}) == 3);
}

}  // namespace pushguard::cli
