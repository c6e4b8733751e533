// LineReader and SeekOffset (declared in log_reader.h).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "audit/log_reader.h"
#include "audit/record_parser.h"

namespace pushguard::audit {
namespace {

constexpr size_t kChunk = 1 << 20;

std::string Errno(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

// Reads up to `size` bytes at `offset` (fewer at the end of the file).
Result<std::string> ReadAt(int fd, uint64_t offset, size_t size) {
  std::string out(size, '\0');
  ssize_t n;
  do {
    n = pread(fd, out.data(), size, static_cast<off_t>(offset));
  } while (n < 0 && errno == EINTR);
  if (n < 0) return Status::Io(Errno("read"));
  out.resize(static_cast<size_t>(n));
  return out;
}

// The time of the first record starting at or after `from` (a line start
// after it), and where that line starts; nullopt time past `limit`.
struct Probe {
  uint64_t line_start = 0;
  std::optional<int64_t> time;
};

Result<Probe> ProbeAt(int fd, uint64_t from, uint64_t limit,
                      RecordParser* parser, AuditRecord* scratch) {
  Probe probe{from, std::nullopt};
  uint64_t pos = from;
  bool at_line_start = from == 0;
  std::string carry;
  while (pos < limit) {
    Result<std::string> chunk = ReadAt(fd, pos, 1 << 16);
    if (!chunk.ok()) return chunk.status();
    if (chunk->empty()) break;
    size_t i = 0;
    while (i < chunk->size()) {
      if (!at_line_start) {
        size_t nl = chunk->find('\n', i);
        if (nl == std::string::npos) {
          i = chunk->size();
          break;
        }
        i = nl + 1;
        at_line_start = true;
        probe.line_start = pos + i;
        if (probe.line_start >= limit) return probe;
        continue;
      }
      size_t nl = chunk->find('\n', i);
      carry.append(*chunk, i,
                   nl == std::string::npos ? std::string::npos : nl - i);
      if (nl == std::string::npos) {
        i = chunk->size();
        break;
      }
      if (parser->Parse(RecordText(carry), scratch).ok()) {
        probe.time = scratch->time_ms;
        return probe;
      }
      carry.clear();  // not a record: try the next line
      i = nl + 1;
      probe.line_start = pos + i;
      if (probe.line_start >= limit) return probe;
    }
    pos += chunk->size();
  }
  return probe;
}

}  // namespace

LineReader::LineReader(std::string path, int fd, void* gz)
    : path_(std::move(path)), fd_(fd), gz_(gz) {}

LineReader::~LineReader() {
  if (gz_ != nullptr) gzclose(static_cast<gzFile>(gz_));
  if (fd_ >= 0) close(fd_);
}

Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::Io(Errno(path));
  }
  unsigned char magic[2] = {0, 0};
  bool gzip =
      pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  void* gz = nullptr;
  if (gzip) {
    int dup_fd = dup(fd);
    gz = dup_fd < 0 ? nullptr : gzdopen(dup_fd, "rb");
    if (gz == nullptr) {
      if (dup_fd >= 0) close(dup_fd);
      close(fd);
      return Status::Io(path + ": cannot open");
    }
    gzbuffer(static_cast<gzFile>(gz), 1 << 17);
  }
  return std::unique_ptr<LineReader>(new LineReader(path, fd, gz));
}

Status LineReader::Seek(uint64_t offset) {
  if (gz_ != nullptr) {
    return Status::InvalidArgument(path_ + ": cannot seek a compressed file");
  }
  if (lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) {
    return Status::Io(Errno(path_));
  }
  start_ = end_ = 0;
  eof_ = false;
  return Status::Ok();
}

Result<size_t> LineReader::Fill(char* to, size_t size) {
  if (gz_ != nullptr) {
    int n = gzread(static_cast<gzFile>(gz_), to, static_cast<unsigned>(size));
    if (n < 0) {
      int error = 0;
      return Status::Io(path_ + ": " +
                        gzerror(static_cast<gzFile>(gz_), &error));
    }
    return static_cast<size_t>(n);
  }
  ssize_t n;
  do {
    n = read(fd_, to, size);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return Status::Io(Errno(path_));
  return static_cast<size_t>(n);
}

Result<bool> LineReader::Next(std::string_view* line) {
  while (true) {
    const char* base = buffer_.data();
    const void* nl = std::memchr(base + start_, '\n', end_ - start_);
    if (nl != nullptr) {
      size_t at = static_cast<const char*>(nl) - base;
      *line = std::string_view(base + start_, at - start_);
      start_ = at + 1;
      return true;
    }
    if (eof_) {
      if (start_ == end_) return false;
      *line = std::string_view(base + start_, end_ - start_);
      start_ = end_;
      return true;
    }
    // Keep the partial line, then read more after it.
    if (start_ > 0) {
      std::memmove(buffer_.data(), base + start_, end_ - start_);
      end_ -= start_;
      start_ = 0;
    }
    if (buffer_.size() - end_ < kChunk / 2) {
      buffer_.resize(std::max(kChunk, buffer_.size() * 2));
    }
    Result<size_t> n = Fill(buffer_.data() + end_, buffer_.size() - end_);
    if (!n.ok()) return n.status();
    if (*n == 0) eof_ = true;
    end_ += *n;
  }
}

Result<uint64_t> SeekOffset(const std::string& path, int64_t time_ms) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Io(Errno(path));
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    close(fd);
    return Status::Io(Errno(path));
  }
  RecordParser parser;
  AuditRecord scratch;
  uint64_t lo = 0, hi = static_cast<uint64_t>(st.st_size);
  // Invariant: lo is a line start and no record before it is >= time_ms.
  while (hi - lo > (1 << 16)) {
    uint64_t mid = lo + (hi - lo) / 2;
    Result<Probe> probe = ProbeAt(fd, mid, hi, &parser, &scratch);
    if (!probe.ok()) {
      close(fd);
      return probe.status();
    }
    if (probe->time && *probe->time < time_ms) {
      lo = probe->line_start;
    } else {
      hi = mid;
    }
  }
  close(fd);
  return lo;
}

}  // namespace pushguard::audit
