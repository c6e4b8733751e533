#include "audit/sinks.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <thread>

namespace pushguard::audit {
namespace {

constexpr auto kLockWait = std::chrono::seconds(5);

std::string Errno(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

// Waits up to kLockWait for an exclusive lock. Without it, O_APPEND still
// keeps single writes whole on local file systems.
bool LockExclusive(int fd) {
  auto deadline = std::chrono::steady_clock::now() + kLockWait;
  while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) return false;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

// Writes all of `data`; false (errno set) if it could not.
bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

Status AppendLine(const std::string& path, std::string_view payload) {
  std::string line(payload);
  if (line.empty() || line.back() != '\n') line += '\n';
  int fd = open(path.c_str(),
                O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640);
  if (fd < 0) return Status::Io(Errno("cannot open " + path));
  struct stat st {};
  bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  bool locked = regular && LockExclusive(fd);
  off_t before = locked ? lseek(fd, 0, SEEK_END) : -1;
  Status status;
  if (!WriteAll(fd, line.data(), line.size())) {
    status = Status::Io(Errno("cannot write " + path));
    if (before >= 0 && ftruncate(fd, before) != 0) {
      status = Status::Io(status.message() +
                          " (and the partial record could not be removed)");
    }
  }
  if (locked) flock(fd, LOCK_UN);
  if (close(fd) != 0 && status.ok()) {
    status = Status::Io(Errno("cannot write " + path));
  }
  return status;
}

int SyslogSeverity(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::err:
    case spdlog::level::critical:
      return 3;
    case spdlog::level::warn:
      return 4;
    default:
      return 6;
  }
}

// "<14>May  1 12:34:56 pushguard[42]: "
std::string SyslogHeader(spdlog::level::level_enum level) {
  constexpr int kFacilityUser = 1;
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%b %e %H:%M:%S", &tm);
  return "<" + std::to_string(kFacilityUser * 8 + SyslogSeverity(level)) + ">" +
         stamp + " pushguard[" + std::to_string(getpid()) + "]: ";
}

// Sends `message` over a unix socket of `type`. *wrong_type is set when the
// socket exists but is of the other type.
Status SendToSocket(const std::string& path, int type,
                    const std::string& message, bool* wrong_type) {
  *wrong_type = false;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    return Status::InvalidArgument("syslog socket path too long: " + path);
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::Io(Errno("syslog: socket"));
  Status status;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    *wrong_type = errno == EPROTOTYPE;
    status = Status::Io(Errno("syslog: cannot connect to " + path));
  } else if (type == SOCK_DGRAM) {
    if (send(fd, message.data(), message.size(), 0) < 0) {
      status = Status::Io(Errno("syslog: cannot send to " + path));
    }
  } else if (!WriteAll(fd, message.c_str(), message.size() + 1)) {
    status = Status::Io(Errno("syslog: cannot send to " + path));
  }
  close(fd);
  return status;
}

}  // namespace

AppendFileSink::AppendFileSink(std::string path) : path_(std::move(path)) {}

void AppendFileSink::sink_it_(const spdlog::details::log_msg& msg) {
  status_ = AppendLine(
      path_, std::string_view(msg.payload.data(), msg.payload.size()));
}

SyslogSocketSink::SyslogSocketSink(std::string socket_path)
    : socket_path_(std::move(socket_path)) {}

void SyslogSocketSink::sink_it_(const spdlog::details::log_msg& msg) {
  std::string message = SyslogHeader(msg.level);
  message.append(msg.payload.data(), msg.payload.size());
  while (!message.empty() && message.back() == '\n') message.pop_back();
  bool wrong_type = false;
  status_ = SendToSocket(socket_path_, SOCK_DGRAM, message, &wrong_type);
  if (wrong_type) {
    // syslog-ng may listen on a stream socket; frame like glibc (NUL).
    status_ = SendToSocket(socket_path_, SOCK_STREAM, message, &wrong_type);
  }
}

}  // namespace pushguard::audit
