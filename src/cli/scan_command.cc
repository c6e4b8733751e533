// `pushguard scan [--repo DIR] [--format text|json|sarif] [--config F] REV...`:
// the hook's engine over commits already in a repository. Exits 0 clean,
// 1 findings, 2 error, 3 clean as far as it could read but blobs were
// missing (a partial clone: they are listed, the rest is scanned).
#include <iostream>

#include "cli/command_table.h"
#include "cli/commands.h"
#include "cli/configuration.h"
#include "cli/options.h"
#include "git/repository.h"
#include "policy/evaluate.h"
#include "report/json.h"
#include "report/sarif.h"
#include "report/text.h"

namespace pushguard::cli {

int ScanCommand(const Args& args) {
  Result<ParsedOptions> options = ParseOptions(
      args, OptionsOf("scan"), FindCommand("scan")->positional_flags);
  if (!options.ok()) {
    std::cerr << "pushguard scan: " << options.status().message() << "\n";
    return kExitError;
  }
  std::string format = options->Get("format", "text");
  if (format != "text" && format != "json" && format != "sarif") {
    std::cerr << "pushguard scan: --format must be text, json or sarif\n";
    return kExitError;
  }
  Result<CompiledConfig> config = LoadConfiguredPolicy(options->All("config"));
  if (!config.ok()) {
    std::cerr << "pushguard scan: invalid configuration:\n"
              << config.status().message() << "\n";
    return kExitError;
  }
  Result<std::unique_ptr<git::Repository>> repo =
      git::Repository::Open(options->Get("repo", "."));
  if (!repo.ok()) {
    std::cerr << "pushguard scan: " << repo.status().message() << "\n";
    return kExitError;
  }
  std::vector<std::string> revs = options->positional;
  if (revs.empty()) revs.push_back("HEAD");

  Decision decision =
      policy::EvaluateRevisions(**repo, revs, *config->rules, config->settings,
                                /*tolerate_missing_blobs=*/true);
  policy::ApplyScanVerdict(&decision);
  if (format == "json") {
    std::cout << report::RenderJson(decision);
  } else if (format == "sarif") {
    std::cout << report::RenderSarif(decision, kVersion);
  } else {
    report::TextOptions text;
    text.hook = false;
    text.max_findings = SIZE_MAX;
    std::cout << report::RenderText(decision, text);
  }
  return ExitCode(decision);
}

}  // namespace pushguard::cli
