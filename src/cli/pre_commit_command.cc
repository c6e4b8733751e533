// `pushguard pre-commit [--config FILE]`: the developer's pre-commit hook.
// Checks the staged changes (the index against HEAD) with the server's
// rules, so a secret is caught before it is committed. Exits 0 (commit),
// 1 (a secret blocks the commit) or 2 (the check failed).
#include "cli/client_hooks.h"
#include "cli/command_table.h"
#include "cli/commands.h"
#include "cli/configuration.h"
#include "cli/options.h"
#include "git/worktree.h"
#include "policy/evaluate.h"

namespace pushguard::cli {
namespace {

constexpr char kCommand[] = "pre-commit";

}  // namespace

int PreCommitCommand(const Args& args) {
  // The pre-commit framework may pass file names: the whole index is checked
  // whatever they are, as `git commit` will commit all of it.
  Result<ParsedOptions> options = ParseOptions(args, OptionsOf("pre-commit"));
  if (!options.ok()) return ClientError(kCommand, options.status());
  Result<CompiledConfig> config = LoadConfiguredPolicy(options->All("config"));
  if (!config.ok()) {
    return ClientError(kCommand,
                       config.status().Prefixed("invalid configuration"));
  }
  Result<std::unique_ptr<git::Repository>> repo = OpenClientRepository();
  if (!repo.ok()) return ClientError(kCommand, repo.status());
  Result<git::StagedCommit> staged = git::CommitIndex(**repo);
  if (!staged.ok()) return ClientError(kCommand, staged.status());

  std::vector<std::string> revs = {staged->commit};
  if (!staged->head.empty()) revs.push_back("^" + staged->head);
  Decision decision =
      policy::EvaluateRevisions(**repo, revs, *config->rules, config->settings);
  for (Finding& f : decision.findings) {  // not committed yet: no commit
    f.commit.clear();
    f.ref.clear();
  }
  return ConcludeClientCheck(
      decision, report::Stage::kPreCommit,
      static_cast<size_t>(config->settings.max_findings_shown));
}

}  // namespace pushguard::cli
