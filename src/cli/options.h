// A small command-line parser for the subcommands: "--name value",
// "--name=value", boolean "--flag", and positional arguments. Errors name the
// offending argument and suggest the closest known option.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace pushguard::cli {

struct OptionSpec {
  std::string name;  // without the leading "--"
  bool takes_value;
  bool repeatable = false;
  std::string value_name = "";  // for help: "FILE" in "--config FILE"
  std::string help = "";        // one line for `pushguard CMD --help`
};

struct ParsedOptions {
  std::map<std::string, std::vector<std::string>> values;  // flags map to {""}
  std::vector<std::string> positional;

  bool Has(const std::string& name) const { return values.count(name) > 0; }
  // The last value given, or `fallback`.
  std::string Get(const std::string& name, const std::string& fallback) const;
  std::vector<std::string> All(const std::string& name) const;
};

// "--" ends option parsing. A positional that starts with "-" is accepted only
// if listed in `positional_flags` (e.g. scan's "--all").
Result<ParsedOptions> ParseOptions(
    const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
    const std::vector<std::string>& positional_flags = {});

}  // namespace pushguard::cli
