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
#include "cli/options.h"
#include "git/repository.h"
#include "policy/evaluate.h"
#include "refs/ref_update.h"
#include "report/text.h"

namespace pushguard::cli {
namespace {

constexpr size_t kMaxStdin = 64 << 20;

Result<std::string> ReadStdin() {
  std::string input;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    input.append(buffer, n);
    if (input.size() > kMaxStdin) {
      return Status::InvalidArgument("stdin: more than 64 MiB of ref updates");
    }
  }
  if (std::ferror(stdin)) return Status::Io("stdin: read error");
  return input;
}

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
  if (decision.accepted) return kExitAccept;
  return decision.error.empty() ? kExitReject : kExitError;
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
  HookAudit audit;
  rules::Settings defaults;  // fail closed until the policy is known
  report::TextOptions text;
  text.channel =
      report::ChannelFor(std::getenv("GL_ID"), std::getenv("GL_PROTOCOL"));
  Result<ParsedOptions> options = ParseOptions(args, {{"config", true, true}});
  if (!options.ok()) return Failed(options.status(), defaults, text, audit);
  if (!options->positional.empty()) {
    return Failed(Status::InvalidArgument(
                      "pre-receive takes no arguments (ref updates come on "
                      "stdin)"),
                  defaults, text, audit);
  }
  // Read stdin first, whatever happens: git expects the hook to consume it.
  Result<std::string> input = ReadStdin();
  Result<std::vector<rules::PolicySource>> layers =
      ConfiguredLayers(options->All("config"));
  Result<std::unique_ptr<match::RuleSet>> rules =
      layers.ok() ? CompilePolicy(*layers) : layers.status();
  if (!rules.ok()) {
    if (layers.ok()) audit.UsePolicy(defaults.audit, PolicyHash(*layers));
    return Failed(rules.status().Prefixed("invalid pushguard configuration"),
                  defaults, text, audit);
  }
  const rules::Settings& settings = (*rules)->policy().settings;
  audit.UsePolicy(settings.audit, PolicyHash(*layers));
  text.max_findings = static_cast<size_t>(settings.max_findings_shown);

  if (!input.ok()) return Failed(input.status(), settings, text, audit);
  Result<std::unique_ptr<git::Repository>> repo =
      git::Repository::OpenFromEnv();
  if (!repo.ok()) return Failed(repo.status(), settings, text, audit);
  Result<std::vector<refs::RefUpdate>> updates =
      refs::ParseRefUpdates(*input, (*repo)->hex_length());
  if (!updates.ok()) return Failed(updates.status(), settings, text, audit);

  audit.SetRefs(**repo, *updates);
  return Conclude(policy::EvaluatePush(**repo, *updates, **rules), text, audit);
}

}  // namespace pushguard::cli
