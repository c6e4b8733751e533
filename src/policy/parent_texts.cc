#include "policy/parent_texts.h"

#include "policy/text_scan.h"

namespace pushguard::policy {

void ScannedBlobs::Add(const std::string& blob, const Matches& matches) {
  size_t count = 0;
  for (const std::vector<match::SecretMatch>& in_text : matches) {
    count += in_text.size();
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (blobs_.size() >= kMaxBlobs || count > kMaxMatches - matches_) return;
  // Copied only when kept (at most kMaxMatches in all).
  if (blobs_.emplace(blob, std::make_shared<const Matches>(matches)).second) {
    matches_ += count;
  }
}

std::shared_ptr<const ScannedBlobs::Matches> ScannedBlobs::Find(
    const std::string& blob) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = blobs_.find(blob);
  return it == blobs_.end() ? nullptr : it->second;
}

namespace {

bool HoldsMatch(const match::RuleSet& rules, const ScannedBlobs::Matches& all,
                const match::SecretMatch& m) {
  const size_t base = rules.BaseRule(m.rule);
  for (const std::vector<match::SecretMatch>& in_text : all) {
    for (const match::SecretMatch& old : in_text) {
      if (rules.BaseRule(old.rule) == base && old.secret == m.secret) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

Result<bool> ParentTexts::Holds(const std::string& parent_blob,
                                const match::SecretMatch& m) {
  if (scanned_ != nullptr) {
    if (std::shared_ptr<const ScannedBlobs::Matches> known =
            scanned_->Find(parent_blob)) {
      return HoldsMatch(rules_, *known, m);
    }
  }
  auto it = parents_.find(parent_blob);
  if (it == parents_.end()) {
    Result<git::BlobContent> content = git::ReadBlob(repo_, parent_blob);
    if (!content.ok()) return content.status();
    auto parent = std::make_unique<Parent>(std::move(*content));
    parent->texts = BlobTexts(parent->content.data());
    it = parents_.emplace(parent_blob, std::move(parent)).first;
  }
  Parent& parent = *it->second;
  bool present = false;
  for (const MatchText& text : parent.texts) {
    present |= text.text().find(m.secret) != std::string_view::npos;
  }
  if (!present) return false;
  if (!parent.scanned) {
    parent.scanned = true;
    Status s = ScanTexts(scanner_, rules_, parent.texts, &parent.matches);
    if (!s.ok()) return s.Prefixed("blob " + parent_blob);
  }
  return HoldsMatch(rules_, parent.matches, m);
}

}  // namespace pushguard::policy
