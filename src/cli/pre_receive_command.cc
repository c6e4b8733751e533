// `pushguard pre-receive`: the hook. Reads every ref update on stdin,
// decides, explains the decision on stderr (shown to the pusher as
// "remote: " lines) and exits 0 (accept), 1 (reject) or 2 (error, rejects).
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/configuration.h"
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

// The guard failed before it could decide: reject (fail closed).
int FailClosed(const Status& status) {
  Decision decision;
  decision.accepted = false;
  decision.error = status.message();
  std::cerr << report::RenderText(decision, report::TextOptions{});
  return kExitError;
}

}  // namespace

int PreReceiveCommand(const Args& args) {
  Result<ParsedOptions> options =
      ParseOptions(args, {{"config", true, true}});
  if (!options.ok()) return FailClosed(options.status());
  if (!options->positional.empty()) {
    return FailClosed(Status::InvalidArgument(
        "pre-receive takes no arguments (ref updates come on stdin)"));
  }
  // Read stdin first, whatever happens: git expects the hook to consume it.
  Result<std::string> input = ReadStdin();
  Result<std::unique_ptr<match::RuleSet>> rules =
      LoadConfiguredPolicy(options->All("config"));
  if (!rules.ok()) {
    return FailClosed(rules.status().Prefixed("invalid pushguard configuration"));
  }
  const rules::Settings& settings = (*rules)->policy().settings;
  report::TextOptions text;
  text.max_findings = static_cast<size_t>(settings.max_findings_shown);
  text.on_error_accept = settings.on_error == rules::OnError::kAccept;

  auto decide_error = [&](const Status& status) {
    Decision decision;
    decision.error = status.message();
    policy::ApplyVerdict(settings, &decision);
    std::cerr << report::RenderText(decision, text);
    return decision.accepted ? kExitAccept : kExitError;
  };
  if (!input.ok()) return decide_error(input.status());
  Result<std::unique_ptr<git::Repository>> repo =
      git::Repository::OpenFromEnv();
  if (!repo.ok()) return decide_error(repo.status());
  Result<std::vector<refs::RefUpdate>> updates =
      refs::ParseRefUpdates(*input, (*repo)->hex_length());
  if (!updates.ok()) return decide_error(updates.status());

  Decision decision = policy::EvaluatePush(**repo, *updates, **rules);
  std::cerr << report::RenderText(decision, text);
  if (decision.accepted) return kExitAccept;
  return decision.error.empty() ? kExitReject : kExitError;
}

}  // namespace pushguard::cli
