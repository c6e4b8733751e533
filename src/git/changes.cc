#include "git/changes.h"

#include "git/handles.h"

namespace pushguard::git {
namespace {

Result<BlobPtr> LookupBlob(git_repository* repo, const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_blob* blob = nullptr;
  if (int rc = git_blob_lookup(&blob, repo, &*oid); rc != 0) {
    return GitError(rc, "blob " + hex);
  }
  return BlobPtr(blob);
}

}  // namespace

struct BlobContent::Impl {
  BlobPtr blob;
};

BlobContent::BlobContent(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BlobContent::~BlobContent() = default;
BlobContent::BlobContent(BlobContent&&) noexcept = default;

std::string_view BlobContent::data() const {
  const git_blob* b = impl_->blob.get();
  return {static_cast<const char*>(git_blob_rawcontent(b)),
          static_cast<size_t>(git_blob_rawsize(b))};
}

Result<BlobContent> ReadBlob(const Repository& repo, const std::string& oid) {
  Result<BlobPtr> blob = LookupBlob(RawRepo(repo), oid);
  if (!blob.ok()) return blob.status();
  auto impl = std::make_unique<BlobContent::Impl>();
  impl->blob = std::move(*blob);
  return BlobContent(std::move(impl));
}

}  // namespace pushguard::git
