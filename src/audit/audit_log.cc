#include "audit/audit_log.h"

#include <spdlog/logger.h>
#include <sys/random.h>
#include <unistd.h>

#include <chrono>
#include <random>

#include "audit/sinks.h"

namespace pushguard::audit {
namespace {

spdlog::level::level_enum LevelOf(const AuditRecord& record) {
  if (record.verdict == "error") return spdlog::level::err;
  if (record.verdict == "reject") return spdlog::level::warn;
  return spdlog::level::info;
}

std::shared_ptr<spdlog::logger> MakeLogger(spdlog::sink_ptr sink) {
  auto logger = std::make_shared<spdlog::logger>("pushguard-audit", sink);
  logger->set_level(spdlog::level::trace);
  // Sinks report their own status; spdlog must not print anything.
  logger->set_error_handler([](const std::string&) {});
  return logger;
}

}  // namespace

AuditLog::AuditLog(const AuditConfig& config) {
  if (!config.file.empty()) {
    file_sink_ = std::make_shared<AppendFileSink>(config.file);
    file_logger_ = MakeLogger(file_sink_);
  }
  if (config.syslog) {
    syslog_sink_ = std::make_shared<SyslogSocketSink>(config.syslog_socket);
    syslog_logger_ = MakeLogger(syslog_sink_);
  }
}

AuditLog::~AuditLog() = default;

Status AuditLog::Write(const AuditRecord& record) {
  std::string problems;
  spdlog::level::level_enum level = LevelOf(record);
  if (file_logger_) {
    std::string line = ToJsonLine(record);
    file_logger_->log(level, spdlog::string_view_t(line.data(), line.size()));
    if (!file_sink_->status().ok()) problems = file_sink_->status().message();
  }
  if (syslog_logger_) {
    AuditRecord compact = record;
    if (compact.findings.size() > kSyslogFindings) {
      compact.findings.resize(kSyslogFindings);
    }
    std::string line = ToJsonLine(compact);
    syslog_logger_->log(level, spdlog::string_view_t(line.data(), line.size()));
    if (!syslog_sink_->status().ok()) {
      if (!problems.empty()) problems += "; ";
      problems += syslog_sink_->status().message();
    }
  }
  return problems.empty() ? Status::Ok() : Status::Io(problems);
}

std::string NewPushId() {
  unsigned char bytes[8];
  if (getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
    std::random_device rd;
    for (unsigned char& b : bytes) b = static_cast<unsigned char>(rd());
  }
  static const char kHex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char b : bytes) {
    id += kHex[b >> 4];
    id += kHex[b & 15];
  }
  return id;
}

std::string NodeName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') {
    return "unknown";
  }
  return name;
}

}  // namespace pushguard::audit
