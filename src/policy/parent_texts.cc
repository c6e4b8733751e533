#include "policy/parent_texts.h"

#include "policy/text_scan.h"

namespace pushguard::policy {

Result<bool> ParentTexts::Holds(const std::string& parent_blob,
                                const match::SecretMatch& m) {
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
  const size_t base = rules_.BaseRule(m.rule);
  for (const std::vector<match::SecretMatch>& in_text : parent.matches) {
    for (const match::SecretMatch& old : in_text) {
      if (rules_.BaseRule(old.rule) == base && old.secret == m.secret) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace pushguard::policy
