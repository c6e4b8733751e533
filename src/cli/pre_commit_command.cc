// `pushguard pre-commit [--config FILE]`: the developer's pre-commit hook.
// Checks the staged changes (the index against HEAD) with the server's
// rules, so a secret is caught before it is committed. Exits 0 (commit),
// 1 (a secret blocks the commit) or 2 (the check failed).
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>

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

// A private directory under $TMPDIR for the staged tree and commit, removed
// with everything in it.
class ScratchObjects {
 public:
  static Result<std::unique_ptr<ScratchObjects>> Create() {
    std::error_code ec;
    std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
    if (ec) tmp = "/tmp";
    std::string tmpl = (tmp / "pushguard-staged-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      return Status::Io(tmpl + ": cannot create a scratch directory");
    }
    return std::unique_ptr<ScratchObjects>(new ScratchObjects(tmpl));
  }
  ~ScratchObjects() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit ScratchObjects(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// Reopens `repo` with its primary object directory in `scratch`, so the
// staged tree and commit are written there and never into the repository.
Result<std::unique_ptr<git::Repository>> OpenWithScratch(
    const git::Repository& repo, const ScratchObjects& scratch) {
  const std::string objects = git::ObjectsDirectory(repo);
  if (::setenv("GIT_DIR", repo.path().c_str(), 1) != 0 ||
      ::setenv("GIT_OBJECT_DIRECTORY", scratch.path().c_str(), 1) != 0 ||
      ::setenv("GIT_ALTERNATE_OBJECT_DIRECTORIES", objects.c_str(), 1) != 0) {
    return Status::Io("cannot set the environment for the staged snapshot");
  }
  return OpenClientRepository();
}

}  // namespace

int PreCommitCommand(const Args& args) {
  // The pre-commit framework may pass file names: the whole index is checked
  // whatever they are, as `git commit` will commit all of it.
  Result<ParsedOptions> options = ParseOptions(args, OptionsOf("pre-commit"));
  if (!options.ok()) return ClientError(kCommand, options.status());
  Result<std::unique_ptr<match::RuleSet>> rules =
      LoadConfiguredPolicy(options->All("config"));
  if (!rules.ok()) {
    return ClientError(kCommand,
                       rules.status().Prefixed("invalid configuration"));
  }
  Result<std::unique_ptr<git::Repository>> repo = OpenClientRepository();
  if (!repo.ok()) return ClientError(kCommand, repo.status());
  Result<std::unique_ptr<ScratchObjects>> scratch = ScratchObjects::Create();
  if (!scratch.ok()) return ClientError(kCommand, scratch.status());
  Result<std::unique_ptr<git::Repository>> snapshot_repo =
      OpenWithScratch(**repo, **scratch);
  if (!snapshot_repo.ok()) return ClientError(kCommand, snapshot_repo.status());
  Result<git::StagedCommit> staged = git::CommitIndex(**snapshot_repo);
  if (!staged.ok()) return ClientError(kCommand, staged.status());

  std::vector<std::string> revs = {staged->commit};
  if (!staged->head.empty()) revs.push_back("^" + staged->head);
  Decision decision = policy::EvaluateRevisions(**snapshot_repo, revs, **rules);
  for (Finding& f : decision.findings) {  // not committed yet: no commit
    f.commit.clear();
    f.ref.clear();
  }
  return ConcludeClientCheck(
      decision, report::Stage::kPreCommit,
      static_cast<size_t>((*rules)->policy().settings.max_findings_shown));
}

}  // namespace pushguard::cli
