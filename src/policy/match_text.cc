#include "policy/match_text.h"

#include <set>
#include <utility>

#include "base/binary_content.h"
#include "base/text_encoding.h"

namespace pushguard::policy {

std::vector<MatchText> BlobTexts(std::string_view bytes) {
  std::vector<MatchText> texts;
  TextEncoding encoding = DetectEncoding(bytes);
  if (encoding != TextEncoding::kAsIs) {
    texts.push_back({DecodeToUtf8(bytes, encoding), {}, true, true});
    if (encoding != TextEncoding::kUtf8Bom) {
      texts.push_back({{}, bytes, false, false, LooksBinary(bytes)});
    }
    return texts;
  }
  const bool binary = LooksBinary(bytes);
  texts.push_back({{}, bytes, false, true, binary});
  if (!binary) return texts;
  for (bool big_endian : {false, true}) {
    std::string runs = Utf16TextRuns(bytes, big_endian);
    if (!runs.empty()) {
      texts.push_back({std::move(runs), {}, true, false, true});
    }
  }
  return texts;
}

MatchText CanonicalText(std::string_view bytes) {
  TextEncoding encoding = DetectEncoding(bytes);
  if (encoding == TextEncoding::kAsIs) return {{}, bytes, false, true};
  return {DecodeToUtf8(bytes, encoding), {}, true, true};
}

std::vector<MatchText> MessageTexts(const git::StoredMessage& message) {
  std::vector<MatchText> texts;
  if (!IsUtf8Name(message.encoding)) {
    // An unknown charset leaves the bytes, and what they look like, to read.
    Result<std::string> converted =
        ConvertToUtf8(message.bytes, message.encoding);
    if (converted.ok()) {
      texts.push_back({std::move(*converted), {}, true, true});
    }
  }
  for (MatchText& t : BlobTexts(message.bytes)) {
    t.canonical = texts.empty();
    texts.push_back(std::move(t));
  }
  return texts;
}

Status ScanTexts(match::Scanner& scanner, const match::RuleSet& rules,
                 const std::vector<MatchText>& texts,
                 std::vector<std::vector<match::SecretMatch>>* matches) {
  Status first;
  std::set<std::pair<size_t, std::string>> seen;  // (rule, secret)
  matches->assign(texts.size(), {});
  for (size_t i = 0; i < texts.size(); ++i) {
    std::vector<match::SecretMatch> found;
    Status s = scanner.Scan(texts[i].text(), &found,
                            texts[i].binary ? match::ContentKind::kBinary
                                            : match::ContentKind::kText);
    if (!s.ok() && first.ok()) first = s;
    std::set<std::pair<size_t, std::string>> here;
    for (match::SecretMatch& m : found) {
      auto key = std::make_pair(rules.BaseRule(m.rule), m.secret);
      if (seen.count(key) != 0) continue;
      here.insert(key);
      (*matches)[i].push_back(std::move(m));
    }
    seen.insert(here.begin(), here.end());
  }
  return first;
}

}  // namespace pushguard::policy
