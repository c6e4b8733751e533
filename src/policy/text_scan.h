// Secrets in the text a push carries besides file content, and secrets in
// names wherever a name is shown.
//
// A push carries text in commit messages and identities, annotated tags
// (message, tagger, name), ref names and file paths. Each is scanned with
// the secret rules, as file content is, and a match becomes a Finding whose
// `path` says where it is (the labels below; `commit` holds the commit or
// tag object, `line` / `column` count within that text).
//
// A ref name or a path that holds a secret is shown everywhere (remote:
// text, JSON, SARIF, the audit record and so `pushguard log`) with the
// secret redacted: RedactNames() rewrites a decision's names and messages,
// and RedactSecrets() any single name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "base/status.h"
#include "git/repository.h"
#include "match/matcher.h"

namespace pushguard::policy {

// Where a text is: Finding::path labels.
inline constexpr char kCommitMessage[] = "(commit message)";
inline constexpr char kCommitAuthor[] = "(commit author)";  // "Name <email>"
inline constexpr char kCommitCommitter[] = "(commit committer)";
// Other header lines: encoding, mergetag, extra headers (not the signature).
inline constexpr char kCommitHeader[] = "(commit header)";
inline constexpr char kTagMessage[] = "(tag message)";
inline constexpr char kTagger[] = "(tagger)";  // "Name <email>"
inline constexpr char kTagName[] = "(tag name)";
inline constexpr char kTagHeader[] = "(tag header)";  // other header lines
// A commit's gpgsig headers, a tag's appended signature: matched with the
// provider rules only (base64 would look like secrets to generic rules).
inline constexpr char kCommitSignature[] = "(commit signature)";
inline constexpr char kTagSignature[] = "(tag signature)";
inline constexpr char kRefName[] = "(ref name)";
// A path: "(path) " + the full path, e.g. "(path) config/AKIA****.env".
inline constexpr char kPathPrefix[] = "(path) ";

// Where a scanned text belongs.
struct TextPlace {
  std::string ref;     // the ref update that brings it ("" in scan mode)
  std::string commit;  // the commit or tag object; "" for a ref name
  std::string label;   // one of the labels above
  bool root = false;   // a root commit (for rebase hints)
  // Checked against path allowlists instead of `label` (for a path: the
  // path itself, so an allowlisted directory covers its file names too).
  std::string allowlist_path = {};
};

// The Finding for match `m` of `rule` at `place`, its secret redacted.
Finding SecretFinding(const rules::SecretRule& rule,
                      const match::SecretMatch& m, const TextPlace& place);

// Appends a Finding for every secret in `text` that `place` does not
// allowlist. Every line of `text` counts as new. Returns the scanner's
// error (a regex limit); the findings made before it are kept.
Status ScanText(match::Scanner& scanner, const match::RuleSet& rules,
                std::string_view text, const TextPlace& place,
                std::vector<Finding>* out);

// The author, committer and other headers (not the signature) of `commit`,
// brought by `ref`. The message is content_scan's (in every encoding it may
// be read in: policy/match_text.h).
Status ScanCommitText(match::Scanner& scanner, const match::RuleSet& rules,
                      const git::Repository& repo, const std::string& ref,
                      const std::string& commit, std::vector<Finding>* out);

// The name, tagger, message and other header lines of the annotated tag
// object `tag`.
Status ScanTagText(match::Scanner& scanner, const match::RuleSet& rules,
                   const git::Repository& repo, const std::string& ref,
                   const std::string& tag, std::vector<Finding>* out);

// New paths, each with where it enters (label kPathPrefix + path,
// allowlist_path the path; the caller gives each path once). Paths are
// scanned together, so the cost is one scan, not one per path.
Status ScanPaths(match::Scanner& scanner, const match::RuleSet& rules,
                 const std::vector<TextPlace>& paths,
                 std::vector<Finding>* out);

// `text` with every secret the rules find in it replaced by its redacted
// form (match::Redact), whether or not an allowlist lets the secret pass.
// On a scanner error the whole text is redacted (fail closed).
std::string RedactSecrets(match::Scanner& scanner, std::string_view text);

// Redacts secrets in every name and message of `decision` that can quote a
// ref name or a path: each finding's ref, path and message, the error, the
// notices and each bypass's ref. Secrets already redacted stay as they are.
void RedactNames(const match::RuleSet& rules, Decision* decision);

}  // namespace pushguard::policy
