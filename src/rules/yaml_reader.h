// Reading one YAML policy file with every problem recorded at its location.
// Internal to rules/ (the only yaml-cpp user): the loaders of secret rules
// (loader.cc) and of push policies (policy_layer.cc) share it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "rules/diagnostic.h"
#include "rules/policy.h"

namespace pushguard::rules {

// Reads values out of one YAML document. Every getter returns false and
// appends a Diagnostic ("file:line: rule 'id': field: problem") when the node
// has the wrong type or an out-of-range value; *out is then left unchanged.
class LayerReader {
 public:
  LayerReader(const std::string& file, std::vector<Diagnostic>* problems)
      : file_(file), problems_(problems) {}

  void Problem(const YAML::Node& at, const std::string& rule_id,
               const std::string& field, const std::string& message);

  // 1-based line of `node`, 0 when unknown.
  static int LineOf(const YAML::Node& node);

  // Reports keys of `map` not in `known`, with a "did you mean" hint.
  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& known,
                 const std::string& rule_id, const std::string& where);

  static std::string Scalar(const YAML::Node& node);

  bool GetString(const YAML::Node& node, const std::string& rule_id,
                 const std::string& field, std::string* out);
  bool GetInt(const YAML::Node& node, const std::string& rule_id,
              const std::string& field, long min, long max, int* out);
  bool GetDouble(const YAML::Node& node, const std::string& rule_id,
                 const std::string& field, double* out);
  bool GetBool(const YAML::Node& node, const std::string& rule_id,
               const std::string& field, bool* out);
  bool GetStringList(const YAML::Node& node, const std::string& rule_id,
                     const std::string& field, std::vector<std::string>* out);
  // A byte count: an integer, optionally with a unit (B, KB, KiB, MB, MiB,
  // GB, GiB; case-insensitive; "10 MiB" and "10MiB" alike). KB, MB and GB
  // are SI (1 MB = 1,000,000 bytes), KiB, MiB and GiB binary. *unit gets
  // the unit's canonical spelling ("MB", "MiB"; "" for bytes).
  bool GetSize(const YAML::Node& node, const std::string& rule_id,
               const std::string& field, int64_t* out,
               std::string* unit = nullptr);
  // enforce | warn | evaluate.
  bool GetMode(const YAML::Node& node, const std::string& rule_id,
               const std::string& field, Mode* out);

  void ReadAllowlist(const YAML::Node& node, const std::string& rule_id,
                     const std::string& field, Allowlist* out);

  const std::string& file() const { return file_; }
  Origin OriginOf(const YAML::Node& node) const {
    return {file_, LineOf(node)};
  }

 private:
  std::string file_;
  std::vector<Diagnostic>* problems_;
};

// Lowercase letters, digits, '-', '_' and '.', not starting with '-' or '.'.
bool ValidRuleId(const std::string& id);

}  // namespace pushguard::rules
