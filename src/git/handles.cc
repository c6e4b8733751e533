#include "git/handles.h"

namespace pushguard::git {

Status GitError(int code, const std::string& what) {
  const git_error* e = git_error_last();
  std::string message = what;
  if (e != nullptr && e->message != nullptr) {
    message += ": ";
    message += e->message;
  }
  if (code == GIT_ENOTFOUND) return Status::NotFound(message);
  return Status::Corruption(message);
}

std::string OidHex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

Result<git_oid> ParseOid(const std::string& hex) {
  git_oid oid;
  if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, hex.c_str()) != 0) {
    return Status::InvalidArgument("not a valid object id: '" + hex + "'");
  }
  return oid;
}

Result<OdbObjectPtr> ReadRawObject(git_repository* repo, const std::string& hex,
                                   git_object_t type, const std::string& what) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_odb* odb = nullptr;
  if (int rc = git_repository_odb(&odb, repo); rc != 0) {
    return GitError(rc, "object database");
  }
  OdbPtr owned_odb(odb);
  git_odb_object* object = nullptr;
  if (int rc = git_odb_read(&object, odb, &*oid); rc != 0) {
    return GitError(rc, std::string(git_object_type2string(type)) + " " + hex);
  }
  OdbObjectPtr owned(object);
  if (git_odb_object_type(object) != type) {
    return Status::InvalidArgument(hex + " is not " + what);
  }
  return owned;
}

std::string_view RawData(const git_odb_object* object) {
  return {static_cast<const char*>(
              git_odb_object_data(const_cast<git_odb_object*>(object))),
          git_odb_object_size(const_cast<git_odb_object*>(object))};
}

Result<git_oid> PeelToCommit(git_repository* repo, const git_oid& oid) {
  git_object* object = nullptr;
  if (int rc = git_object_lookup(&object, repo, &oid, GIT_OBJECT_ANY);
      rc != 0) {
    return GitError(rc, "object " + OidHex(oid));
  }
  ObjectPtr owned(object);
  git_object* peeled = nullptr;
  if (int rc = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT); rc != 0) {
    return GitError(rc, "object " + OidHex(oid) + " is not a commit");
  }
  ObjectPtr owned_peeled(peeled);
  return *git_object_id(peeled);
}

Result<std::vector<std::string>> ParentsOf(git_repository* repo,
                                           const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_commit* commit = nullptr;
  if (int rc = git_commit_lookup(&commit, repo, &*oid); rc != 0) {
    return GitError(rc, "commit " + hex);
  }
  CommitPtr owned(commit);
  std::vector<std::string> parents;
  for (unsigned i = 0; i < git_commit_parentcount(commit); ++i) {
    parents.push_back(OidHex(*git_commit_parent_id(commit, i)));
  }
  return parents;
}

Result<RevwalkPtr> NewTopoWalk(git_repository* repo) {
  git_revwalk* walk = nullptr;
  if (int rc = git_revwalk_new(&walk, repo); rc != 0) {
    return GitError(rc, "cannot start a revision walk");
  }
  git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  return RevwalkPtr(walk);
}

Result<std::vector<std::string>> DrainWalk(git_revwalk* walk) {
  std::vector<std::string> commits;
  git_oid oid;
  int rc;
  while ((rc = git_revwalk_next(&oid, walk)) == 0) {
    commits.push_back(OidHex(oid));
  }
  if (rc != GIT_ITEROVER) return GitError(rc, "revision walk failed");
  return commits;
}

Result<TreePtr> CommitTree(git_repository* repo, const git_oid& commit_id,
                           CommitPtr* commit_out) {
  git_commit* commit = nullptr;
  if (int rc = git_commit_lookup(&commit, repo, &commit_id); rc != 0) {
    return GitError(rc, "commit " + OidHex(commit_id));
  }
  CommitPtr owned(commit);
  git_tree* tree = nullptr;
  if (int rc = git_commit_tree(&tree, commit); rc != 0) {
    return GitError(rc, "tree of commit " + OidHex(commit_id));
  }
  if (commit_out != nullptr) *commit_out = std::move(owned);
  return TreePtr(tree);
}

}  // namespace pushguard::git
