#include "cli/log_output.h"

#include <glob.h>

#include <algorithm>
#include <iostream>

#include "audit/html_report.h"
#include "audit/log_files.h"
#include "audit/log_format.h"
#include "audit/timestamp.h"
#include "base/strings.h"

namespace pushguard::cli {
namespace {

constexpr size_t kFlushBytes = 1 << 16;
constexpr size_t kFollowMemory = 4096;  // push ids kept for --follow

}  // namespace

LogOutput::LogOutput(std::string format, bool stats, bool follow,
                     bool with_node)
    : format_(std::move(format)),
      stats_(stats),
      follow_(follow),
      with_node_(with_node) {
  if (follow_ && format_ == "table") {
    streaming_ = true;
    pending_ = audit::TableHeaderFixed(with_node_);
  }
  if (format_ == "csv") pending_ = audit::CsvHeader();
}

void LogOutput::Add(const audit::AuditRecord& r) {
  if (stats_ || format_ == "html") {
    builder_.Add(r);
    if (format_ == "html" && r.verdict == "reject") {
      rejections_.push_back(r);
      if (rejections_.size() > audit::kMaxHtmlRejections) {
        rejections_.pop_front();
      }
    }
    return;
  }
  if (format_ == "table" && !streaming_) {
    table_.push_back(r);
    if (table_.size() <= kAlignedTableRows) return;
    streaming_ = true;
    pending_ += audit::TableHeaderFixed(with_node_);
    for (const audit::AuditRecord& held : table_) Print(held);
    table_.clear();
    table_.shrink_to_fit();
    return;
  }
  Print(r);
}

void LogOutput::Print(const audit::AuditRecord& r) {
  pending_ += format_ == "csv"    ? audit::CsvRow(r)
              : format_ == "json" ? audit::JsonLine(r)
                                  : audit::TableRowFixed(r, with_node_);
  if (follow_ && !r.push_id.empty()) {
    printed_.push_back(r.push_id);
    if (printed_.size() > kFollowMemory) printed_.pop_front();
  }
  if (pending_.size() >= kFlushBytes) {
    std::cout.write(pending_.data(),
                    static_cast<std::streamsize>(pending_.size()));
    pending_.clear();
  }
}

void LogOutput::Finish() {
  if (format_ == "html") {
    std::vector<audit::AuditRecord> records(rejections_.begin(),
                                            rejections_.end());
    std::stable_sort(
        records.begin(), records.end(),
        [](const audit::AuditRecord& a, const audit::AuditRecord& b) {
          return a.time_ms < b.time_ms;
        });
    pending_ +=
        audit::RenderHtml(builder_.Finish(), records, audit::NowMillis());
  } else if (stats_) {
    audit::LogStats s = builder_.Finish();
    pending_ += format_ == "json" ? audit::RenderStatsJson(s)
                                  : audit::RenderStatsText(s);
  } else if (format_ == "table" && !streaming_) {
    pending_ += audit::RenderTable(table_, with_node_);
  }
  std::cout << pending_ << std::flush;
  pending_.clear();
}

std::unordered_set<std::string> LogOutput::TakePrinted() {
  return {printed_.begin(), printed_.end()};
}

Result<std::vector<std::string>> ExpandLogPaths(
    const std::vector<std::string>& values, bool rotated) {
  std::vector<std::string> paths;
  for (const std::string& value : values) {
    if (value.find_first_of("*?[") == std::string::npos) {
      paths.push_back(value);
      continue;
    }
    glob_t g{};
    int rc = glob(value.c_str(), GLOB_ERR, nullptr, &g);
    if (rc == 0) {
      for (size_t i = 0; i < g.gl_pathc; ++i) paths.push_back(g.gl_pathv[i]);
    }
    globfree(&g);
    if (rc == GLOB_NOMATCH) {
      return Status::NotFound("--file " + value + ": no file matches");
    }
    if (rc != 0) return Status::Io("--file " + value + ": cannot read");
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  if (!rotated) return paths;
  std::vector<std::string> logs;
  for (const std::string& path : paths) {
    bool rotation = std::any_of(paths.begin(), paths.end(), [&](const auto& p) {
      if (p == path || !StartsWith(path, p)) return false;
      std::vector<std::string> files = audit::RotatedLogFiles(p);
      return std::find(files.begin(), files.end(), path) != files.end();
    });
    if (!rotation) logs.push_back(path);
  }
  return logs;
}

}  // namespace pushguard::cli
