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

}  // namespace pushguard::git
