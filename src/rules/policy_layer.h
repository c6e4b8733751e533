// Reading the `policies:` list of each layer into PushPolicy values, and
// keeping mandatory policies from being weakened by later layers. Internal
// to rules/; LoadPolicy() (loader.h) drives it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "rules/policy.h"
#include "rules/yaml_reader.h"

namespace pushguard::rules {

class PushPolicyBuilder {
 public:
  // Problems go to *problems; ignored weakenings of mandatory policies to
  // *ignored.
  PushPolicyBuilder(std::vector<Diagnostic>* problems,
                    std::vector<Diagnostic>* ignored)
      : problems_(problems), ignored_(ignored) {}

  // Starts from finished policies (an earlier Finish()'s result), as if
  // their layers had been applied.
  void Seed(const std::vector<PushPolicy>& policies);

  // Applies one layer's `policies:` node. A new id needs a `type`; a known id
  // is changed field by field; `enabled: false` removes it.
  void ApplyLayer(LayerReader& reader, const YAML::Node& policies);

  // The policies in definition order; reports missing required parameters.
  std::vector<PushPolicy> Finish();

 private:
  void ApplyPolicy(LayerReader& reader, const YAML::Node& node,
                   const std::string& id);
  bool Disable(LayerReader& reader, const YAML::Node& node,
               const std::string& id);
  PushPolicy* Create(LayerReader& reader, const YAML::Node& node,
                     const std::string& id);
  void ReadCommon(LayerReader& reader, const YAML::Node& node,
                  PushPolicy* policy);
  void ReadParams(LayerReader& reader, const YAML::Node& node,
                  const PolicyTypeSpec& type, PushPolicy* policy);

  std::vector<Diagnostic>* problems_;
  std::vector<Diagnostic>* ignored_;
  std::map<std::string, PushPolicy> policies_;
  std::vector<std::string> order_;
};

// Compares `after` (a later layer's version of a mandatory policy) with
// `before` field by field; every change that would weaken it is undone in
// *after and described in *ignored, naming both files.
void KeepMandatory(const LayerReader& reader, const YAML::Node& node,
                   const PushPolicy& before, PushPolicy* after,
                   std::vector<Diagnostic>* ignored);

}  // namespace pushguard::rules
