// Writes audit records through spdlog to the configured sinks: a JSON-lines
// file and, optionally, syslog/journald. The logger is private to the
// AuditLog (never spdlog's global registry).
//
//   AuditLog log({.file = "/var/log/pushguard/audit.jsonl", .syslog = true});
//   Status s = log.Write(record);   // report s; fail closed if required
#pragma once

#include <memory>
#include <string>

#include "audit/record.h"
#include "base/status.h"

namespace spdlog {
class logger;
}

namespace pushguard::audit {

inline constexpr char kDefaultAuditFile[] = "/var/log/pushguard/audit.jsonl";
inline constexpr char kDefaultSyslogSocket[] = "/dev/log";

struct AuditConfig {
  std::string file = kDefaultAuditFile;  // "" writes no file
  bool syslog = false;
  std::string syslog_socket = kDefaultSyslogSocket;
};

class AppendFileSink;
class SyslogSocketSink;

class AuditLog {
 public:
  explicit AuditLog(const AuditConfig& config);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Writes `record` to every sink: the whole record to the file; to syslog
  // the same record with at most kSyslogFindings findings (the counts stay
  // exact), since syslog transports limit message size. Returns Io naming
  // every sink that failed, or Ok.
  Status Write(const AuditRecord& record);

  static constexpr size_t kSyslogFindings = 20;

 private:
  std::shared_ptr<AppendFileSink> file_sink_;
  std::shared_ptr<SyslogSocketSink> syslog_sink_;
  std::shared_ptr<spdlog::logger> file_logger_;
  std::shared_ptr<spdlog::logger> syslog_logger_;
};

// A fresh random push id: 16 lowercase hex digits from getrandom().
std::string NewPushId();

// This server node's host name, or "unknown".
std::string NodeName();

}  // namespace pushguard::audit
