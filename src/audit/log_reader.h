// Streaming the audit log: records are read one line at a time and handed
// on, so memory stays constant whatever the size of the log.
//
//   ReadOptions options;
//   options.filter.since = ...;
//   ReadSummary summary;
//   Status s = ReadLog({"/var/log/pushguard/audit.jsonl"}, options,
//                      [](const AuditRecord& r) { ... }, &summary);
//
// Several logs (one per node, collected in one directory) are merged into
// one stream in time order. Each log is its current file and, optionally,
// its rotations (log_files.h), read oldest first.
//
// Order: the hook stamps a record when the push starts and appends it when
// it ends, so a log is time-ordered only up to the pushes that overlapped.
// Each log is put back in order through a window of kReorderWindow records,
// so the merged stream is in time order unless more than that many pushes
// ended during one push. --since relies on the same near-order: it seeks
// in plain files to kSeekSlackMs before the time asked for.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "audit/query.h"
#include "audit/record.h"
#include "base/status.h"

namespace pushguard::audit {

inline constexpr size_t kReorderWindow = 1024;
inline constexpr int64_t kSeekSlackMs = 3600 * 1000;  // one hour

// The record in a log line: the line itself when it is a JSON object, else
// what follows the first ": {" (the end of a syslog header, as rsyslog,
// syslog-ng, journald exports and most log shippers write it:
// "Nov 30 21:58:50 git1 pushguard[42]: {...}"); "" if neither.
std::string_view RecordText(std::string_view line);

// Reads one file, plain or gzip-compressed (detected by content), line by
// line in large chunks. Plain files can start at a byte offset.
class LineReader {
 public:
  // NotFound if `path` does not exist, Io if it cannot be opened.
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  bool compressed() const { return gz_ != nullptr; }
  // Plain files only: the next line read starts at `offset` (which should
  // be a line start).
  Status Seek(uint64_t offset);
  // The next line without its '\n' (a last line without one too), valid
  // until the next call; false at the end. Io on a read error.
  Result<bool> Next(std::string_view* line);

 private:
  LineReader(std::string path, int fd, void* gz);
  Result<size_t> Fill(char* to, size_t size);

  std::string path_;
  int fd_ = -1;
  void* gz_ = nullptr;  // gzFile when compressed
  std::string buffer_;
  size_t start_ = 0, end_ = 0;  // unread bytes in buffer_
  bool eof_ = false;
};

// The byte offset of a line start in the plain file `path` at or before
// the first record whose time is >= `time_ms`, found by binary search on
// byte offsets; every record from there on is read to find the rest (the
// file is assumed time-ordered, as the hook writes it). 0 when unsure.
Result<uint64_t> SeekOffset(const std::string& path, int64_t time_ms);

struct ReadOptions {
  bool rotated = true;  // read each log's rotations too
  Filter filter;        // records that do not match are not passed on
  // false: each log's records in file order (no reordering window), for a
  // summary that does not depend on order; the logs are still merged by
  // time, so a push in two logs is still seen once.
  bool in_order = true;
};

struct ReadSummary {
  std::vector<std::string> files;  // the files read, per log oldest first
  size_t malformed = 0;            // lines that were not records
  size_t duplicates = 0;           // the same push_id seen again
};

// Calls `each` with every record of `logs` matching options.filter, in time
// order (see above), each push once. A missing current file is fine (no
// pushes yet); any other read error stops and is returned.
Status ReadLog(const std::vector<std::string>& logs, const ReadOptions& options,
               const std::function<void(const AuditRecord&)>& each,
               ReadSummary* summary);

}  // namespace pushguard::audit
