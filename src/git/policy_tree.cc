#include "git/policy_tree.h"

#include <algorithm>

#include "git/handles.h"

namespace pushguard::git {
namespace {

constexpr size_t kMaxPolicyFile = size_t{4} << 20;

bool IsYamlName(const std::string& name) {
  return name.size() > 5 && name.ends_with(".yaml");
}

std::string ModeName(git_filemode_t mode) {
  switch (mode) {
    case GIT_FILEMODE_LINK:
      return "a symbolic link";
    case GIT_FILEMODE_TREE:
      return "a directory";
    case GIT_FILEMODE_COMMIT:
      return "a submodule";
    default:
      return "not a regular file";
  }
}

Result<PolicyFile> ReadEntry(git_repository* repo, const git_tree_entry* e) {
  std::string name = git_tree_entry_name(e);
  git_filemode_t mode = git_tree_entry_filemode(e);
  if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
    return Status::InvalidArgument(name + ": " + ModeName(mode) +
                                   ", not a policy file");
  }
  git_blob* raw = nullptr;
  if (int rc = git_blob_lookup(&raw, repo, git_tree_entry_id(e)); rc != 0) {
    return GitError(
        rc, name + ": cannot read blob " + OidHex(*git_tree_entry_id(e)));
  }
  BlobPtr blob(raw);
  size_t size = static_cast<size_t>(git_blob_rawsize(raw));
  if (size > kMaxPolicyFile) {
    return Status::InvalidArgument(name + ": " + std::to_string(size) +
                                   " bytes, more than the 4 MiB a policy "
                                   "file may have");
  }
  return PolicyFile{
      name,
      std::string(static_cast<const char*>(git_blob_rawcontent(raw)), size)};
}

// The repository's git dir for messages, without a trailing '/'.
std::string Where(const Repository& repo) {
  std::string path = repo.path();
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

Result<std::string> ResolveCommit(const Repository& repo,
                                  const std::string& ref) {
  git_oid oid;
  if (int rc = git_reference_name_to_id(&oid, RawRepo(repo), ref.c_str());
      rc != 0) {
    if (rc == GIT_ENOTFOUND) {
      return Status::NotFound(Where(repo) + ": no ref " + ref);
    }
    return GitError(rc, Where(repo) + ": cannot read ref " + ref);
  }
  git_object* raw = nullptr;
  if (int rc = git_object_lookup(&raw, RawRepo(repo), &oid, GIT_OBJECT_ANY);
      rc != 0) {
    return GitError(rc, Where(repo) + ": " + ref + " names " + OidHex(oid));
  }
  ObjectPtr object(raw);
  git_object* peeled = nullptr;
  if (int rc = git_object_peel(&peeled, raw, GIT_OBJECT_COMMIT); rc != 0) {
    return GitError(rc, Where(repo) + ": " + ref + " does not name a commit");
  }
  ObjectPtr commit(peeled);
  return OidHex(*git_object_id(peeled));
}

Result<std::string> TreeOfCommit(const Repository& repo,
                                 const std::string& commit) {
  Result<git_oid> oid = ParseOid(commit);
  if (!oid.ok()) return oid.status();
  Result<TreePtr> tree = CommitTree(RawRepo(repo), *oid);
  if (!tree.ok()) return tree.status();
  return OidHex(*git_tree_id(tree->get()));
}

Result<PolicyTree> ReadPolicyCommit(const Repository& repo,
                                    const std::string& commit) {
  Result<git_oid> oid = ParseOid(commit);
  if (!oid.ok()) return oid.status();
  Result<TreePtr> tree = CommitTree(RawRepo(repo), *oid);
  if (!tree.ok()) return tree.status();
  PolicyTree out;
  out.commit = commit;
  out.tree = OidHex(*git_tree_id(tree->get()));
  size_t count = git_tree_entrycount(tree->get());
  for (size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree->get(), i);
    if (!IsYamlName(git_tree_entry_name(entry))) continue;
    Result<PolicyFile> file = ReadEntry(RawRepo(repo), entry);
    if (!file.ok()) return file.status();
    out.files.push_back(std::move(*file));
  }
  std::sort(
      out.files.begin(), out.files.end(),
      [](const PolicyFile& a, const PolicyFile& b) { return a.name < b.name; });
  return out;
}

}  // namespace pushguard::git
