// Finding and reading audit log files: the current file and the rotations
// logrotate leaves beside it, plain or gzip-compressed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace pushguard::audit {

// `current` and its rotations that exist, oldest first:
//   audit.jsonl-20240501[.gz] ... (logrotate dateext, by name), then
//   audit.jsonl.3.gz, audit.jsonl.2.gz, audit.jsonl.1 (numbered, highest
//   first), then audit.jsonl itself (listed even if missing: it may appear).
std::vector<std::string> RotatedLogFiles(const std::string& current);

// Calls `each` with every line of `path` (without its '\n'). gzip files are
// decompressed (detected by content, not name; concatenated members are
// read too). A missing file is NotFound; a read or decompression error is Io.
// A final line without '\n' is passed too.
Status ReadLines(const std::string& path,
                 const std::function<void(std::string_view)>& each);

// Reads what was appended to a plain file since the last call, one complete
// line at a time, following rotation: when the path names a new file (other
// inode) or the file shrank, reading restarts at the new file's beginning.
class LogTail {
 public:
  // Starts at the current end of `path` (nothing already there is read).
  explicit LogTail(std::string path);
  // Calls `each` for every complete line that arrived since.
  Status Poll(const std::function<void(std::string_view)>& each);

 private:
  std::string path_;
  uint64_t inode_ = 0;
  uint64_t offset_ = 0;
  std::string partial_;  // an incomplete last line, kept for the next poll
};

}  // namespace pushguard::audit
