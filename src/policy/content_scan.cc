#include "policy/content_scan.h"

#include <map>
#include <unordered_map>
#include <unordered_set>

#include "git/changes.h"
#include "match/secret_text.h"

namespace pushguard::policy {
namespace {

// One place where a blob enters history.
struct Introduction {
  size_t ref_index;
  std::string commit;  // or the tag, for a tagged tree or blob
  bool root;           // no parent: every line is added
  std::string path;
  std::vector<std::string> parent_blobs;
};

// Blobs in first-seen order, with every introduction of each.
struct Introductions {
  std::vector<std::string> order;
  std::unordered_map<std::string, std::vector<Introduction>> by_blob;

  void Add(const std::string& blob, Introduction intro) {
    auto [it, added] = by_blob.try_emplace(blob);
    if (added) order.push_back(blob);
    it->second.push_back(std::move(intro));
  }
};

Severity SeverityOf(rules::Mode mode) {
  switch (mode) {
    case rules::Mode::kEnforce: return Severity::kBlock;
    case rules::Mode::kWarn: return Severity::kWarn;
    case rules::Mode::kEvaluate: return Severity::kInfo;
  }
  return Severity::kBlock;
}

bool Intersects(const std::vector<git::LineRange>& ranges, uint64_t first,
                uint64_t last) {
  for (const git::LineRange& r : ranges) {
    if (r.first <= last && first <= r.last) return true;
  }
  return false;
}

}  // namespace

ContentScanner::ContentScanner(const git::Repository& repo,
                               const match::RuleSet& rules, bool only_new)
    : repo_(repo), rules_(rules), only_new_(only_new) {}

Status ContentScanner::Scan(const std::vector<RefContent>& refs,
                            std::vector<Finding>* out, ScanStats* stats) {
  auto is_new = [&](const std::string& oid) {
    return !only_new_ || !repo_.InMainStore(oid);
  };
  Introductions intros;
  std::unordered_set<std::string> seen_commits;
  for (size_t r = 0; r < refs.size(); ++r) {
    const RefContent& ref = refs[r];
    for (const std::string& commit : ref.commits) {
      if (!seen_commits.insert(commit).second) continue;
      ++stats->commits;
      if (!is_new(commit)) continue;
      Result<std::vector<git::BlobChange>> changes =
          git::ChangedBlobs(repo_, commit);
      if (!changes.ok()) return changes.status();
      for (git::BlobChange& c : *changes) {
        if (!is_new(c.blob)) continue;
        bool root = c.parent_blobs.empty();
        intros.Add(c.blob, {r, commit, root, std::move(c.path),
                            std::move(c.parent_blobs)});
      }
    }
    if (!ref.tree.empty() && is_new(ref.tree)) {
      Result<std::vector<git::BlobChange>> blobs =
          git::TreeBlobs(repo_, ref.tree);
      if (!blobs.ok()) return blobs.status();
      for (git::BlobChange& c : *blobs) {
        if (is_new(c.blob)) {
          intros.Add(c.blob, {r, ref.tag, true, std::move(c.path), {}});
        }
      }
    }
    if (!ref.blob.empty() && is_new(ref.blob)) {
      intros.Add(ref.blob, {r, ref.tag, true, "(blob tagged by " + ref.ref + ")",
                            {}});
    }
  }

  match::Scanner scanner(rules_);
  std::map<std::pair<std::string, std::string>, std::vector<git::LineRange>>
      added_cache;
  auto added_lines =
      [&](const std::string& old_blob,
          const std::string& new_blob) -> Result<std::vector<git::LineRange>> {
    auto key = std::make_pair(old_blob, new_blob);
    auto it = added_cache.find(key);
    if (it != added_cache.end()) return it->second;
    Result<std::vector<git::LineRange>> ranges =
        git::AddedLines(repo_, old_blob, new_blob);
    if (ranges.ok()) added_cache.emplace(key, *ranges);
    return ranges;
  };

  Status first_error;
  for (const std::string& blob : intros.order) {
    Result<git::BlobContent> content = git::ReadBlob(repo_, blob);
    if (!content.ok()) return content.status();
    ++stats->blobs;
    stats->bytes += content->data().size();
    std::vector<match::SecretMatch> matches;
    Status s = scanner.Scan(content->data(), &matches);
    if (!s.ok() && first_error.ok()) {
      first_error = s.Prefixed("blob " + blob + " at " +
                               intros.by_blob[blob].front().path);
    }
    for (const match::SecretMatch& m : matches) {
      for (const Introduction& intro : intros.by_blob[blob]) {
        if (rules_.PathAllowed(m.rule, intro.path)) continue;
        bool added = true;
        for (const std::string& parent_blob : intro.parent_blobs) {
          Result<std::vector<git::LineRange>> ranges =
              added_lines(parent_blob, blob);
          if (!ranges.ok()) return ranges.status();
          added = added && Intersects(*ranges, m.first_line, m.last_line);
        }
        if (!added) continue;
        const rules::SecretRule& rule = rules_.rule(m.rule);
        Finding f;
        f.kind = "secret";
        f.rule = rule.id;
        f.description = rule.description;
        f.severity = SeverityOf(rule.mode);
        f.ref = refs[intro.ref_index].ref;
        f.commit = intro.commit;
        f.root_commit = intro.root;
        f.path = intro.path;
        f.line = m.line;
        f.column = m.column;
        f.fingerprint = match::Fingerprint(rule.id, m.secret);
        f.secret = match::Redact(m.secret);
        f.message = rule.description + " in " + intro.path + ":" +
                    std::to_string(m.line);
        f.remediation = rule.remediation;
        out->push_back(std::move(f));
        break;
      }
    }
  }
  return first_error;
}

}  // namespace pushguard::policy
