#include "policy/evaluate.h"

#include <algorithm>
#include <chrono>

#include "base/parallel.h"
#include "git/commit_info.h"
#include "git/history.h"
#include "git/push_history.h"
#include "policy/bypass.h"
#include "policy/content_scan.h"
#include "policy/markers.h"
#include "policy/text_scan.h"

namespace pushguard::policy {
namespace {

uint64_t MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - start)
          .count());
}

// What one ref update brings: the commits the ref gains (an update: new
// ^old; a create: what no ref reached before the push), or the tree/blob a
// tag names.
Result<RefContent> ContentOf(const git::Repository& repo,
                             git::PushHistory& history,
                             const refs::RefUpdate& update) {
  RefContent content;
  content.ref = update.ref;
  if (update.change == refs::RefChange::kDelete) return content;
  content.new_name = update.change == refs::RefChange::kCreate;
  Result<git::Target> target = git::Peel(repo, update.new_oid);
  if (!target.ok()) return target.status().Prefixed(update.ref);
  Result<std::vector<std::string>> tags = git::TagChain(repo, update.new_oid);
  if (!tags.ok()) return tags.status().Prefixed(update.ref);
  content.tags = std::move(*tags);
  switch (target->type) {
    case git::ObjectType::kCommit: {
      content.tip = target->oid;
      if (update.change == refs::RefChange::kUpdate) {
        Result<git::Gained> gained = git::CommitsGained(repo, update);
        if (!gained.ok()) return gained.status().Prefixed(update.ref);
        content.commits = std::move(gained->commits);
        content.fast_forward = gained->fast_forward;
        break;
      }
      Result<std::vector<std::string>> commits =
          history.NewCommits({target->oid});
      if (!commits.ok()) return commits.status().Prefixed(update.ref);
      content.commits = std::move(*commits);
      break;
    }
    case git::ObjectType::kTree:
      content.tree = target->oid;
      content.tag = update.new_oid;
      break;
    case git::ObjectType::kBlob:
      content.blob = target->oid;
      content.tag = update.new_oid;
      break;
    default:
      return Status::Corruption(update.ref + ": " + update.new_oid +
                                " is not a commit, tag, tree or blob");
  }
  return content;
}

// What the whole push brings to the repository: the commits no ref reached
// before the push (one walk for every tip), and whether each tagged tree or
// blob is already a ref's target.
Result<PushNovelty> NoveltyOf(git::PushHistory& history,
                              const std::vector<RefContent>& refs) {
  PushNovelty novelty;
  std::vector<std::string> tips;
  for (const RefContent& ref : refs) {
    if (!ref.tip.empty()) tips.push_back(ref.tip);
    if (!ref.tags.empty()) {
      Result<bool> named = history.IsRefValue(ref.tags.front());
      if (!named.ok()) return named.status();
      if (!*named) novelty.tags.insert(ref.tags.begin(), ref.tags.end());
    }
    for (const std::string* object : {&ref.tree, &ref.blob}) {
      if (object->empty()) continue;
      Result<bool> known = history.IsRefTarget(*object);
      if (!known.ok()) return known.status();
      if (!*known) novelty.objects.insert(*object);
    }
  }
  Result<std::vector<std::string>> commits = history.NewCommits(tips);
  if (!commits.ok()) return commits.status();
  novelty.commits.insert(commits->begin(), commits->end());
  return novelty;
}

// DefaultWorkers() unless the policy says otherwise.
size_t ThreadCount(const rules::Limits& limits) {
  if (limits.threads > 0) return static_cast<size_t>(limits.threads);
  return DefaultWorkers();
}

// The push policies' part of a push decision (nullptr: none).
struct PolicyStep {
  const PushPolicies* policies = nullptr;
  const PushContext* context = nullptr;
  const std::vector<refs::RefUpdate>* updates = nullptr;
  git::PushHistory* history = nullptr;
};

