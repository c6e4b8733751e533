#include "rules/yaml_reader.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "base/strings.h"

namespace pushguard::rules {
namespace {

const std::vector<std::string> kAllowlistKeys = {
    "paths",        "regexes",       "stopwords",
    "fingerprints", "match_regexes", "checksum_paths"};

bool ParseLong(const std::string& s, long* out) {
  if (s.empty() || s.size() > 18) return false;
  size_t i = (s[0] == '-') ? 1 : 0;
  if (i == s.size()) return false;
  long v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = s[0] == '-' ? -v : v;
  return true;
}

}  // namespace

void LayerReader::Problem(const YAML::Node& at, const std::string& rule_id,
                          const std::string& field,
                          const std::string& message) {
  problems_->push_back({file_, LineOf(at), rule_id, field, message});
}

int LayerReader::LineOf(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  YAML::Mark mark = node.Mark();
  return mark.line >= 0 ? mark.line + 1 : 0;
}

void LayerReader::CheckKeys(const YAML::Node& map,
                            const std::vector<std::string>& known,
                            const std::string& rule_id,
                            const std::string& where) {
  std::map<std::string, int> seen;  // key -> its first line
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string key = Scalar(it->first);
    auto [first, added] = seen.emplace(key, LineOf(it->first));
    if (!added) {
      // YAML forbids it, and yaml-cpp would keep one silently.
      std::string field = EscapeForDisplay(key);
      Problem(it->first, rule_id, where.empty() ? field : where + "." + field,
              "duplicate key (first on line " + std::to_string(first->second) +
                  ")");
      continue;
    }
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string hint = DidYouMean(key, known);
    std::string message = "unknown key";
    if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
    std::string field = EscapeForDisplay(key);
    Problem(it->first, rule_id, where.empty() ? field : where + "." + field,
            message);
  }
}

std::string LayerReader::Scalar(const YAML::Node& node) {
  return node.IsScalar() ? node.Scalar() : std::string();
}

bool LayerReader::GetString(const YAML::Node& node, const std::string& rule_id,
                            const std::string& field, std::string* out) {
  if (!node.IsScalar()) {
    Problem(node, rule_id, field, "expected a string");
    return false;
  }
  *out = node.Scalar();
  return true;
}

bool LayerReader::GetInt(const YAML::Node& node, const std::string& rule_id,
                         const std::string& field, long min, long max,
                         int* out) {
  long value = 0;
  if (!node.IsScalar() || !ParseLong(node.Scalar(), &value)) {
    Problem(node, rule_id, field, "expected an integer");
    return false;
  }
  if (value < min || value > max) {
    Problem(node, rule_id, field,
            "must be between " + std::to_string(min) + " and " +
                std::to_string(max));
    return false;
  }
  *out = static_cast<int>(value);
  return true;
}

bool LayerReader::GetDouble(const YAML::Node& node, const std::string& rule_id,
                            const std::string& field, double* out) {
  if (node.IsScalar()) {
    std::istringstream in(node.Scalar());
    double value;
    if (in >> value && in.eof()) {
      *out = value;
      return true;
    }
  }
  Problem(node, rule_id, field, "expected a number");
  return false;
}

bool LayerReader::GetBool(const YAML::Node& node, const std::string& rule_id,
                          const std::string& field, bool* out) {
  std::string s = node.IsScalar() ? AsciiLower(node.Scalar()) : "";
  if (s == "true" || s == "yes") {
    *out = true;
    return true;
  }
  if (s == "false" || s == "no") {
    *out = false;
    return true;
  }
  Problem(node, rule_id, field, "expected true or false");
  return false;
}

bool LayerReader::GetStringList(const YAML::Node& node,
                                const std::string& rule_id,
                                const std::string& field,
                                std::vector<std::string>* out) {
  if (!node.IsSequence()) {
    Problem(node, rule_id, field, "expected a list of strings");
    return false;
  }
  std::vector<std::string> values;
  bool ok = true;
  for (size_t i = 0; i < node.size(); ++i) {
    std::string value;
    if (GetString(node[i], rule_id, field + "[" + std::to_string(i) + "]",
                  &value)) {
      values.push_back(std::move(value));
    } else {
      ok = false;
    }
  }
  if (ok) *out = std::move(values);
  return ok;
}

bool LayerReader::GetSize(const YAML::Node& node, const std::string& rule_id,
                          const std::string& field, int64_t* out,
                          std::string* unit_out) {
  struct Unit {
    const char* lower;
    const char* canonical;
    int64_t factor;
  };
  static const Unit kUnits[] = {{"", "", 1},
                                {"b", "", 1},
                                {"kb", "KB", 1000},
                                {"kib", "KiB", 1024},
                                {"mb", "MB", 1000000},
                                {"mib", "MiB", 1 << 20},
                                {"gb", "GB", 1000000000},
                                {"gib", "GiB", int64_t{1} << 30}};
  std::string text = node.IsScalar() ? AsciiLower(node.Scalar()) : "";
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
    ++digits;
  }
  std::string unit(Trim(std::string_view(text).substr(digits)));
  long number = 0;
  if (digits > 0 && digits <= 12 &&
      ParseLong(text.substr(0, digits), &number)) {
    for (const Unit& u : kUnits) {
      if (unit == u.lower) {
        *out = number * u.factor;
        if (unit_out != nullptr) *unit_out = u.canonical;
        return true;
      }
    }
  }
  Problem(node, rule_id, field,
          "expected a size such as 10MiB, 500KB or 1048576");
  return false;
}

bool LayerReader::GetMode(const YAML::Node& node, const std::string& rule_id,
                          const std::string& field, Mode* out) {
  std::string mode;
  if (!GetString(node, rule_id, field, &mode)) return false;
  if (mode == "enforce") {
    *out = Mode::kEnforce;
  } else if (mode == "warn") {
    *out = Mode::kWarn;
  } else if (mode == "evaluate") {
    *out = Mode::kEvaluate;
  } else {
    Problem(node, rule_id, field,
            "expected enforce, warn or evaluate, got '" +
                EscapeForDisplay(mode) + "'");
    return false;
  }
  return true;
}

void LayerReader::ReadAllowlist(const YAML::Node& node,
                                const std::string& rule_id,
                                const std::string& field, Allowlist* out) {
  if (!node.IsMap()) {
    Problem(node, rule_id, field, "expected a mapping");
    return;
  }
  CheckKeys(node, kAllowlistKeys, rule_id, field);
  out->origin = {file_, LineOf(node)};
  struct List {
    const char* key;
    std::vector<std::string>* values;
  };
  const List lists[] = {{"paths", &out->paths},
                        {"regexes", &out->regexes},
                        {"stopwords", &out->stopwords},
                        {"fingerprints", &out->fingerprints},
                        {"match_regexes", &out->match_regexes},
                        {"checksum_paths", &out->checksum_paths}};
  for (const List& list : lists) {
    if (node[list.key]) {
      GetStringList(node[list.key], rule_id, field + "." + list.key,
                    list.values);
    }
  }
}

bool ValidRuleId(const std::string& id) {
  if (id.empty() || id.size() > 100) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.';
    if (!ok) return false;
  }
  return id[0] != '-' && id[0] != '.';
}

}  // namespace pushguard::rules
