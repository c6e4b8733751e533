#include "policy/text_scan.h"

#include <algorithm>
#include <map>

#include "git/commit_info.h"
#include "match/secret_text.h"
#include "policy/scope.h"

namespace pushguard::policy {

Finding SecretFinding(const rules::SecretRule& rule,
                      const match::SecretMatch& m, const TextPlace& place) {
  Finding f;
  f.kind = "secret";
  f.rule = rule.id;
  f.description = rule.description;
  f.severity = SeverityOf(rule.mode);
  f.ref = place.ref;
  f.commit = place.commit;
  f.root_commit = place.root;
  f.path = place.label;
  f.line = m.line;
  f.column = m.column;
  f.fingerprint = match::Fingerprint(rule.id, m.secret);
  f.secret = match::Redact(m.secret);
  f.message =
      rule.description + " in " + place.label + ":" + std::to_string(m.line);
  f.remediation = rule.remediation;
  f.allowed_by = m.allowed_by;
  f.marker_line = m.marker_line;
  return f;
}

Status ScanText(match::Scanner& scanner, const match::RuleSet& rules,
                std::string_view text, const TextPlace& place,
                std::vector<Finding>* out) {
  std::vector<match::SecretMatch> matches;
  Status s = scanner.Scan(text, &matches);
  const std::string& allow_path =
      place.allowlist_path.empty() ? place.label : place.allowlist_path;
  for (const match::SecretMatch& m : matches) {
    if (rules.PathAllowed(m.rule, allow_path)) continue;
    out->push_back(SecretFinding(rules.rule(m.rule), m, place));
  }
  return s;
}

namespace {

// ScanText() with the provider rules only: a signature is base64 armour,
// which generic (entropy) rules would take for secrets, while a provider's
// token or key in it is a leak like anywhere else.
Status ScanSignature(match::Scanner& scanner, const match::RuleSet& rules,
                     std::string_view text, const TextPlace& place,
                     std::vector<Finding>* out) {
  if (text.empty()) return Status::Ok();
  std::vector<match::SecretMatch> matches;
  Status s = scanner.Scan(text, &matches);
  for (const match::SecretMatch& m : matches) {
    if (rules.rule(m.rule).generic) continue;
    if (rules.PathAllowed(m.rule, place.label)) continue;
    out->push_back(SecretFinding(rules.rule(m.rule), m, place));
  }
  return s;
}

std::string Identity(const git::Person& p) {
  return p.name + " <" + p.email + ">";
}

// Keeps the first error.
void Keep(Status s, Status* first) {
  if (!s.ok() && first->ok()) *first = std::move(s);
}

}  // namespace

Status ScanCommitText(match::Scanner& scanner, const match::RuleSet& rules,
                      const git::Repository& repo, const std::string& ref,
                      const std::string& commit, std::vector<Finding>* out) {
  Result<git::CommitInfo> info = git::ReadCommitInfo(repo, commit);
  if (!info.ok()) return info.status();
  Status first;
  TextPlace place{ref, commit, kCommitAuthor, false, ""};
  Keep(ScanText(scanner, rules, Identity(info->author), place, out), &first);
  place.label = kCommitCommitter;
  Keep(ScanText(scanner, rules, Identity(info->committer), place, out), &first);
  place.label = kCommitHeader;
  Keep(ScanText(scanner, rules, info->other_headers, place, out), &first);
  place.label = kCommitSignature;
  Keep(ScanSignature(scanner, rules, info->signature, place, out), &first);
  return first.ok() ? first : first.Prefixed("commit " + commit);
}

Status ScanTagText(match::Scanner& scanner, const match::RuleSet& rules,
                   const git::Repository& repo, const std::string& ref,
                   const std::string& tag, std::vector<Finding>* out) {
  Result<git::TagInfo> info = git::ReadTagInfo(repo, tag);
  if (!info.ok()) return info.status();
  Status first;
  TextPlace place{ref, tag, kTagName, false, ""};
  Keep(ScanText(scanner, rules, info->name, place, out), &first);
  if (info->has_tagger) {
    place.label = kTagger;
    Keep(ScanText(scanner, rules, Identity(info->tagger), place, out), &first);
  }
  place.label = kTagMessage;
  Keep(ScanText(scanner, rules, info->message, place, out), &first);
  place.label = kTagHeader;
  Keep(ScanText(scanner, rules, info->other_headers, place, out), &first);
  place.label = kTagSignature;
  Keep(ScanSignature(scanner, rules, info->signature, place, out), &first);
  return first.ok() ? first : first.Prefixed("tag " + tag);
}

Status ScanPaths(match::Scanner& scanner, const match::RuleSet& rules,
                 const std::vector<TextPlace>& paths,
                 std::vector<Finding>* out) {
  // One path per line; a path holding a line break is scanned alone.
  std::string joined;
  std::vector<size_t> by_line;
  Status first;
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string& path = paths[i].allowlist_path;
    if (path.find('\n') != std::string::npos) {
      Keep(ScanText(scanner, rules, path, paths[i], out), &first);
      continue;
    }
    joined += path;
    joined += '\n';
    by_line.push_back(i);
  }
  std::vector<match::SecretMatch> matches;
  Keep(scanner.Scan(joined, &matches), &first);
  for (match::SecretMatch& m : matches) {
    if (m.line == 0 || m.line > by_line.size()) continue;
    const TextPlace& place = paths[by_line[m.line - 1]];
    if (rules.PathAllowed(m.rule, place.allowlist_path)) continue;
    m.line = 1;
    out->push_back(SecretFinding(rules.rule(m.rule), m, place));
  }
  return first.ok() ? first : first.Prefixed("paths");
}

std::string RedactSecrets(match::Scanner& scanner, std::string_view text) {
  std::vector<match::SecretMatch> matches;
  if (!scanner.Scan(text, &matches).ok()) return match::Redact(text);
  if (matches.empty()) return std::string(text);
  std::sort(matches.begin(), matches.end(),
            [](const match::SecretMatch& a, const match::SecretMatch& b) {
              return a.start < b.start;
            });
  std::string out;
  size_t at = 0;
  for (size_t i = 0; i < matches.size();) {
    size_t start = std::max(at, matches[i].start);
    size_t end = matches[i].end;
    // Overlapping matches are redacted as one.
    for (++i; i < matches.size() && matches[i].start < end; ++i) {
      end = std::max(end, matches[i].end);
    }
    if (end <= start) continue;
    out.append(text.substr(at, start - at));
    out += match::Redact(text.substr(start, end - start));
    at = end;
  }
  out.append(text.substr(at));
  return out;
}

void RedactNames(const match::RuleSet& rules, Decision* decision) {
  match::Scanner scanner(rules);
  std::map<std::string, std::string> done;
  auto redact = [&](std::string* text) {
    if (text->empty()) return;
    auto it = done.find(*text);
    if (it == done.end()) {
      it = done.emplace(*text, RedactSecrets(scanner, *text)).first;
    }
    *text = it->second;
  };
  for (Finding& f : decision->findings) {
    redact(&f.ref);
    redact(&f.path);
    redact(&f.message);
  }
  redact(&decision->error);
  for (std::string& notice : decision->notices) redact(&notice);
  for (Bypass& b : decision->bypasses) redact(&b.ref);
}

}  // namespace pushguard::policy