Decision Scan(const git::Repository& repo, const std::vector<RefContent>& refs,
              const match::RuleSet& rules, const rules::Settings& settings,
              const PushNovelty* novelty,
              std::chrono::steady_clock::time_point start,
              const PolicyStep& step = {}, bool tolerate_missing = false) {
  const rules::Limits& limits = settings.limits;
  ScanOptions options;
  options.novelty = novelty;
  if (step.history != nullptr) {
    options.in_history = [history = step.history](const std::string& blob,
                                                  const std::string& path) {
      return history->HoldsBlob(blob, path);
    };
  }
  options.threads = ThreadCount(limits);
  options.tolerate_missing_blobs = tolerate_missing;
  options.keep_changes = step.policies != nullptr &&
                         step.policies->Has(rules::PolicySubject::kFile);
  if (limits.time_budget_seconds > 0) {
    options.deadline =
        start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                    std::chrono::duration<double>(limits.time_budget_seconds));
  }
  Decision decision;
  ContentScanner scanner(repo, rules, options);
  Status s = scanner.Scan(refs, &decision.findings, &decision.stats);
  decision.missing_objects = scanner.missing_blobs();
  ApplyInlineMarkers(settings.marker_bypass, step.context, &decision);
  if (s.ok() && step.policies != nullptr) {
    PolicyChecker checker(repo, *step.policies, *step.context);
    s = checker.Check(
        {step.updates, &refs, &scanner.changes(), step.history, novelty},
        &decision.findings);
    if (s.ok()) ApplyBypass(*step.policies, *step.context, &decision);
  }
  if (!s.ok()) {
    decision.error = s.message();
    decision.timed_out = s.code() == Status::Code::kTimeout;
  }
  decision.stats.elapsed_ms = MillisecondsSince(start);
  ApplyVerdict(settings, &decision);
  RedactNames(rules, &decision);
  return decision;
}

Decision Failed(const Status& status, const match::RuleSet& rules,
                const rules::Settings& settings,
                std::chrono::steady_clock::time_point start) {
  Decision decision;
  decision.error = status.message();
  decision.stats.elapsed_ms = MillisecondsSince(start);
  ApplyVerdict(settings, &decision);
  RedactNames(rules, &decision);
  return decision;
}

}  // namespace

Decision EvaluatePush(const git::Repository& repo,
                      const std::vector<refs::RefUpdate>& updates,
                      const match::RuleSet& rules, const PushPolicies& policies,
                      const rules::Settings& settings,
                      const PushContext& context) {
  auto start = std::chrono::steady_clock::now();
  git::PushHistory history(repo, updates);
  std::vector<RefContent> refs;
  for (const refs::RefUpdate& update : updates) {
    Result<RefContent> content = ContentOf(repo, history, update);
    if (!content.ok()) return Failed(content.status(), rules, settings, start);
    refs.push_back(std::move(*content));
  }
  Result<PushNovelty> novelty = NoveltyOf(history, refs);
  if (!novelty.ok()) return Failed(novelty.status(), rules, settings, start);
  Decision decision = Scan(repo, refs, rules, settings, &*novelty, start,
                           {&policies, &context, &updates, &history});
  for (const RefContent& ref : refs) {
    decision.forced.push_back(ref.fast_forward == false);
  }
  return decision;
}

Decision EvaluateRevisions(const git::Repository& repo,
                           const std::vector<std::string>& revs,
                           const match::RuleSet& rules,
                           const rules::Settings& settings,
                           bool tolerate_missing_blobs) {
  auto start = std::chrono::steady_clock::now();
  Result<std::vector<std::string>> commits = git::ListCommits(repo, revs);
  if (!commits.ok()) return Failed(commits.status(), rules, settings, start);
  RefContent all;
  all.commits = std::move(*commits);
  return Scan(repo, {all}, rules, settings, /*novelty=*/nullptr, start, {},
              tolerate_missing_blobs);
}

void ApplyVerdict(const rules::Settings& settings, Decision* decision) {
  bool blocked = std::any_of(
      decision->findings.begin(), decision->findings.end(),
      [](const Finding& f) { return f.severity == Severity::kBlock; });
  rules::OnError on_error =
      decision->timed_out ? settings.limits.on_timeout : settings.on_error;
  bool failed = !decision->error.empty() && on_error == rules::OnError::kReject;
  decision->accepted = !blocked && !failed;
}

void ApplyScanVerdict(Decision* decision) {
  if (!decision->error.empty()) decision->accepted = false;
}

}  // namespace pushguard::policy
