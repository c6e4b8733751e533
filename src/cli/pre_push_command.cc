// `pushguard pre-push [--config FILE] [REMOTE [URL]]`: the developer's
// pre-push hook. git feeds one "<local ref> <local oid> <remote ref>
// <remote oid>" line per ref on stdin; the commits about to be pushed (those
// the remote does not have yet) are checked with the server's rules. Under
// the pre-commit framework, which gives no stdin, PRE_COMMIT_FROM_REF /
// PRE_COMMIT_TO_REF / PRE_COMMIT_REMOTE_NAME say the same. Exits 0 (push),
// 1 (a secret blocks the push) or 2 (the check failed).
#include <cstdlib>

#include "cli/client_hooks.h"
#include "cli/command_table.h"
#include "cli/commands.h"
#include "cli/configuration.h"
#include "cli/options.h"
#include "cli/push_context.h"
#include "git/worktree.h"
#include "policy/evaluate.h"
#include "refs/push_lines.h"

namespace pushguard::cli {
namespace {

constexpr char kCommand[] = "pre-push";

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// The lines on stdin; under the pre-commit framework, which gives none, the
// one its PRE_COMMIT_TO_REF / PRE_COMMIT_FROM_REF describe.
Result<std::vector<refs::PushLine>> PushLines(const std::string& input) {
  Result<std::vector<refs::PushLine>> lines = refs::ParsePushLines(input);
  if (lines.ok() && lines->empty() && !Env("PRE_COMMIT_TO_REF").empty()) {
    lines->push_back({Env("PRE_COMMIT_TO_REF"), Env("PRE_COMMIT_FROM_REF")});
  }
  return lines;
}

}  // namespace

int PrePushCommand(const Args& args) {
  Result<ParsedOptions> options = ParseOptions(args, OptionsOf("pre-push"));
  if (!options.ok()) return ClientError(kCommand, options.status());
  if (options->positional.size() > 2) {
    return ClientError(
        kCommand, Status::InvalidArgument("usage: pushguard pre-push [--config "
                                          "FILE] [REMOTE [URL]]"));
  }
  std::string remote = options->positional.empty()
                           ? Env("PRE_COMMIT_REMOTE_NAME")
                           : options->positional[0];
  Result<std::string> input = ReadStdin();
  if (!input.ok()) return ClientError(kCommand, input.status());
  Result<std::vector<refs::PushLine>> lines = PushLines(*input);
  if (!lines.ok()) return ClientError(kCommand, lines.status());
  Result<CompiledConfig> config = LoadConfiguredPolicy(options->All("config"));
  if (!config.ok()) {
    return ClientError(kCommand,
                       config.status().Prefixed("invalid configuration"));
  }
  Result<std::unique_ptr<git::Repository>> repo = OpenClientRepository();
  if (!repo.ok()) return ClientError(kCommand, repo.status());
  Result<std::vector<std::string>> revs =
      git::PushedRevisions(**repo, *lines, remote);
  if (!revs.ok()) return ClientError(kCommand, revs.status());
  if (revs->empty()) return kExitAccept;  // only deletions
  Decision decision = policy::EvaluateRevisions(**repo, *revs, *config->rules,
                                                config->settings);
  return ConcludeClientCheck(
      decision, report::Stage::kPrePush,
      static_cast<size_t>(config->settings.max_findings_shown));
}

}  // namespace pushguard::cli
