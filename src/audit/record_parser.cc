#include "audit/record_parser.h"

#include "audit/json_cursor.h"
#include "audit/timestamp.h"

namespace pushguard::audit {
namespace {

// Back to the defaults, keeping the strings' storage.
void ResetItem(RefUpdateRecord* r) {
  r->ref.clear();
  r->old_oid.clear();
  r->new_oid.clear();
  r->change.clear();
}
void ResetItem(FindingRecord* f) {
  for (std::string* s :
       {&f->kind, &f->rule, &f->mode, &f->severity, &f->ref, &f->commit,
        &f->path, &f->fingerprint, &f->allowed_by}) {
    s->clear();
  }
  f->would_block = false;
  f->line = f->column = f->marker_line = 0;
}
void ResetItem(Bypass* b) {
  for (std::string* s :
       {&b->user, &b->reason, &b->ref, &b->kind, &b->fingerprint, &b->path}) {
    s->clear();
  }
  b->rules.clear();
  b->commits.clear();
  b->marker_line = 0;
}

// Reuses the element at *n of *items, or one from *spare, or adds one;
// reset to its defaults.
template <typename T>
T& NextItem(std::vector<T>* items, size_t* n, std::vector<T>* spare) {
  if (*n == items->size()) {
    if (spare->empty()) {
      items->emplace_back();
    } else {
      items->push_back(std::move(spare->back()));
      spare->pop_back();
    }
  }
  ResetItem(&(*items)[*n]);
  return (*items)[(*n)++];
}

// Cuts *items to `n`, keeping the rest (and their storage) in *spare.
template <typename T>
void Trim(std::vector<T>* items, size_t n, std::vector<T>* spare) {
  while (items->size() > n) {
    spare->push_back(std::move(items->back()));
    items->pop_back();
  }
}

bool StringList(JsonCursor& in, std::vector<std::string>* out) {
  out->clear();
  return in.Array([&] {
    out->emplace_back();
    return in.String(&out->back());
  });
}

bool RefItem(JsonCursor& in, std::string* scratch, RefUpdateRecord* r) {
  return in.Object(scratch, [&](std::string_view k) {
    if (k == "ref") return in.String(&r->ref);
    if (k == "old") return in.String(&r->old_oid);
    if (k == "new") return in.String(&r->new_oid);
    if (k == "change") return in.String(&r->change);
    return in.Skip(1);
  });
}

bool FindingItem(JsonCursor& in, std::string* scratch, FindingRecord* f) {
  return in.Object(scratch, [&](std::string_view k) {
    if (k == "kind") return in.String(&f->kind);
    if (k == "rule") return in.String(&f->rule);
    if (k == "mode") return in.String(&f->mode);
    if (k == "severity") return in.String(&f->severity);
    if (k == "would_block") return in.Bool(&f->would_block);
    if (k == "ref") return in.String(&f->ref);
    if (k == "commit") return in.String(&f->commit);
    if (k == "path") return in.String(&f->path);
    if (k == "line") return in.Count(&f->line);
    if (k == "column") return in.Count(&f->column);
    if (k == "fingerprint") return in.String(&f->fingerprint);
    if (k == "allowed_by") return in.String(&f->allowed_by);
    if (k == "marker_line") return in.Count(&f->marker_line);
    return in.Skip(1);
  });
}

bool BypassItem(JsonCursor& in, std::string* scratch, Bypass* b) {
  bool ok = in.Object(scratch, [&](std::string_view k) {
    if (k == "user") return in.String(&b->user);
    if (k == "reason") return in.String(&b->reason);
    if (k == "rules") return StringList(in, &b->rules);
    if (k == "ref") return in.String(&b->ref);
    if (k == "commits") return StringList(in, &b->commits);
    if (k == "kind") return in.String(&b->kind);
    if (k == "fingerprint") return in.String(&b->fingerprint);
    if (k == "path") return in.String(&b->path);
    if (k == "marker_line") return in.Count(&b->marker_line);
    return in.Skip(1);
  });
  if (b->kind.empty()) b->kind = Bypass::kPushOption;  // absent: push option
  return ok;
}

// Parses a list member into the first *n items of *items (the rest keep
// their storage for later records; the caller trims). The last occurrence
// of a member wins, so the list restarts.
template <typename T, typename F>
bool List(JsonCursor& in, std::vector<T>* items, size_t* n,
          std::vector<T>* spare, F&& item) {
  *n = 0;
  return in.Array([&] { return item(NextItem(items, n, spare)); });
}

void Reset(AuditRecord* r) {
  r->time_ms = 0;
  for (std::string* s :
       {&r->push_id, &r->node, &r->repository, &r->user, &r->user_source,
        &r->protocol, &r->server, &r->verdict, &r->error, &r->pushguard_version,
        &r->policy_hash, &r->policy_commit}) {
    s->clear();
  }
  r->accepted = false;
  r->findings_total = r->blocking = r->warnings = r->would_block = 0;
  r->stats = ScanStats{};
  r->elapsed_ms = 0;
}

}  // namespace

// List items a record no longer needs, kept with their storage for the next.
struct RecordParser::Spare {
  std::vector<RefUpdateRecord> refs;
  std::vector<FindingRecord> findings;
  std::vector<Bypass> bypasses;
};

RecordParser::RecordParser() : spare_(std::make_unique<Spare>()) {}
RecordParser::~RecordParser() = default;

Status RecordParser::Parse(std::string_view line, AuditRecord* r) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  Reset(r);
  JsonCursor in(line);
  if (in.Peek() != '{') {
    return Status::InvalidArgument(in.AtEnd() ? "empty line"
                                              : "not a JSON object");
  }
  std::string& time = time_;
  time.clear();
  size_t refs = 0, findings = 0, bypasses = 0;  // list sizes
  bool ok = in.Object(&scratch_, [&](std::string_view k) {
    std::string* s = nullptr;
    if (k == "time")
      s = &time;
    else if (k == "push_id")
      s = &r->push_id;
    else if (k == "node")
      s = &r->node;
    else if (k == "repository")
      s = &r->repository;
    else if (k == "user")
      s = &r->user;
    else if (k == "user_source")
      s = &r->user_source;
    else if (k == "protocol")
      s = &r->protocol;
    else if (k == "server")
      s = &r->server;
    else if (k == "verdict")
      s = &r->verdict;
    else if (k == "error")
      s = &r->error;
    else if (k == "pushguard_version")
      s = &r->pushguard_version;
    else if (k == "policy_hash")
      s = &r->policy_hash;
    else if (k == "policy_commit")
      s = &r->policy_commit;
    if (s != nullptr) return in.String(s);
    if (k == "accepted") return in.Bool(&r->accepted);
    if (k == "findings_total") return in.Count(&r->findings_total);
    if (k == "blocking") return in.Count(&r->blocking);
    if (k == "warnings") return in.Count(&r->warnings);
    if (k == "would_block") return in.Count(&r->would_block);
    if (k == "elapsed_ms") return in.Count(&r->elapsed_ms);
    if (k == "refs") {
      return List(in, &r->refs, &refs, &spare_->refs, [&](RefUpdateRecord& u) {
        return RefItem(in, &scratch_, &u);
      });
    }
    if (k == "findings") {
      return List(
          in, &r->findings, &findings, &spare_->findings,
          [&](FindingRecord& f) { return FindingItem(in, &scratch_, &f); });
    }
    if (k == "bypasses") {
      return List(in, &r->bypasses, &bypasses, &spare_->bypasses,
                  [&](Bypass& b) { return BypassItem(in, &scratch_, &b); });
    }
    if (k == "stats") {
      r->stats = ScanStats{};
      return in.Object(&scratch_, [&](std::string_view sk) {
        if (sk == "commits") return in.Count(&r->stats.commits);
        if (sk == "blobs") return in.Count(&r->stats.blobs);
        if (sk == "bytes") return in.Count(&r->stats.bytes);
        return in.Skip(1);
      });
    }
    return in.Skip(1);
  });
  Trim(&r->refs, refs, &spare_->refs);
  Trim(&r->findings, findings, &spare_->findings);
  Trim(&r->bypasses, bypasses, &spare_->bypasses);
  if (!ok || !in.AtEnd()) return Status::InvalidArgument("invalid JSON");
  std::optional<int64_t> t = ParseTimestamp(time);
  if (!t) return Status::InvalidArgument("missing or invalid \"time\"");
  r->time_ms = *t;
  r->raw.assign(line.data(), line.size());
  return Status::Ok();
}

}  // namespace pushguard::audit
