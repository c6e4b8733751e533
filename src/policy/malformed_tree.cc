#include "policy/malformed_tree.h"

namespace pushguard::policy {

Finding MalformedTreeFinding(const git::MalformedTree& tree,
                             const std::string& ref,
                             const std::string& commit) {
  Finding f;
  f.kind = "policy";
  f.rule = kMalformedTreeRule;
  f.description =
      "malformed tree: git fsck refuses it, and a checkout of it would not "
      "hold what was checked";
  f.severity = Severity::kBlock;
  f.ref = ref;
  f.commit = commit;
  f.path = tree.path;
  f.message = tree.message;
  f.remediation =
      "Only hand-made objects or broken tools produce trees like this: "
      "recreate the commit with a current git (`git fsck` in your clone "
      "names the bad object). It cannot be bypassed; ask your Git "
      "administrator if this history must be kept.";
  return f;
}

}  // namespace pushguard::policy
