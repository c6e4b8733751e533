// A small JSON reader for the audit log's own records (and tests that check
// pushguard's JSON output). Strict RFC 8259: one value, no comments, no
// trailing commas; nesting is limited so hostile input cannot exhaust the
// stack.
//
//   Result<JsonValue> v = ParseJson(R"({"a":[1,"x"]})");
//   if (v.ok()) v->Get("a").At(1).AsString() == "x";
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace pushguard::audit {

class JsonValue {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  JsonValue() = default;
  static JsonValue Bool(bool b);
  static JsonValue Number(double d);
  static JsonValue String(std::string s);
  static JsonValue Array(std::vector<JsonValue> items);
  static JsonValue Object(std::map<std::string, JsonValue> members);

  Type type() const { return type_; }
  bool IsNull() const { return type_ == Type::kNull; }
  bool IsObject() const { return type_ == Type::kObject; }
  bool IsArray() const { return type_ == Type::kArray; }
  bool IsString() const { return type_ == Type::kString; }
  bool IsNumber() const { return type_ == Type::kNumber; }
  bool IsBool() const { return type_ == Type::kBool; }

  // Typed access with a fallback when the value has another type.
  bool AsBool(bool fallback = false) const;
  double AsNumber(double fallback = 0) const;
  std::string AsString(const std::string& fallback = "") const;
  const std::vector<JsonValue>& Items() const;  // empty unless an array
  const std::map<std::string, JsonValue>& Members()
      const;  // empty unless object

  // The member `key` of an object, or a null value. Never throws.
  const JsonValue& Get(const std::string& key) const;
  bool Has(const std::string& key) const;
  // The item at `i` of an array, or a null value.
  const JsonValue& At(size_t i) const;

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> items_;
  std::map<std::string, JsonValue> members_;
};

// Parses exactly one JSON value (surrounding whitespace allowed). Errors are
// InvalidArgument naming the byte offset.
Result<JsonValue> ParseJson(std::string_view text);

}  // namespace pushguard::audit
