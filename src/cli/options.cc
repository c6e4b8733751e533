#include "cli/options.h"

#include <algorithm>

#include "base/strings.h"

namespace pushguard::cli {

std::string ParsedOptions::Get(const std::string& name,
                               const std::string& fallback) const {
  auto it = values.find(name);
  return it == values.end() || it->second.empty() ? fallback
                                                  : it->second.back();
}

std::vector<std::string> ParsedOptions::All(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? std::vector<std::string>{} : it->second;
}

Result<ParsedOptions> ParseOptions(
    const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
    const std::vector<std::string>& positional_flags) {
  ParsedOptions parsed;
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg == "-" || !StartsWith(arg, "-")) {
      parsed.positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (std::find(positional_flags.begin(), positional_flags.end(), arg) !=
        positional_flags.end()) {
      parsed.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(StartsWith(arg, "--") ? 2 : 1);
    std::string value;
    bool has_inline_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_inline_value = true;
    }
    auto spec =
        std::find_if(specs.begin(), specs.end(),
                     [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      std::vector<std::string> names;
      for (const OptionSpec& s : specs) names.push_back(s.name);
      std::string hint = DidYouMean(name, names);
      return Status::InvalidArgument(
          "unknown option '" + EscapeForDisplay(arg) + "'" +
          (hint.empty() ? "" : " (did you mean '--" + hint + "'?)"));
    }
    if (spec->takes_value && !has_inline_value) {
      if (i + 1 >= args.size()) {
        return Status::InvalidArgument("option '--" + name + "' needs a value");
      }
      value = args[++i];
    } else if (!spec->takes_value && has_inline_value) {
      return Status::InvalidArgument("option '--" + name + "' takes no value");
    }
    auto& slot = parsed.values[name];
    if (!slot.empty() && !spec->repeatable) {
      return Status::InvalidArgument("option '--" + name +
                                     "' given more than once");
    }
    slot.push_back(value);
  }
  return parsed;
}

}  // namespace pushguard::cli
