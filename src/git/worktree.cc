#include "git/worktree.h"

#include <set>

#include "git/handles.h"
#include "refs/ref_update.h"

namespace pushguard::git {
namespace {

using IndexPtr =
    std::unique_ptr<git_index, GitDeleter<git_index, git_index_free>>;
using ReferencePtr =
    std::unique_ptr<git_reference,
                    GitDeleter<git_reference, git_reference_free>>;
using SignaturePtr =
    std::unique_ptr<git_signature,
                    GitDeleter<git_signature, git_signature_free>>;

constexpr char kMessage[] = "pushguard: the staged changes\n";

// The commit HEAD names; nullptr (and Ok) on an unborn branch.
Result<CommitPtr> HeadCommit(git_repository* repo) {
  git_reference* head = nullptr;
  int rc = git_repository_head(&head, repo);
  if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) return CommitPtr();
  if (rc != 0) return GitError(rc, "HEAD");
  ReferencePtr owned(head);
  git_object* peeled = nullptr;
  if (int e = git_reference_peel(&peeled, head, GIT_OBJECT_COMMIT); e != 0) {
    return GitError(e, "HEAD");
  }
  return CommitPtr(reinterpret_cast<git_commit*>(peeled));
}

Result<git_oid> WriteIndexTree(git_repository* repo) {
  git_index* raw = nullptr;
  if (int rc = git_repository_index(&raw, repo); rc != 0) {
    return GitError(rc, "cannot read the index");
  }
  IndexPtr index(raw);
  if (git_index_has_conflicts(index.get())) {
    return Status::InvalidArgument(
        "the index has unresolved conflicts; resolve them and `git add` the "
        "files first");
  }
  git_oid tree;
  if (int rc = git_index_write_tree_to(&tree, index.get(), repo); rc != 0) {
    return GitError(rc, "cannot write the staged tree");
  }
  return tree;
}

}  // namespace

Result<StagedCommit> CommitIndex(Repository& repo) {
  if (Status s = repo.UseScratchObjects(); !s.ok()) return s;
  git_repository* raw = RawRepo(repo);
  Result<git_oid> tree_id = WriteIndexTree(raw);
  if (!tree_id.ok()) return tree_id.status();
  git_tree* tree = nullptr;
  if (int rc = git_tree_lookup(&tree, raw, &*tree_id); rc != 0) {
    return GitError(rc, "staged tree");
  }
  TreePtr owned_tree(tree);
  Result<CommitPtr> head = HeadCommit(raw);
  if (!head.ok()) return head.status();
  git_signature* sig = nullptr;
  if (int rc =
          git_signature_new(&sig, "pushguard", "pushguard@localhost", 0, 0);
      rc != 0) {
    return GitError(rc, "signature");
  }
  SignaturePtr owned_sig(sig);
  const git_commit* parents[] = {head->get()};
  git_oid commit;
  int rc = git_commit_create(&commit, raw, nullptr, sig, sig, nullptr, kMessage,
                             tree, *head ? 1 : 0, parents);
  if (rc != 0) return GitError(rc, "cannot write the staged commit");
  StagedCommit staged;
  staged.commit = OidHex(commit);
  if (*head) staged.head = OidHex(*git_commit_id(head->get()));
  return staged;
}

Result<std::vector<std::string>> RemoteTrackingCommits(
    const Repository& repo, const std::string& remote) {
  std::vector<std::string> commits;
  if (remote.empty() || remote.find_first_of("/:\\") != std::string::npos) {
    return commits;  // a URL, or a path: no remote-tracking refs
  }
  const std::string glob = "refs/remotes/" + remote + "/*";
  git_reference_iterator* raw_iter = nullptr;
  if (int rc = git_reference_iterator_glob_new(&raw_iter, RawRepo(repo),
                                               glob.c_str());
      rc != 0) {
    return GitError(rc, glob);
  }
  std::unique_ptr<
      git_reference_iterator,
      GitDeleter<git_reference_iterator, git_reference_iterator_free>>
      iter(raw_iter);
  std::set<std::string> seen;
  git_reference* ref = nullptr;
  while (git_reference_next(&ref, iter.get()) == 0) {
    ReferencePtr owned(ref);
    git_object* peeled = nullptr;
    if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) != 0) continue;
    ObjectPtr owned_obj(peeled);
    std::string hex = OidHex(*git_object_id(peeled));
    if (seen.insert(hex).second) commits.push_back(hex);
  }
  return commits;
}

Result<std::vector<std::string>> PushedRevisions(
    const Repository& repo, const std::vector<refs::PushLine>& lines,
    const std::string& remote) {
  std::vector<std::string> tips;
  std::set<std::string> exclude;
  bool need_tracking = false;
  for (const refs::PushLine& line : lines) {
    if (line.local_oid.empty() || refs::IsZeroOid(line.local_oid)) continue;
    tips.push_back(line.local_oid);
    if (line.remote_oid.empty() || refs::IsZeroOid(line.remote_oid) ||
        !repo.TypeOf(line.remote_oid).ok()) {
      need_tracking = true;
    } else {
      exclude.insert(line.remote_oid);
    }
  }
  if (tips.empty()) return tips;
  if (need_tracking) {
    Result<std::vector<std::string>> tracking =
        RemoteTrackingCommits(repo, remote);
    if (!tracking.ok()) return tracking.status();
    exclude.insert(tracking->begin(), tracking->end());
  }
  for (const std::string& oid : exclude) tips.push_back("^" + oid);
  return tips;
}

}  // namespace pushguard::git
