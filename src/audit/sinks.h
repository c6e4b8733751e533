// spdlog sinks for audit records. Each remembers whether its last write
// succeeded, because an audit record that could not be written must be
// reported (and with audit.required, reject the push); spdlog itself would
// only print an error. Thread-safe (std::mutex).
#pragma once

#include <spdlog/sinks/base_sink.h>

#include <mutex>
#include <string>

#include "base/status.h"

namespace pushguard::audit {

// Appends each message as one line to a file opened with O_APPEND, in a
// single write() under an exclusive flock, so records from many hooks
// running at once never interleave. If a write fails part-way, the partial
// line is cut off again (ftruncate under the lock): no record is ever
// truncated in the log. The file is created with mode 0640; its directory
// must exist.
class AppendFileSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit AppendFileSink(std::string path);
  Status status() const { return status_; }
  const std::string& path() const { return path_; }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}

 private:
  std::string path_;
  Status status_;
};

// Sends each message to the local syslog daemon or journald through its
// socket (default /dev/log) in the traditional BSD format that both accept:
// "<PRI>Mmm dd hh:mm:ss pushguard[PID]: MESSAGE", facility user, severity
// from the message level (info, warning, err).
class SyslogSocketSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit SyslogSocketSink(std::string socket_path);
  Status status() const { return status_; }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}

 private:
  std::string socket_path_;
  Status status_;
};

}  // namespace pushguard::audit
