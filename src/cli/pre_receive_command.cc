// `pushguard pre-receive`: the hook. Reads every ref update on stdin,
// decides, explains the decision on stderr (shown to the pusher as
// "remote: " lines), writes one audit record, and exits 0 (accept),
// 1 (reject) or 2 (error, rejects).
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "base/strings.h"
#include "cli/commands.h"
#include "cli/configuration.h"
#include "cli/hook_audit.h"
#include "cli/hook_config.h"
#include "cli/options.h"
#include "cli/push_context.h"
#include "git/repository.h"
#include "identity/pusher.h"
#include "policy/evaluate.h"
#include "policy/text_scan.h"
#include "refs/ref_update.h"
#include "report/text.h"

namespace pushguard::cli {
namespace {

// Explains `decision`, records it, and picks the exit code. A record that
// cannot be written is reported; with audit.required it rejects the push.
int Conclude(Decision decision, const report::TextOptions& text,
             HookAudit& audit) {
  Status written = audit.Write(decision);
  if (!written.ok() && audit.required() && decision.accepted) {
    decision.accepted = false;
    decision.error =
        "the audit record could not be written (audit.required "
        "is set): " +
        written.message();
  }
  std::cerr << report::RenderText(decision, text);
  if (!written.ok()) {
    std::cerr << "warning: pushguard: audit record not written: "
              << EscapeForDisplay(written.message()) << "\n";
  }
  return ExitCode(decision);
}

// The guard failed: reject (fail closed) unless the policy says otherwise.
int Failed(const Status& status, const rules::Settings& settings,
           const report::TextOptions& text, HookAudit& audit) {
  Decision decision;
  decision.error = status.message();
  policy::ApplyVerdict(settings, &decision);
  return Conclude(std::move(decision), text, audit);
}

}  // namespace

int PreReceiveCommand(const Args& args) {
  git::LibraryWarmup warmup;  // overlaps the configuration's loading
  Result<ParsedOptions> options = ParseOptions(args, PreReceiveOptions());
  if (options.ok() && options->Has("dry-run")) return DryRun(*options);
  HookAudit audit(options.ok() && options->Has("trust-env"));
  rules::Settings defaults;  // fail closed until the policy is known
  report::TextOptions text;
  text.channel =
      report::ChannelFor(std::getenv("GL_ID"), std::getenv("GL_PROTOCOL"));
  if (!options.ok()) return Failed(options.status(), defaults, text, audit);
  for (const char* only : {"repo", "user", "repo-name", "push-option"}) {
    if (options->Has(only)) {
      return Failed(Status::InvalidArgument(std::string("--") + only +
                                            " needs --dry-run"),
                    defaults, text, audit);
    }
  }
  if (!options->positional.empty()) {
    return Failed(Status::InvalidArgument(
                      "pre-receive takes no arguments (ref updates come on "
                      "stdin)"),
                  defaults, text, audit);
  }
  // Read stdin first, whatever happens: git expects the hook to consume it.
  Result<std::string> input = ReadStdin();
  HookConfig hook =
      LoadHookConfig(options->All("config"),
                     identity::HookGitDir(identity::ProcessEnvironment()),
                     options->Has("trust-env"));
  for (const std::string& name : hook.ignored_env) {
    std::cerr << "warning: pushguard: " << name
              << " ignored: the hook takes its configuration only from its "
                 "own arguments and files (install it with --trust-env if "
                 "the server sets "
              << name << ")\n";
  }
  for (const std::string& warning : hook.policy_repository.warnings) {
    for (const std::string& line : Split(warning, '\n')) {
      std::cerr << "warning: pushguard: " << EscapeForDisplay(line) << "\n";
    }
  }
  // A broken layer neither relaxes on_error nor redirects the audit record:
  // hook.settings are those of the layers before it.
  const rules::Settings& settings = hook.settings;
  audit.UsePolicy(settings.audit, PolicyHash(hook.layers));
  audit.UsePolicyCommit(hook.policy_repository.commit);
  Result<CompiledConfig>& config = hook.compiled;
  if (!config.ok()) {
    return Failed(config.status().Prefixed("invalid pushguard configuration"),
                  settings, text, audit);
  }
  text.max_findings = static_cast<size_t>(settings.max_findings_shown);

  if (!input.ok()) return Failed(input.status(), settings, text, audit);
  Result<std::unique_ptr<git::Repository>> repo =
      git::Repository::OpenFromEnv();
  if (!repo.ok()) return Failed(repo.status(), settings, text, audit);
  Result<std::vector<refs::RefUpdate>> updates =
      refs::ParseRefUpdates(*input, (*repo)->hex_length());
  if (!updates.ok()) {
    // The message may quote a ref name, and a ref name may hold a secret.
    match::Scanner scanner(*config->rules);
    return Failed(Status::InvalidArgument(policy::RedactSecrets(
                      scanner, updates.status().message())),
                  settings, text, audit);
  }

  Decision decision =
      policy::EvaluatePush(**repo, *updates, *config->rules, *config->policies,
                           config->settings, HookContext());
  audit.SetRefs(*updates, decision.forced, *config->rules);
  // A push to the policy repository publishes a policy: it must be valid.
  const PolicyRepositoryState& policy_repo = hook.policy_repository;
  CheckPolicyPush(
      **repo, *updates, policy_repo,
      {hook.layers.begin(), hook.layers.begin() + policy_repo.begin},
      *config->rules, &decision);
  policy::ApplyVerdict(settings, &decision);
  AddIgnoredNotices(config->ignored, &decision);
  return Conclude(std::move(decision), text, audit);
}

}  // namespace pushguard::cli
