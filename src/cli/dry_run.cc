// `pushguard pre-receive --dry-run`: the hook's decision for given ref
// updates, against a repository as it is, without a push (push_context.h).
#include <iostream>

#include "base/strings.h"
#include "cli/commands.h"
#include "cli/configuration.h"
#include "cli/push_context.h"
#include "git/repository.h"
#include "identity/pusher.h"
#include "policy/evaluate.h"
#include "refs/ref_update.h"
#include "report/text.h"

namespace pushguard::cli {
namespace {

int Error(const std::string& message) {
  std::cerr << "pushguard pre-receive --dry-run: " << message << "\n";
  return kExitError;
}

policy::PushContext DryRunContext(const ParsedOptions& options,
                                  const std::string& git_dir) {
  identity::PushIdentity who = identity::IdentifyPush(
      identity::ProcessEnvironment(), git_dir, identity::OperatingSystemUser());
  policy::PushContext context{who.user, who.repository, who.email,
                              options.All("push-option")};
  context.user = options.Get("user", context.user);
  context.repository = options.Get("repo-name", context.repository);
  return context;
}

}  // namespace

int DryRun(const ParsedOptions& options) {
  if (!options.positional.empty() || !options.Has("repo")) {
    return Error(
        "usage: pushguard pre-receive --dry-run --repo DIR [--user U] "
        "[--repo-name NAME] [--push-option OPT]... [--config FILE]... "
        "< '<old> <new> <ref>' lines");
  }
  Result<std::unique_ptr<git::Repository>> repo =
      git::Repository::Open(options.Get("repo", ""));
  if (!repo.ok()) return Error(repo.status().message());
  std::string git_dir = (*repo)->path();
  while (git_dir.size() > 1 && git_dir.back() == '/') git_dir.pop_back();
  PolicyRepositoryState policy_repo;
  Result<std::vector<rules::PolicySource>> layers =
      ConfiguredLayers(options.All("config"), git_dir, &policy_repo);
  if (!layers.ok()) return Error(layers.status().message());
  for (const std::string& warning : policy_repo.warnings) {
    for (const std::string& line : Split(warning, '\n')) {
      std::cout << "warning: " << EscapeForDisplay(line) << "\n";
    }
  }
  if (Status s = AddRepositoryLayer(git_dir, &*layers); !s.ok()) {
    return Error(s.message());
  }
  Result<CompiledConfig> config = CompileConfiguration(*layers);
  if (!config.ok()) {
    return Error("invalid configuration:\n" + config.status().message());
  }
  Result<std::string> input = ReadStdin();
  if (!input.ok()) return Error(input.status().message());
  Result<std::vector<refs::RefUpdate>> updates =
      refs::ParseRefUpdates(*input, (*repo)->hex_length());
  if (!updates.ok()) return Error(updates.status().message());

  policy::PushContext context = DryRunContext(options, git_dir);
  Decision decision =
      policy::EvaluatePush(**repo, *updates, *config->rules, *config->policies,
                           config->settings, context);
  CheckPolicyPush(**repo, *updates, policy_repo,
                  {layers->begin(), layers->begin() + policy_repo.begin},
                  *config->rules, &decision);
  policy::ApplyVerdict(config->settings, &decision);
  AddIgnoredNotices(config->ignored, &decision);
  std::cout << "dry run: " << updates->size() << " ref update(s) to "
            << EscapeForDisplay(context.repository) << " by "
            << EscapeForDisplay(context.user) << " (" << layers->size()
            << " policy layer(s), last: "
            << EscapeForDisplay(layers->back().name) << ")\n";
  report::TextOptions text;
  text.max_findings = static_cast<size_t>(config->settings.max_findings_shown);
  std::cout << report::RenderText(decision, text);
  std::cout << "dry run: the push would be "
            << (decision.accepted ? "accepted" : "rejected")
            << (decision.bypasses.empty() ? "" : " (with a bypass)")
            << "; nothing was changed or logged\n";
  return ExitCode(decision);
}

}  // namespace pushguard::cli
