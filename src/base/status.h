// Status and Result<T>: how every module reports success or failure across
// its boundary. Foreign errors (libgit2, PCRE2, yaml-cpp) are converted to a
// Status where they occur; nothing below cli/ prints or exits.
//
//   Result<Repo> repo = Repo::Open(dir);
//   if (!repo.ok()) return repo.status();
//   Use(*repo);
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace pushguard {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kInvalidArgument,  // bad usage, bad input from the pusher or stdin
    kConfig,           // bad policy / rule files
    kNotFound,
    kCorruption,   // unreadable or inconsistent repository data
    kUnsupported,  // e.g. a SHA-256 repository
    kIo,
    kTimeout,
    kInternal,
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return Status(Code::kInvalidArgument, std::move(m));
  }
  static Status Config(std::string m) {
    return Status(Code::kConfig, std::move(m));
  }
  static Status NotFound(std::string m) {
    return Status(Code::kNotFound, std::move(m));
  }
  static Status Corruption(std::string m) {
    return Status(Code::kCorruption, std::move(m));
  }
  static Status Unsupported(std::string m) {
    return Status(Code::kUnsupported, std::move(m));
  }
  static Status Io(std::string m) { return Status(Code::kIo, std::move(m)); }
  static Status Timeout(std::string m) {
    return Status(Code::kTimeout, std::move(m));
  }
  static Status Internal(std::string m) {
    return Status(Code::kInternal, std::move(m));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "<prefix>: <message>".
  Status Prefixed(const std::string& prefix) const {
    return Status(code_, prefix + ": " + message_);
  }

 private:
  Status(Code code, std::string message)
      : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or a non-ok Status. REQUIRES: value() only when ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}
  Result(Status status) : status_(std::move(status)) {
    if (status_.ok()) status_ = Status::Internal("Result built from ok Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace pushguard
