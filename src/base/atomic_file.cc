#include "base/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace pushguard {

Status WriteFileAtomically(const std::string& path, std::string_view bytes,
                           mode_t mode, bool durable) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string temp = dir + "/." + name + ".XXXXXX";
  int fd = mkstemp(temp.data());
  if (fd < 0) return Status::Io(path + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  int error = done == bytes.size() ? 0 : (errno != 0 ? errno : EIO);
  if (error == 0 && fchmod(fd, mode) != 0) error = errno;
  if (error == 0 && durable && fsync(fd) != 0) error = errno;
  if (close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && std::rename(temp.c_str(), path.c_str()) != 0) {
    error = errno;
  }
  if (error == 0) return Status::Ok();
  unlink(temp.c_str());
  return Status::Io(path + ": " + std::strerror(error));
}

bool IsAtomicTempName(std::string_view name) {
  // ".<name>.XXXXXX": a dot, at least one character, a dot, six more.
  return name.size() >= 9 && name[0] == '.' && name[name.size() - 7] == '.';
}

}  // namespace pushguard
