#include "git/history.h"

#include "base/strings.h"
#include "git/handles.h"

namespace pushguard::git {
namespace {

// Calls fn(commit) for the commit every ref peels to; refs that do not peel
// to a commit (e.g. a tag of a blob) are skipped.
template <typename Fn>
Status ForEachRefCommit(git_repository* repo, Fn&& fn) {
  git_reference_iterator* it = nullptr;
  if (int rc = git_reference_iterator_new(&it, repo); rc != 0) {
    return GitError(rc, "cannot list refs");
  }
  git_reference* ref = nullptr;
  while (git_reference_next(&ref, it) == 0) {
    git_reference* resolved = nullptr;
    if (git_reference_resolve(&resolved, ref) == 0) {
      Result<git_oid> commit =
          PeelToCommit(repo, *git_reference_target(resolved));
      if (commit.ok()) fn(*commit);
      git_reference_free(resolved);
    }
    git_reference_free(ref);
  }
  git_reference_iterator_free(it);
  return Status::Ok();
}

// --all: every ref, and a detached HEAD (fine if unborn).
Status PushAllRefs(git_repository* repo, git_revwalk* walk) {
  Status s = ForEachRefCommit(
      repo, [&](const git_oid& oid) { git_revwalk_push(walk, &oid); });
  git_revwalk_push_head(walk);
  return s;
}

Result<git_oid> ResolveCommit(git_repository* repo, const std::string& spec) {
  git_object* object = nullptr;
  if (int rc = git_revparse_single(&object, repo, spec.c_str()); rc != 0) {
    return GitError(rc, "unknown revision '" + EscapeForDisplay(spec) + "'");
  }
  ObjectPtr owned(object);
  return PeelToCommit(repo, *git_object_id(object));
}

Status AddRevision(git_repository* repo, git_revwalk* walk,
                   const std::string& rev) {
  if (rev == "--all") return PushAllRefs(repo, walk);
  if (StartsWith(rev, "^")) {
    Result<git_oid> oid = ResolveCommit(repo, rev.substr(1));
    if (!oid.ok()) return oid.status();
    return git_revwalk_hide(walk, &*oid) == 0
               ? Status::Ok()
               : GitError(-1, "cannot hide '" + EscapeForDisplay(rev) + "'");
  }
  if (StartsWith(rev, "-")) {
    return Status::InvalidArgument("unsupported option '" +
                                   EscapeForDisplay(rev) +
                                   "' (revisions, A..B, A...B, ^A, --all)");
  }
  if (rev.find("..") != std::string::npos) {
    git_revspec spec;
    if (int rc = git_revparse(&spec, repo, rev.c_str()); rc != 0) {
      return GitError(rc, "bad range '" + EscapeForDisplay(rev) + "'");
    }
    ObjectPtr from(spec.from), to(spec.to);
    Result<git_oid> left = PeelToCommit(repo, *git_object_id(from.get()));
    Result<git_oid> right = PeelToCommit(repo, *git_object_id(to.get()));
    if (!left.ok()) return left.status();
    if (!right.ok()) return right.status();
    git_revwalk_push(walk, &*right);
    if (spec.flags & GIT_REVSPEC_MERGE_BASE) {
      git_revwalk_push(walk, &*left);
      git_oid base;
      if (git_merge_base(&base, repo, &*left, &*right) == 0) {
        git_revwalk_hide(walk, &base);
      }
    } else {
      git_revwalk_hide(walk, &*left);
    }
    return Status::Ok();
  }
  Result<git_oid> oid = ResolveCommit(repo, rev);
  if (!oid.ok()) return oid.status();
  git_revwalk_push(walk, &*oid);
  return Status::Ok();
}

// Whether one of `commits` has `parent` as a parent. Old is an ancestor of
// new exactly when a commit of `new ^old` has old as a parent.
Result<bool> HasParent(git_repository* repo,
                       const std::vector<std::string>& commits,
                       const std::string& parent) {
  for (const std::string& hex : commits) {
    Result<std::vector<std::string>> parents = ParentsOf(repo, hex);
    if (!parents.ok()) return parents.status();
    for (const std::string& p : *parents) {
      if (p == parent) return true;
    }
  }
  return false;
}

}  // namespace

Result<Target> Peel(const Repository& repo, const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_object* object = nullptr;
  if (int rc = git_object_lookup(&object, RawRepo(repo), &*oid, GIT_OBJECT_ANY);
      rc != 0) {
    return GitError(rc, "object " + hex + " is not in the repository");
  }
  ObjectPtr owned(object);
  // Bounded: a tag chain longer than this is hostile.
  for (int depth = 0; depth < 100; ++depth) {
    git_object_t type = git_object_type(owned.get());
    if (type != GIT_OBJECT_TAG) {
      Target target{ObjectType::kOther, OidHex(*git_object_id(owned.get()))};
      if (type == GIT_OBJECT_COMMIT) target.type = ObjectType::kCommit;
      if (type == GIT_OBJECT_TREE) target.type = ObjectType::kTree;
      if (type == GIT_OBJECT_BLOB) target.type = ObjectType::kBlob;
      return target;
    }
    git_object* next = nullptr;
    if (int rc = git_tag_target(&next, reinterpret_cast<git_tag*>(owned.get()));
        rc != 0) {
      return GitError(rc, "tag " + OidHex(*git_object_id(owned.get())) +
                              ": target is not in the repository");
    }
    owned.reset(next);
  }
  return Status::Corruption("tag chain from " + hex + " is too deep");
}

Result<Gained> CommitsGained(const Repository& repo,
                             const refs::RefUpdate& update) {
  if (update.change != refs::RefChange::kUpdate) {
    return Status::InvalidArgument(update.ref + ": not an update");
  }
  Result<Target> target = Peel(repo, update.new_oid);
  if (!target.ok()) return target.status().Prefixed(update.ref);
  if (target->type != ObjectType::kCommit) return Gained{};
  Result<RevwalkPtr> walk = NewTopoWalk(RawRepo(repo));
  if (!walk.ok()) return walk.status();
  Result<git_oid> tip = ParseOid(target->oid);
  if (int rc = git_revwalk_push(walk->get(), &*tip); rc != 0) {
    return GitError(rc, update.ref + ": cannot walk from " + target->oid);
  }
  Result<git_oid> old = ParseOid(update.old_oid);
  if (!old.ok()) return old.status();
  Result<git_oid> old_commit = PeelToCommit(RawRepo(repo), *old);
  // An old value that is not a commit (e.g. a tag of a tree) hides nothing.
  if (old_commit.ok()) git_revwalk_hide(walk->get(), &*old_commit);
  Result<std::vector<std::string>> commits = DrainWalk(walk->get());
  if (!commits.ok()) return commits.status().Prefixed(update.ref);
  Gained gained{std::move(*commits), std::nullopt};
  if (old_commit.ok()) {
    const std::string old_hex = OidHex(*old_commit);
    Result<bool> joins = HasParent(RawRepo(repo), gained.commits, old_hex);
    if (!joins.ok()) return joins.status().Prefixed(update.ref);
    gained.fast_forward = *joins || old_hex == target->oid;
  }
  return gained;
}

Result<std::vector<std::string>> ListCommits(
    const Repository& repo, const std::vector<std::string>& revs) {
  Result<RevwalkPtr> walk = NewTopoWalk(RawRepo(repo));
  if (!walk.ok()) return walk.status();
  for (const std::string& rev : revs) {
    if (Status s = AddRevision(RawRepo(repo), walk->get(), rev); !s.ok()) {
      return s;
    }
  }
  return DrainWalk(walk->get());
}

Result<StoredMessage> CommitMessage(const Repository& repo,
                                    const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_commit* commit = nullptr;
  if (int rc = git_commit_lookup(&commit, RawRepo(repo), &*oid); rc != 0) {
    return GitError(rc, "commit " + hex);
  }
  CommitPtr owned(commit);
  StoredMessage message;
  const char* encoding = git_commit_message_encoding(commit);
  if (encoding != nullptr) message.encoding = encoding;
  Result<OdbObjectPtr> object =
      ReadRawObject(RawRepo(repo), hex, GIT_OBJECT_COMMIT, "a commit");
  if (!object.ok()) return object.status();
  std::string_view body = RawData(object->get());
  // The headers end at the first empty line (continuation lines of a
  // multi-line header start with a space).
  size_t headers_end = body.find("\n\n");
  if (headers_end != std::string_view::npos) {
    message.bytes = body.substr(headers_end + 2);
  }
  return message;
}

}  // namespace pushguard::git
