#include "cli/policy_repository.h"

#include <sys/stat.h>

#include <map>

#include "git/policy_tree.h"
#include "match/matcher.h"
#include "policy/push_policies.h"
#include "policy/text_scan.h"

namespace pushguard::cli {
namespace {

constexpr char kRule[] = "policy-repository";
constexpr char kDescription[] =
    "the policy this push would publish is not valid";
constexpr char kRemediation[] =
    "Fix the policy files named above and push again. `pushguard rules "
    "check *.yaml` in a clone runs the same checks, except those against "
    "this server's /etc/pushguard/. The servers keep the policy they have "
    "until a valid one is pushed.";

// The files of each policy tree read in this process, by tree id.
std::map<std::string, std::vector<git::PolicyFile>>& FilesByTree() {
  static std::map<std::string, std::vector<git::PolicyFile>> files;
  return files;
}

// The problems of each pushed policy tree checked in this process.
std::map<std::string, std::vector<rules::Diagnostic>>& ProblemsByTree() {
  static std::map<std::string, std::vector<rules::Diagnostic>> problems;
  return problems;
}

// The policy at `config`'s ref, read through the memo.
Result<git::PolicyTree> ReadConfigured(const rules::PolicyRepository& config) {
  Result<std::unique_ptr<git::Repository>> repo =
      git::Repository::Open(config.path);
  if (!repo.ok()) return repo.status();
  Result<std::string> commit = git::ResolveCommit(**repo, config.ref);
  if (!commit.ok()) return commit.status();
  Result<std::string> tree = git::TreeOfCommit(**repo, *commit);
  if (!tree.ok()) return tree.status();
  auto cached = FilesByTree().find(*tree);
  if (cached != FilesByTree().end()) {
    return git::PolicyTree{*commit, *tree, cached->second};
  }
  Result<git::PolicyTree> read = git::ReadPolicyCommit(**repo, *commit);
  if (read.ok()) FilesByTree()[read->tree] = read->files;
  return read;
}

// Every problem `rules check` would report for `layers`.
std::vector<rules::Diagnostic> CheckLayers(
    const std::vector<rules::PolicySource>& layers) {
  std::vector<rules::Diagnostic> problems;
  rules::Policy policy = rules::LoadPolicy(layers, &problems);
  auto compiled = match::RuleSet::Compile(policy, &problems);
  compiled->CheckExamples(&problems);
  policy::PushPolicies::Compile(policy, &problems);
  problems.insert(problems.end(), policy.ignored.begin(), policy.ignored.end());
  return problems;
}

Finding Problem(const refs::RefUpdate& update, const std::string& path,
                uint64_t line, const std::string& message) {
  Finding f;
  f.kind = "policy";
  f.rule = kRule;
  f.description = kDescription;
  f.severity = Severity::kBlock;
  f.ref = update.ref;
  f.commit = refs::IsZeroOid(update.new_oid) ? "" : update.new_oid;
  f.path = path;
  f.line = line;
  f.message = message;
  f.remediation = kRemediation;
  return f;
}

// The problems of the policy that `update` would publish.
std::vector<Finding> CheckUpdate(const git::Repository& repo,
                                 const refs::RefUpdate& update,
                                 const PolicyRepositoryState& state,
                                 const std::vector<rules::PolicySource>& base) {
  if (update.change == refs::RefChange::kDelete) {
    return {Problem(update, "", 0,
                    "deleting " + update.ref +
                        " would leave every server without its policy "
                        "(pushguard then refuses every push)")};
  }
  Result<git::PolicyTree> tree = git::ReadPolicyCommit(repo, update.new_oid);
  if (!tree.ok()) {
    return {
        Problem(update, "", 0,
                "cannot read the pushed policy: " + tree.status().message())};
  }
  auto cached = ProblemsByTree().find(tree->tree);
  if (cached == ProblemsByTree().end()) {
    std::vector<rules::PolicySource> layers = base;
    for (const git::PolicyFile& file : tree->files) {
      layers.push_back({PolicyLayerName(state.config, file.name), file.text});
    }
    cached = ProblemsByTree().emplace(tree->tree, CheckLayers(layers)).first;
  }
  std::vector<Finding> out;
  const std::string prefix = PolicyLayerName(state.config, "");
  for (const rules::Diagnostic& d : cached->second) {
    std::string file =
        d.file.starts_with(prefix) ? d.file.substr(prefix.size()) : d.file;
    out.push_back(
        Problem(update, file, static_cast<uint64_t>(d.line), d.ToString()));
  }
  return out;
}

}  // namespace

std::string PolicyLayerName(const rules::PolicyRepository& repo,
                            const std::string& file) {
  return repo.path + ":" + repo.ref + ":" + file;
}

bool SameRepository(const std::string& git_dir, const std::string& path) {
  struct stat a, b;
  if (stat(git_dir.c_str(), &a) != 0 || stat(path.c_str(), &b) != 0) {
    return false;
  }
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

Status AppendPolicyRepositoryLayers(const std::string& git_dir,
                                    std::vector<rules::PolicySource>* layers,
                                    PolicyRepositoryState* state) {
  std::vector<rules::Diagnostic> reported_later;  // by LoadPolicy
  state->config = rules::FindPolicyRepository(*layers, &reported_later);
  state->begin = state->end = layers->size();
  if (state->config.path.empty()) return Status::Ok();
  state->is_policy_repository =
      !git_dir.empty() && SameRepository(git_dir, state->config.path);
  Result<git::PolicyTree> tree = ReadConfigured(state->config);
  if (!tree.ok()) {
    Status why = tree.status().Prefixed(
        "cannot read the policy repository (policy_repository, " +
        state->config.origin.file + ":" +
        std::to_string(state->config.origin.line) + ")");
    if (!state->is_policy_repository) return why;
    state->warnings.push_back(why.message() +
                              "; in the policy repository itself this push "
                              "is judged without it");
    return Status::Ok();
  }
  state->commit = tree->commit;
  state->tree = tree->tree;
  for (const git::PolicyFile& file : tree->files) {
    layers->push_back({PolicyLayerName(state->config, file.name), file.text});
  }
  state->end = layers->size();
  return Status::Ok();
}

void CheckPolicyPush(const git::Repository& repo,
                     const std::vector<refs::RefUpdate>& updates,
                     const PolicyRepositoryState& state,
                     const std::vector<rules::PolicySource>& base,
                     const match::RuleSet& rules, Decision* decision) {
  if (!state.is_policy_repository) return;
  match::Scanner scanner(rules);
  for (const refs::RefUpdate& update : updates) {
    if (update.ref != state.config.ref) continue;
    for (Finding& f : CheckUpdate(repo, update, state, base)) {
      f.path = policy::RedactSecrets(scanner, f.path);
      f.message = policy::RedactSecrets(scanner, f.message);
      decision->findings.push_back(std::move(f));
    }
  }
}

}  // namespace pushguard::cli
