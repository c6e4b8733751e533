#include "audit/log_files.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace pushguard::audit {
namespace {

namespace fs = std::filesystem;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view WithoutGz(std::string_view name) {
  if (name.ends_with(".gz")) name.remove_suffix(3);
  return name;
}

// Passes complete lines of `buffer` to `each`, keeping the incomplete rest.
void EmitLines(std::string* buffer,
               const std::function<void(std::string_view)>& each) {
  size_t start = 0;
  for (size_t nl; (nl = buffer->find('\n', start)) != std::string::npos;
       start = nl + 1) {
    each(std::string_view(*buffer).substr(start, nl - start));
  }
  buffer->erase(0, start);
}

}  // namespace

std::vector<std::string> RotatedLogFiles(const std::string& current) {
  fs::path path(current);
  std::string base = path.filename().string();
  std::vector<std::pair<uint64_t, std::string>> numbered;
  std::vector<std::string> dated;
  std::error_code ec;
  fs::path dir = path.has_parent_path() ? path.parent_path() : ".";
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() <= base.size() + 1 || !name.starts_with(base)) continue;
    std::string_view suffix =
        WithoutGz(std::string_view(name).substr(base.size()));
    if (suffix.size() > 1 && suffix[0] == '.' && AllDigits(suffix.substr(1))) {
      numbered.push_back(
          {std::stoull(std::string(suffix.substr(1))), entry.path().string()});
    } else if (suffix.size() > 1 && suffix[0] == '-' &&
               AllDigits(suffix.substr(1))) {
      dated.push_back(entry.path().string());
    }
  }
  std::sort(dated.begin(), dated.end());
  std::sort(numbered.begin(), numbered.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> files = dated;
  for (const auto& [n, file] : numbered) files.push_back(file);
  files.push_back(current);
  return files;
}

Status ReadLines(const std::string& path,
                 const std::function<void(std::string_view)>& each) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::Io(path + ": " + std::strerror(errno));
  }
  gzFile gz = gzopen(path.c_str(), "rb");  // reads plain files as they are
  if (gz == nullptr) return Status::Io(path + ": cannot open");
  gzbuffer(gz, 1 << 16);
  std::string buffer;
  char chunk[1 << 16];
  int n;
  while ((n = gzread(gz, chunk, sizeof chunk)) > 0) {
    buffer.append(chunk, static_cast<size_t>(n));
    EmitLines(&buffer, each);
  }
  int error = 0;
  std::string message = n < 0 ? gzerror(gz, &error) : "";
  gzclose(gz);
  if (n < 0) return Status::Io(path + ": " + message);
  if (!buffer.empty()) each(buffer);
  return Status::Ok();
}

LogTail::LogTail(std::string path) : path_(std::move(path)) {
  struct stat st {};
  if (stat(path_.c_str(), &st) == 0) {
    inode_ = st.st_ino;
    offset_ = static_cast<uint64_t>(st.st_size);
  }
}

Status LogTail::Poll(const std::function<void(std::string_view)>& each) {
  struct stat st {};
  if (stat(path_.c_str(), &st) != 0) return Status::Ok();  // mid-rotation
  uint64_t size = static_cast<uint64_t>(st.st_size);
  if (st.st_ino != inode_ || size < offset_) {
    inode_ = st.st_ino;
    offset_ = 0;
    partial_.clear();
  }
  if (size == offset_) return Status::Ok();
  std::ifstream in(path_, std::ios::binary);
  if (!in) return Status::Io(path_ + ": cannot open");
  in.seekg(static_cast<std::streamoff>(offset_));
  std::string data(size - offset_, '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<size_t>(in.gcount()));
  offset_ += data.size();
  partial_ += data;
  EmitLines(&partial_, each);
  return Status::Ok();
}

}  // namespace pushguard::audit
