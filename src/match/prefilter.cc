#include "match/prefilter.h"

#include <hs.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>

namespace pushguard::match {
namespace {

// Escapes a literal keyword as a vectorscan pattern.
std::string LiteralPattern(const std::string& keyword) {
  std::string out;
  for (unsigned char c : keyword) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

// Occurrences of one keyword closer than this are reported as one hit
// spanning them all: a blob made of one keyword repeated must not cost a hit
// per occurrence (memory), and the scanner's windows around the span are
// the union of the windows around each occurrence.
constexpr size_t kCoalesce = 256;
constexpr size_t kNoHit = static_cast<size_t>(-1);

struct FindContext {
  const std::vector<size_t>* lengths;
  std::vector<KeywordSet::Scanner::Hit>* hits;
  std::vector<size_t>* last;  // per keyword: index of its last hit
  size_t offset;              // of the chunk being scanned
};

int OnMatch(unsigned int id, unsigned long long, unsigned long long to,
            unsigned int, void* ctx) {
  auto* context = static_cast<FindContext*>(ctx);
  // Only a database that does not belong to its keyword list could report
  // an unknown id: stop, and the scan reports an error.
  if (id >= context->lengths->size()) return 1;
  size_t end = context->offset + static_cast<size_t>(to);
  size_t start = end - (*context->lengths)[id];
  size_t& last = (*context->last)[id];
  if (last != kNoHit) {
    KeywordSet::Scanner::Hit& previous = (*context->hits)[last];
    if (start <= previous.end + kCoalesce) {
      previous.end = std::max(previous.end, end);
      return 0;
    }
  }
  last = context->hits->size();
  context->hits->push_back({id, start, end});
  return 0;
}

}  // namespace

void KeywordSet::SetKeywords(const std::vector<std::string>& keywords) {
  count_ = keywords.size();
  for (const std::string& keyword : keywords) {
    lengths_.push_back(keyword.size());
    longest_ = std::max(longest_, keyword.size());
  }
}

Result<std::unique_ptr<KeywordSet>> KeywordSet::Build(
    const std::vector<std::string>& keywords, Target target) {
  std::unique_ptr<KeywordSet> set(new KeywordSet());
  set->SetKeywords(keywords);
  if (keywords.empty()) return set;
  std::vector<std::string> patterns;
  std::vector<const char*> expressions;
  std::vector<unsigned int> flags, ids;
  for (const std::string& keyword : keywords) {
    patterns.push_back(LiteralPattern(keyword));
  }
  for (size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(patterns[i].c_str());
    flags.push_back(HS_FLAG_CASELESS);
    ids.push_back(static_cast<unsigned int>(i));
  }
  // Portable: no CPU-specific instructions beyond vectorscan's baseline.
  hs_platform_info_t portable{HS_TUNE_FAMILY_GENERIC, 0, 0, 0};
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned int>(expressions.size()),
                       HS_MODE_BLOCK,
                       target == Target::kPortable ? &portable : nullptr,
                       &set->db_, &error) != HS_SUCCESS) {
    std::string message = error != nullptr && error->message != nullptr
                              ? error->message
                              : "unknown error";
    int which = error != nullptr ? error->expression : -1;
    hs_free_compile_error(error);
    std::string keyword = which >= 0 ? keywords[which] : "";
    return Status::Config("keyword prefilter: cannot compile keyword '" +
                          keyword + "': " + message);
  }
  return set;
}

std::string KeywordSet::Serialize() const {
  if (db_ == nullptr) return "";
  char* bytes = nullptr;
  size_t length = 0;
  if (hs_serialize_database(db_, &bytes, &length) != HS_SUCCESS) return "";
  std::string out(bytes, length);
  std::free(bytes);  // vectorscan's default allocator is malloc
  return out;
}

Result<std::unique_ptr<KeywordSet>> KeywordSet::Deserialize(
    const std::vector<std::string>& keywords, std::string_view bytes) {
  std::unique_ptr<KeywordSet> set(new KeywordSet());
  set->SetKeywords(keywords);
  if (keywords.empty() && bytes.empty()) return set;
  if (keywords.empty() || bytes.empty()) {
    return Status::Corruption("keyword prefilter: database does not match");
  }
  hs_error_t rc =
      hs_deserialize_database(bytes.data(), bytes.size(), &set->db_);
  if (rc != HS_SUCCESS) {
    set->db_ = nullptr;
    return Status::Corruption(
        "keyword prefilter: cannot load the compiled database (" +
        std::to_string(rc) + ")");
  }
  return set;
}

KeywordSet::~KeywordSet() { hs_free_database(db_); }

KeywordSet::Scanner::Scanner(const KeywordSet& set) : set_(set) {
  if (set_.db_ != nullptr) hs_alloc_scratch(set_.db_, &scratch_);
}

KeywordSet::Scanner::~Scanner() { hs_free_scratch(scratch_); }

Status KeywordSet::Scanner::Find(std::string_view content,
                                 std::vector<Hit>* hits) {
  hits->clear();
  if (set_.db_ == nullptr) return Status::Ok();
  if (scratch_ == nullptr) {
    return Status::Internal("keyword prefilter: no scratch space");
  }
  last_.assign(set_.count_, kNoHit);
  FindContext context{&set_.lengths_, hits, &last_, 0};
  // hs_scan takes an unsigned int length: scan very large content in
  // overlapping chunks so no keyword is split unseen (a keyword inside the
  // overlap is reported twice, which is harmless).
  const size_t chunk = UINT_MAX / 2;
  while (true) {
    size_t length = std::min(chunk, content.size() - context.offset);
    hs_error_t rc = hs_scan(set_.db_, content.data() + context.offset,
                            static_cast<unsigned int>(length), 0, scratch_,
                            OnMatch, &context);
    if (rc != HS_SUCCESS) {
      return Status::Internal("keyword prefilter: scan failed (" +
                              std::to_string(rc) + ")");
    }
    if (context.offset + length >= content.size()) break;
    context.offset += length - (set_.longest_ > 0 ? set_.longest_ - 1 : 0);
  }
  return Status::Ok();
}

}  // namespace pushguard::match
