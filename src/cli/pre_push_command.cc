// `pushguard pre-push [--config FILE] [REMOTE [URL]]`: the developer's
// pre-push hook. git feeds one "<local ref> <local oid> <remote ref>
// <remote oid>" line per ref on stdin; the commits about to be pushed (those
// the remote does not have yet) are checked with the server's rules. Under
// the pre-commit framework, which gives no stdin, PRE_COMMIT_FROM_REF /
// PRE_COMMIT_TO_REF / PRE_COMMIT_REMOTE_NAME say the same. Exits 0 (push),
// 1 (a secret blocks the push) or 2 (the check failed).
#include <cstdlib>
#include <set>
#include <sstream>

#include "cli/client_hooks.h"
#include "cli/command_table.h"
#include "cli/commands.h"
#include "cli/configuration.h"
#include "cli/options.h"
#include "git/worktree.h"
#include "policy/evaluate.h"

namespace pushguard::cli {
namespace {

constexpr char kCommand[] = "pre-push";

struct PushLine {
  std::string local_oid;   // "" or zeros: the remote ref is being deleted
  std::string remote_oid;  // "" or zeros: the remote ref does not exist yet
};

bool IsZero(const std::string& oid) {
  return oid.find_first_not_of('0') == std::string::npos;
}

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

Result<std::vector<PushLine>> ParseLines(const std::string& input) {
  std::vector<PushLine> lines;
  std::istringstream in(input);
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.empty()) continue;
    std::istringstream fields(text);
    std::string local_ref, local_oid, remote_ref, remote_oid, extra;
    if (!(fields >> local_ref >> local_oid >> remote_ref >> remote_oid) ||
        (fields >> extra)) {
      return Status::InvalidArgument(
          "stdin:" + std::to_string(number) +
          ": expected '<local ref> <local oid> <remote ref> <remote oid>'");
    }
    lines.push_back({local_oid, remote_oid});
  }
  if (lines.empty() && !Env("PRE_COMMIT_TO_REF").empty()) {
    lines.push_back({Env("PRE_COMMIT_TO_REF"), Env("PRE_COMMIT_FROM_REF")});
  }
  return lines;
}

// `git rev-list` arguments for the commits the remote does not have: every
// local tip, minus what the remote has (its old tips where this clone knows
// them, else everything its remote-tracking refs have).
Result<std::vector<std::string>> PushedRevisions(
    const git::Repository& repo, const std::vector<PushLine>& lines,
    const std::string& remote) {
  std::vector<std::string> tips;
  std::set<std::string> exclude;
  bool need_tracking = false;
  for (const PushLine& line : lines) {
    if (line.local_oid.empty() || IsZero(line.local_oid)) continue;
    tips.push_back(line.local_oid);
    if (line.remote_oid.empty() || IsZero(line.remote_oid) ||
        !repo.TypeOf(line.remote_oid).ok()) {
      need_tracking = true;
    } else {
      exclude.insert(line.remote_oid);
    }
  }
  if (tips.empty()) return tips;
  if (need_tracking) {
    Result<std::vector<std::string>> tracking =
        git::RemoteTrackingCommits(repo, remote);
    if (!tracking.ok()) return tracking.status();
    exclude.insert(tracking->begin(), tracking->end());
  }
  for (const std::string& oid : exclude) tips.push_back("^" + oid);
  return tips;
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
  Result<std::string> input = ReadAllStdin();
  if (!input.ok()) return ClientError(kCommand, input.status());
  Result<std::vector<PushLine>> lines = ParseLines(*input);
  if (!lines.ok()) return ClientError(kCommand, lines.status());
  Result<std::unique_ptr<match::RuleSet>> rules =
      LoadConfiguredPolicy(options->All("config"));
  if (!rules.ok()) {
    return ClientError(kCommand,
                       rules.status().Prefixed("invalid configuration"));
  }
  Result<std::unique_ptr<git::Repository>> repo = OpenClientRepository();
  if (!repo.ok()) return ClientError(kCommand, repo.status());
  Result<std::vector<std::string>> revs =
      PushedRevisions(**repo, *lines, remote);
  if (!revs.ok()) return ClientError(kCommand, revs.status());
  if (revs->empty()) return kExitAccept;  // only deletions
  Decision decision = policy::EvaluateRevisions(**repo, *revs, **rules);
  return ConcludeClientCheck(
      decision, report::Stage::kPrePush,
      static_cast<size_t>((*rules)->policy().settings.max_findings_shown));
}

}  // namespace pushguard::cli
