#include "match/prefilter.h"

#include <hs.h>

#include <algorithm>
#include <climits>
#include <cstdio>

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

struct FindContext {
  std::vector<bool>* seen;
  std::vector<size_t>* found;
  size_t remaining;
};

int OnMatch(unsigned int id, unsigned long long, unsigned long long,
            unsigned int, void* ctx) {
  auto* context = static_cast<FindContext*>(ctx);
  if (!(*context->seen)[id]) {
    (*context->seen)[id] = true;
    context->found->push_back(id);
    if (--context->remaining == 0) return 1;  // all found: stop scanning
  }
  return 0;
}

}  // namespace

Result<std::unique_ptr<KeywordSet>> KeywordSet::Build(
    const std::vector<std::string>& keywords) {
  std::unique_ptr<KeywordSet> set(new KeywordSet());
  set->count_ = keywords.size();
  if (keywords.empty()) return set;
  std::vector<std::string> patterns;
  std::vector<const char*> expressions;
  std::vector<unsigned int> flags, ids;
  for (size_t i = 0; i < keywords.size(); ++i) {
    patterns.push_back(LiteralPattern(keywords[i]));
    set->longest_ = std::max(set->longest_, keywords[i].size());
  }
  for (size_t i = 0; i < patterns.size(); ++i) {
    expressions.push_back(patterns[i].c_str());
    flags.push_back(HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH);
    ids.push_back(static_cast<unsigned int>(i));
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned int>(expressions.size()),
                       HS_MODE_BLOCK, nullptr, &set->db_,
                       &error) != HS_SUCCESS) {
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

KeywordSet::~KeywordSet() { hs_free_database(db_); }

KeywordSet::Scanner::Scanner(const KeywordSet& set) : set_(set) {
  if (set_.db_ != nullptr) hs_alloc_scratch(set_.db_, &scratch_);
}

KeywordSet::Scanner::~Scanner() { hs_free_scratch(scratch_); }

Status KeywordSet::Scanner::Find(std::string_view content,
                                 std::vector<size_t>* found) {
  found->clear();
  if (set_.db_ == nullptr) return Status::Ok();
  if (scratch_ == nullptr) {
    return Status::Internal("keyword prefilter: no scratch space");
  }
  seen_.assign(set_.count_, false);
  FindContext context{&seen_, found, set_.count_};
  // hs_scan takes an unsigned int length: scan very large content in
  // overlapping chunks so no keyword is split unseen.
  const size_t chunk = UINT_MAX / 2;
  size_t offset = 0;
  while (context.remaining > 0) {
    size_t length = std::min(chunk, content.size() - offset);
    hs_error_t rc = hs_scan(set_.db_, content.data() + offset,
                            static_cast<unsigned int>(length), 0, scratch_,
                            OnMatch, &context);
    if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) {
      return Status::Internal("keyword prefilter: scan failed (" +
                              std::to_string(rc) + ")");
    }
    if (offset + length >= content.size()) break;
    offset += length - (set_.longest_ > 0 ? set_.longest_ - 1 : 0);
  }
  return Status::Ok();
}

}  // namespace pushguard::match
