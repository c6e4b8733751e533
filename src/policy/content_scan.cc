#include "policy/content_scan.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "base/parallel.h"
#include "git/changes.h"
#include "git/history.h"
#include "git/tree_walk.h"
#include "match/secret_text.h"
#include "policy/malformed_tree.h"
#include "policy/match_text.h"
#include "policy/parent_texts.h"
#include "policy/text_scan.h"

namespace pushguard::policy {
namespace {

using Clock = std::chrono::steady_clock;

// One place where a blob enters history.
struct Introduction {
  size_t ref_index;
  std::string commit;  // or the tag, for a tagged tree or blob
  bool root;           // no parent: every line is added
  std::string path;
  std::vector<std::string> parent_blobs;
  std::string source_path;  // the first parent's path, for a rename or copy
};

// Blobs in first-seen (history) order, with every introduction of each.
struct Introductions {
  std::vector<std::string> order;
  std::unordered_map<std::string, std::vector<Introduction>> by_blob;

  void Add(const std::string& blob, Introduction intro) {
    auto [it, added] = by_blob.try_emplace(blob);
    if (added) order.push_back(blob);
    it->second.push_back(std::move(intro));
  }
};

// Per-thread state: libgit2 handles and matchers must not be shared.
struct Worker {
  const git::Repository* repo = nullptr;
  std::unique_ptr<git::Repository> owned;
  std::unique_ptr<match::Scanner> scanner;
  std::unique_ptr<git::TreeWalker> walker;  // its trees, cached
};

struct BlobResult {
  std::vector<Finding> findings;
  Status status;
  uint64_t bytes = 0;
  bool scanned = false;
  // With tolerate_missing_blobs: this blob or a parent version of it that
  // the store lacks.
  std::vector<std::string> missing;
};

bool IsMissing(const Status& s) { return s.code() == Status::Code::kNotFound; }

Result<std::vector<Worker>> MakeWorkers(const git::Repository& repo,
                                        const match::RuleSet& rules,
                                        size_t count) {
  std::vector<Worker> workers(std::max<size_t>(1, count));
  for (size_t w = 0; w < workers.size(); ++w) {
    if (w == 0) {
      workers[w].repo = &repo;
    } else {
      Result<std::unique_ptr<git::Repository>> r = repo.Reopen();
      if (!r.ok()) return r.status();
      workers[w].owned = std::move(*r);
      workers[w].repo = workers[w].owned.get();
    }
    workers[w].scanner = std::make_unique<match::Scanner>(rules);
    workers[w].walker = std::make_unique<git::TreeWalker>(*workers[w].repo);
  }
  return workers;
}

// Whether the match's secret is new with `intro`: no parent's version of
// the file (the blob at its path, or at its rename source) holds the same
// finding (same rule, same secret). A parent's version is history or is
// scanned where the push introduces it, so a secret it holds is not leaked
// here; a line moved or re-indented is no new leak either. Decided per
// finding: no line diff. A rename source where the rule is allowlisted
// vouches for nothing: the secret was never judged there. A parent version
// missing from the store (`missing` non-null: tolerated) is listed in
// *missing and vouches for nothing either.
Result<bool> AddedBy(const match::RuleSet& rules, ParentTexts& parents,
                     const Introduction& intro, const match::SecretMatch& m,
                     std::vector<std::string>* missing) {
  for (size_t i = 0; i < intro.parent_blobs.size(); ++i) {
    const std::string& parent_blob = intro.parent_blobs[i];
    if (parent_blob.empty()) continue;
    if (i == 0 && !intro.source_path.empty() &&
        rules.PathAllowed(m.rule, intro.source_path)) {
      continue;
    }
    Result<bool> holds = parents.Holds(parent_blob, m);
    if (!holds.ok() && missing != nullptr && IsMissing(holds.status())) {
      missing->push_back(parent_blob);
      continue;
    }
    if (!holds.ok()) return holds.status();
    if (*holds) return false;
  }
  return true;
}

Finding MakeFinding(const rules::SecretRule& rule, const Introduction& intro,
                    const std::string& ref, const match::SecretMatch& m) {
  return SecretFinding(rule, m, {ref, intro.commit, intro.path, intro.root});
}

// Reads and scans one blob (its texts: see policy/match_text.h); a match
// becomes a finding at the first introduction that adds its secret and
// whose path is not allowlisted. With `tolerate_missing`, a blob (or parent
// version) the store lacks goes to result->missing instead of failing.
void ScanBlob(Worker& worker, const match::RuleSet& rules,
              const std::vector<RefContent>& refs, const std::string& blob,
              const std::vector<Introduction>& intros, bool tolerate_missing,
              ScannedBlobs* scanned, BlobResult* result) {
  Result<git::BlobContent> content = git::ReadBlob(*worker.repo, blob);
  if (!content.ok()) {
    if (tolerate_missing && IsMissing(content.status())) {
      result->missing.push_back(blob);
    } else {
      result->status = content.status();
    }
    return;
  }
  result->scanned = true;
  result->bytes = content->data().size();
  std::vector<MatchText> texts = BlobTexts(content->data());
  std::vector<std::vector<match::SecretMatch>> matches;
  Status s = ScanTexts(*worker.scanner, rules, texts, &matches);
  if (!s.ok()) {
    result->status = s.Prefixed("blob " + blob + " at " + intros.front().path);
  } else {
    scanned->Add(blob, matches);
  }
  ParentTexts parents(*worker.repo, *worker.scanner, rules, scanned);
  for (size_t t = 0; t < texts.size(); ++t) {
    for (const match::SecretMatch& m : matches[t]) {
      for (const Introduction& intro : intros) {
        if (rules.PathAllowed(m.rule, intro.path)) continue;
        Result<bool> added =
            AddedBy(rules, parents, intro, m,
                    tolerate_missing ? &result->missing : nullptr);
        if (!added.ok()) {
          result->status = added.status();
          return;
        }
        if (!*added) continue;
        // Vendored trees: a generic rule's finding is a warning there.
        const rules::SecretRule& rule =
            rules.rule(rules.ForPath(m.rule, intro.path));
        result->findings.push_back(
            MakeFinding(rule, intro, refs[intro.ref_index].ref, m));
        break;
      }
    }
  }
}

// A commit message is history too: a secret pasted into it is as leaked as
// one in a file. Every line of a new commit's message is new. Its texts (see
// policy/match_text.h): decoded from its `encoding` header, and as stored.
void ScanMessage(Worker& worker, const match::RuleSet& rules,
                 const std::string& ref, const std::string& commit,
                 std::vector<Finding>* out, Status* status) {
  Result<git::StoredMessage> message = git::CommitMessage(*worker.repo, commit);
  if (!message.ok()) {
    *status = message.status();
    return;
  }
  std::vector<MatchText> texts = MessageTexts(*message);
  std::vector<std::vector<match::SecretMatch>> matches;
  Status s = ScanTexts(*worker.scanner, rules, texts, &matches);
  if (!s.ok()) *status = s.Prefixed("message of commit " + commit);
  const Introduction intro{0, commit, false, "(commit message)", {}, ""};
  for (const std::vector<match::SecretMatch>& in_text : matches) {
    for (const match::SecretMatch& m : in_text) {
      if (rules.PathAllowed(m.rule, intro.path)) continue;
      out->push_back(MakeFinding(rules.rule(m.rule), intro, ref, m));
    }
  }
}

// A commit's other text is history too (its identities and headers: see
// policy/text_scan.h), and so is a tree git fsck refuses (`trees`: what the
// commit's trees bring).
void ScanCommit(Worker& worker, const match::RuleSet& rules,
                const std::string& ref, const std::string& commit,
                const git::CommitTrees& trees, std::vector<Finding>* out,
                Status* status) {
  ScanMessage(worker, rules, ref, commit, out, status);
  Status text =
      ScanCommitText(*worker.scanner, rules, *worker.repo, ref, commit, out);
  if (status->ok()) *status = text;
  for (const git::MalformedTree& tree : trees.malformed) {
    out->push_back(MalformedTreeFinding(tree, ref, commit));
  }
  // Submodule entries and empty directories carry no blob: their names
  // are new text all the same.
  for (const std::string& name : trees.bare_names) {
    Status s = ScanText(*worker.scanner, rules, name,
                        {ref, commit, kPathPrefix + name, false, name}, out);
    if (status->ok() && !s.ok()) *status = s;
  }
}

// The text each ref brings besides its commits: its name when the push
// creates it, and the annotated tags it names (each once) that are new
// (`novelty`; nullptr: all). A tag object is new even when the store already
// holds it, unless a ref named it before the push.
Status ScanRefText(match::Scanner& scanner, const match::RuleSet& rules,
                   const git::Repository& repo,
                   const std::vector<RefContent>& refs,
                   const PushNovelty* novelty, std::vector<Finding>* out) {
  Status first;
  std::unordered_set<std::string> tags;
  for (const RefContent& ref : refs) {
    if (ref.new_name) {
      Status s =
          ScanText(scanner, rules, ref.ref, {ref.ref, "", kRefName}, out);
      if (!s.ok() && first.ok()) first = s.Prefixed("ref name");
    }
    for (const std::string& tag : ref.tags) {
      if (novelty != nullptr && !novelty->tags.count(tag)) continue;
      if (!tags.insert(tag).second) continue;
      Status s = ScanTagText(scanner, rules, repo, ref.ref, tag, out);
      if (!s.ok() && first.ok()) first = s;
    }
  }
  return first;
}

Status TimeoutStatus(size_t done, size_t total, const char* what) {
  return Status::Timeout("the time budget ran out after " +
                         std::to_string(done) + " of " + std::to_string(total) +
                         " " + what);
}

}  // namespace

ContentScanner::ContentScanner(const git::Repository& repo,
                               const match::RuleSet& rules,
                               const ScanOptions& options)
    : repo_(repo), rules_(rules), options_(options) {}

Status ContentScanner::Scan(const std::vector<RefContent>& refs,
                            std::vector<Finding>* out, ScanStats* stats) {
  // Novelty is decided once per push (git/push_history.h): a blob that a
  // new commit or a new tag brings is scanned even when the object store
  // already holds it, since only a ref could vouch for it.
  const PushNovelty* novelty = options_.novelty;
  auto is_new_commit = [&](const std::string& oid) {
    return novelty == nullptr || novelty->commits.count(oid) > 0;
  };
  auto is_new_object = [&](const std::string& oid) {
    return novelty == nullptr || novelty->objects.count(oid) > 0;
  };
  auto expired = [&] { return Clock::now() >= options_.deadline; };

  // Every commit once, in history order, remembering the first ref.
  std::vector<std::pair<size_t, std::string>> commits;
  std::unordered_set<std::string> seen;
  for (size_t r = 0; r < refs.size(); ++r) {
    for (const std::string& commit : refs[r].commits) {
      if (!seen.insert(commit).second) continue;
      ++stats->commits;
      if (is_new_commit(commit)) commits.emplace_back(r, commit);
    }
  }
  Result<std::vector<Worker>> workers =
      MakeWorkers(repo_, rules_, options_.threads);
  if (!workers.ok()) return workers.status();
  Status text_status =
      ScanRefText(*(*workers)[0].scanner, rules_, repo_, refs, novelty, out);

  std::vector<std::vector<git::BlobChange>> changes(commits.size());
  std::vector<std::vector<Finding>> message_findings(commits.size());
  std::vector<Status> diff_status(commits.size());
  // Runs of consecutive commits go to one worker: a commit's parent is
  // mostly the one before it, whose trees that worker's walker then holds.
  // At least four runs per worker, so that the work stays shared.
  const size_t run_size =
      std::clamp<size_t>(commits.size() / (workers->size() * 4), 1, 16);
  const size_t runs = (commits.size() + run_size - 1) / run_size;
  ParallelFor(runs, workers->size(), [&](size_t w, size_t run) {
    Worker& worker = (*workers)[w];
    const size_t end = std::min(commits.size(), (run + 1) * run_size);
    for (size_t i = run * run_size; i < end; ++i) {
      if (expired()) {
        diff_status[i] = TimeoutStatus(i, commits.size(), "commits");
        continue;
      }
      const auto& [ref_index, commit] = commits[i];
      // One walk of the commit's trees: the problems git fsck would refuse
      // (findings even when the walk then fails), names without a blob,
      // and the blobs it changes.
      git::CommitTrees trees;
      Status walked = worker.walker->Commit(commit, &trees);
      ScanCommit(worker, rules_, refs[ref_index].ref, commit, trees,
                 &message_findings[i], &diff_status[i]);
      if (!walked.ok()) diff_status[i] = walked;
      changes[i] = std::move(trees.changes);
    }
  });
  for (std::vector<Finding>& findings : message_findings) {
    for (Finding& f : findings) out->push_back(std::move(f));
  }
  for (const Status& s : diff_status) {
    if (!s.ok()) return s;
  }

  if (options_.keep_changes) {
    for (size_t i = 0; i < commits.size(); ++i) {
      kept_changes_[commits[i].second] = changes[i];
    }
  }
  Introductions intros;
  std::vector<TextPlace> new_paths;  // each new path once, where it enters
  std::unordered_set<std::string> path_seen;
  auto add_path = [&](size_t r, const std::string& commit, bool root,
                      const std::string& path) {
    if (!path_seen.insert(path).second) return;
    new_paths.push_back({refs[r].ref, commit, kPathPrefix + path, root, path});
  };
  for (size_t i = 0; i < commits.size(); ++i) {
    for (git::BlobChange& c : changes[i]) {
      if (c.new_path) {
        add_path(commits[i].first, commits[i].second, c.parent_blobs.empty(),
                 c.path);
      }
      bool root = c.parent_blobs.empty();
      intros.Add(c.blob,
                 {commits[i].first, commits[i].second, root, std::move(c.path),
                  std::move(c.parent_blobs), std::move(c.source_path)});
    }
  }
  changes.clear();
  for (size_t r = 0; r < refs.size(); ++r) {
    const RefContent& ref = refs[r];
    if (!ref.tree.empty() && is_new_object(ref.tree)) {
      git::CommitTrees trees;
      Status walked = (*workers)[0].walker->Tree(ref.tree, &trees);
      for (const git::MalformedTree& tree : trees.malformed) {
        out->push_back(MalformedTreeFinding(tree, ref.ref, ref.tag));
      }
      if (!walked.ok()) return walked;
      for (const std::string& name : trees.bare_names)
        add_path(r, ref.tag, true, name);
      for (git::BlobChange& c : trees.changes) {
        add_path(r, ref.tag, true, c.path);
        intros.Add(c.blob, {r, ref.tag, true, std::move(c.path), {}, ""});
      }
    }
    if (!ref.blob.empty() && is_new_object(ref.blob)) {
      intros.Add(
          ref.blob,
          {r, ref.tag, true, "(blob tagged by " + ref.ref + ")", {}, ""});
    }
  }

  Status path_status =
      ScanPaths(*(*workers)[0].scanner, rules_, new_paths, out);
  new_paths.clear();

  std::vector<BlobResult> results(intros.order.size());
  ScannedBlobs scanned;
  ParallelFor(intros.order.size(), workers->size(), [&](size_t w, size_t i) {
    if (expired()) {
      results[i].status =
          TimeoutStatus(i, intros.order.size(), "new file versions");
      return;
    }
    const std::string& blob = intros.order[i];
    ScanBlob((*workers)[w], rules_, refs, blob, intros.by_blob.at(blob),
             options_.tolerate_missing_blobs, &scanned, &results[i]);
  });

  Status first_error = !text_status.ok() ? text_status : path_status;
  for (size_t i = 0; i < results.size(); ++i) {
    BlobResult& r = results[i];
    if (r.scanned) {
      ++stats->blobs;
      stats->bytes += r.bytes;
    }
    for (Finding& f : r.findings) {
      if (options_.in_history) {
        Result<bool> old = options_.in_history(intros.order[i], f.path);
        if (!old.ok() && first_error.ok()) first_error = old.status();
        if (old.ok() && *old) continue;
      }
      out->push_back(std::move(f));
    }
    if (!r.status.ok() && first_error.ok()) first_error = r.status;
    missing_blobs_.insert(missing_blobs_.end(), r.missing.begin(),
                          r.missing.end());
  }
  std::sort(missing_blobs_.begin(), missing_blobs_.end());
  missing_blobs_.erase(
      std::unique(missing_blobs_.begin(), missing_blobs_.end()),
      missing_blobs_.end());
  return first_error;
}

}  // namespace pushguard::policy
