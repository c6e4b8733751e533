#include "audit/log_reader.h"

#include <algorithm>
#include <deque>
#include <queue>
#include <unordered_set>

#include "audit/log_files.h"
#include "audit/record_parser.h"

namespace pushguard::audit {
namespace {

// How many recent push ids are remembered to drop a push seen twice (the
// same record in two files of a log, or in two logs): duplicates carry the
// same time, so they meet within the merge's order.
constexpr size_t kDedupeWindow = 4 * kReorderWindow;

// One log: its files oldest first, read in turn, its matching records put
// back in time order through a window of kReorderWindow records. Records
// live in a pool and are reused, so reading allocates next to nothing.
class LogStream {
 public:
  LogStream(std::vector<std::string> files, const ReadOptions& options,
            ReadSummary* summary)
      : files_(std::move(files)), options_(options), summary_(summary) {}

  // The next record in order, or nullptr at the end; valid until Release.
  Result<AuditRecord*> Peek() {
    size_t window = options_.in_order ? kReorderWindow : 1;
    while (heap_.size() < window && !done_) {
      Status s = ReadOne();
      if (!s.ok()) return s;
    }
    return heap_.empty() ? nullptr : heap_.top().record;
  }
  // Takes the record Peek returned off the stream; it is reused after the
  // next Release.
  void Pop() {
    if (released_ != nullptr) free_.push_back(released_);
    released_ = heap_.top().record;
    heap_.pop();
  }

 private:
  struct Entry {
    int64_t time_ms;
    uint64_t sequence;  // keeps equal times in file order
    AuditRecord* record;
    bool operator>(const Entry& o) const {
      return time_ms != o.time_ms ? time_ms > o.time_ms : sequence > o.sequence;
    }
  };

  AuditRecord* Fresh() {
    if (released_ != nullptr) {
      free_.push_back(released_);
      released_ = nullptr;
    }
    if (free_.empty()) {
      pool_.push_back(std::make_unique<AuditRecord>());
      return pool_.back().get();
    }
    AuditRecord* r = free_.back();
    free_.pop_back();
    return r;
  }

  Status OpenNext() {
    while (next_file_ < files_.size()) {
      const std::string& file = files_[next_file_++];
      Result<std::unique_ptr<LineReader>> reader = LineReader::Open(file);
      if (reader.status().code() == Status::Code::kNotFound &&
          next_file_ == files_.size()) {
        continue;  // the current file: no pushes yet
      }
      if (!reader.ok()) return reader.status();
      summary_->files.push_back(file);
      if (options_.filter.since && !(*reader)->compressed()) {
        Result<uint64_t> offset =
            SeekOffset(file, *options_.filter.since - kSeekSlackMs);
        if (!offset.ok()) return offset.status();
        Status s = (*reader)->Seek(*offset);
        if (!s.ok()) return s;
      }
      reader_ = std::move(*reader);
      return Status::Ok();
    }
    done_ = true;
    return Status::Ok();
  }

  // Reads one line (from the next file at the end of one).
  Status ReadOne() {
    if (reader_ == nullptr) return OpenNext();
    std::string_view line;
    Result<bool> more = reader_->Next(&line);
    if (!more.ok()) return more.status();
    if (!*more) {
      reader_.reset();
      return Status::Ok();
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      return Status::Ok();
    }
    AuditRecord* r = Fresh();
    if (!parser_.Parse(RecordText(line), r).ok()) {
      ++summary_->malformed;
      free_.push_back(r);
      return Status::Ok();
    }
    const Filter& f = options_.filter;
    if (f.until && r->time_ms >= *f.until + kSeekSlackMs) {
      reader_.reset();  // files are time-ordered: the rest is later still
      next_file_ = files_.size();
    }
    if (!Matches(*r, f)) {
      free_.push_back(r);
      return Status::Ok();
    }
    heap_.push({r->time_ms, sequence_++, r});
    return Status::Ok();
  }

  std::vector<std::string> files_;
  const ReadOptions& options_;
  ReadSummary* summary_;
  size_t next_file_ = 0;
  std::unique_ptr<LineReader> reader_;
  bool done_ = false;
  RecordParser parser_;
  std::vector<std::unique_ptr<AuditRecord>> pool_;
  std::vector<AuditRecord*> free_;
  AuditRecord* released_ = nullptr;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap_;
  uint64_t sequence_ = 0;
};

// The push ids of the last kDedupeWindow records passed on, as 64-bit
// hashes (a false match among 4,096 ids is a 1 in 2^52 chance).
class RecentIds {
 public:
  // False if `id` was seen recently (and remembers it otherwise).
  bool Insert(const std::string& id) {
    if (id.empty()) return true;
    uint64_t h = std::hash<std::string>()(id);
    if (!ids_.insert(h).second) return false;
    order_.push_back(h);
    if (order_.size() > kDedupeWindow) {
      ids_.erase(order_.front());
      order_.pop_front();
    }
    return true;
  }

 private:
  std::unordered_set<uint64_t> ids_;
  std::deque<uint64_t> order_;
};

}  // namespace

std::string_view RecordText(std::string_view line) {
  size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return {};
  if (line[start] == '{') return line.substr(start);
  size_t header_end = line.find(": {");
  return header_end == std::string_view::npos ? std::string_view()
                                              : line.substr(header_end + 2);
}

Status ReadLog(const std::vector<std::string>& logs, const ReadOptions& options,
               const std::function<void(const AuditRecord&)>& each,
               ReadSummary* summary) {
  std::vector<std::unique_ptr<LogStream>> streams;
  for (const std::string& log : logs) {
    streams.push_back(std::make_unique<LogStream>(
        options.rotated ? RotatedLogFiles(log) : std::vector<std::string>{log},
        options, summary));
  }
  RecentIds recent;
  while (true) {
    LogStream* first = nullptr;
    AuditRecord* record = nullptr;
    for (const std::unique_ptr<LogStream>& stream : streams) {
      Result<AuditRecord*> r = stream->Peek();
      if (!r.ok()) return r.status();
      if (*r != nullptr &&
          (record == nullptr || (*r)->time_ms < record->time_ms)) {
        first = stream.get();
        record = *r;
      }
    }
    if (record == nullptr) return Status::Ok();
    first->Pop();
    if (!recent.Insert(record->push_id)) {
      ++summary->duplicates;
      continue;
    }
    each(*record);
  }
}

}  // namespace pushguard::audit
