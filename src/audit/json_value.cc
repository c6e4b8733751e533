#include "audit/json_value.h"

#include <cmath>
#include <cstdlib>

#include "audit/json_cursor.h"  // DecodeJsonEscape

namespace pushguard::audit {
namespace {

constexpr int kMaxDepth = 64;

const JsonValue& NullValue() {
  static const JsonValue null;
  return null;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<JsonValue> ParseDocument() {
    JsonValue value;
    if (!ParseValue(0, &value)) return Error();
    SkipSpace();
    if (pos_ != text_.size()) {
      error_ = "unexpected data after the value";
      return Error();
    }
    return value;
  }

 private:
  Status Error() const {
    return Status::InvalidArgument("invalid JSON at byte " +
                                   std::to_string(pos_) + ": " + error_);
  }

  bool Fail(const std::string& message) {
    if (error_.empty()) error_ = message;
    return false;
  }

  void SkipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
            text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return Fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool ParseValue(int depth, JsonValue* out) {
    if (depth > kMaxDepth) return Fail("nested too deeply");
    SkipSpace();
    if (pos_ >= text_.size()) return Fail("unexpected end of input");
    char c = text_[pos_];
    if (c == '{') return ParseObject(depth, out);
    if (c == '[') return ParseArray(depth, out);
    if (c == '"') {
      std::string s;
      if (!ParseString(&s)) return false;
      *out = JsonValue::String(std::move(s));
      return true;
    }
    if (c == 't')
      return Literal("true") && (*out = JsonValue::Bool(true), true);
    if (c == 'f') {
      return Literal("false") && (*out = JsonValue::Bool(false), true);
    }
    if (c == 'n') return Literal("null") && (*out = JsonValue(), true);
    return ParseNumber(out);
  }

  bool ParseNumber(JsonValue* out) {
    size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    auto digits = [&] {
      size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        ++pos_;
      }
      return pos_ > from;
    };
    if (pos_ < text_.size() && text_[pos_] == '0') {
      ++pos_;
    } else if (!digits()) {
      return Fail("expected a value");
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digits()) return Fail("expected digits after '.'");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) {
        ++pos_;
      }
      if (!digits()) return Fail("expected an exponent");
    }
    std::string number(text_.substr(start, pos_ - start));
    *out = JsonValue::Number(std::strtod(number.c_str(), nullptr));
    return true;
  }

  bool ParseEscape(std::string* out) {
    const char* error = DecodeJsonEscape(text_, &pos_, out);
    return error == nullptr || Fail(error);
  }

  bool ParseString(std::string* out) {
    ++pos_;  // the opening quote
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) {
        return Fail("raw control character in string");
      }
      if (c == '\\') {
        if (!ParseEscape(out)) return false;
      } else {
        out->push_back(c);
      }
    }
    return Fail("unterminated string");
  }

  bool ParseArray(int depth, JsonValue* out) {
    ++pos_;
    std::vector<JsonValue> items;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      *out = JsonValue::Array({});
      return true;
    }
    while (true) {
      JsonValue item;
      if (!ParseValue(depth + 1, &item)) return false;
      items.push_back(std::move(item));
      SkipSpace();
      if (pos_ >= text_.size()) return Fail("unterminated array");
      char c = text_[pos_++];
      if (c == ']') break;
      if (c != ',') return Fail("expected ',' or ']'");
    }
    *out = JsonValue::Array(std::move(items));
    return true;
  }

  bool ParseObject(int depth, JsonValue* out) {
    ++pos_;
    std::map<std::string, JsonValue> members;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      *out = JsonValue::Object({});
      return true;
    }
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        return Fail("expected a member name");
      }
      std::string key;
      if (!ParseString(&key)) return false;
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_++] != ':') {
        return Fail("expected ':'");
      }
      JsonValue value;
      if (!ParseValue(depth + 1, &value)) return false;
      members[key] = std::move(value);
      SkipSpace();
      if (pos_ >= text_.size()) return Fail("unterminated object");
      char c = text_[pos_++];
      if (c == '}') break;
      if (c != ',') return Fail("expected ',' or '}'");
    }
    *out = JsonValue::Object(std::move(members));
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

JsonValue JsonValue::Bool(bool b) {
  JsonValue v;
  v.type_ = Type::kBool;
  v.bool_ = b;
  return v;
}

JsonValue JsonValue::Number(double d) {
  JsonValue v;
  v.type_ = Type::kNumber;
  v.number_ = d;
  return v;
}

JsonValue JsonValue::String(std::string s) {
  JsonValue v;
  v.type_ = Type::kString;
  v.string_ = std::move(s);
  return v;
}

JsonValue JsonValue::Array(std::vector<JsonValue> items) {
  JsonValue v;
  v.type_ = Type::kArray;
  v.items_ = std::move(items);
  return v;
}

JsonValue JsonValue::Object(std::map<std::string, JsonValue> members) {
  JsonValue v;
  v.type_ = Type::kObject;
  v.members_ = std::move(members);
  return v;
}

bool JsonValue::AsBool(bool fallback) const {
  return type_ == Type::kBool ? bool_ : fallback;
}

double JsonValue::AsNumber(double fallback) const {
  return type_ == Type::kNumber ? number_ : fallback;
}

std::string JsonValue::AsString(const std::string& fallback) const {
  return type_ == Type::kString ? string_ : fallback;
}

const std::vector<JsonValue>& JsonValue::Items() const { return items_; }

const std::map<std::string, JsonValue>& JsonValue::Members() const {
  return members_;
}

const JsonValue& JsonValue::Get(const std::string& key) const {
  auto it = members_.find(key);
  return it == members_.end() ? NullValue() : it->second;
}

bool JsonValue::Has(const std::string& key) const {
  return members_.count(key) > 0;
}

const JsonValue& JsonValue::At(size_t i) const {
  return i < items_.size() ? items_[i] : NullValue();
}

Result<JsonValue> ParseJson(std::string_view text) {
  return Parser(text).ParseDocument();
}

}  // namespace pushguard::audit
