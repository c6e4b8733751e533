#include "install/hook_script.h"

#include <sstream>

namespace pushguard::install {
namespace {

// git passes pre-receive nothing on the command line; pre-push gets the
// remote's name and URL, pre-commit nothing.
bool TakesArguments(const std::string& hook) { return hook == "pre-push"; }

// pre-receive and pre-push read their ref lines from stdin.
bool ReadsStdin(const std::string& hook) { return hook != "pre-commit"; }

std::string Purpose(const std::string& hook) {
  if (hook == "pre-commit")
    return "# Checks the staged changes for secrets before every commit.";
  if (hook == "pre-push")
    return "# Checks the commits about to be pushed for secrets.";
  return "# Checks every push before git updates a ref.";
}

}  // namespace

std::string ChainedName(const std::string& hook) {
  return hook + ".pushguard-chained";
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string HookScript(const std::string& pushguard_path,
                       const std::string& hook, bool chained,
                       const std::string& arguments) {
  const std::string args = TakesArguments(hook) ? " \"$@\"" : "";
  const std::string run =
      ShellQuote(pushguard_path) + " " + hook + arguments + args;
  std::ostringstream s;
  s << "#!/bin/sh\n" << kMarker << "\n";
  s << Purpose(hook) << " Update with\n"
    << "# `pushguard install`, remove with `pushguard install --uninstall`.\n";
  if (!chained) {
    s << "exec " << run << "\n";
    return s.str();
  }
  const std::string chained_name = ChainedName(hook);
  s << "# The hook that was here before is kept as " << chained_name << ";\n"
    << "# it gets the same " << (ReadsStdin(hook) ? "input" : "arguments")
    << ", and runs only if pushguard accepted.\n"
    << "chained=\"$(dirname \"$0\")/" << chained_name << "\"\n";
  if (!ReadsStdin(hook)) {
    s << run << " || exit $?\n"
      << "if [ -x \"$chained\" ]; then\n"
      << "  \"$chained\" \"$@\" || exit $?\n"
      << "fi\n"
      << "exit 0\n";
    return s.str();
  }
  s << "input=$(mktemp) || { echo 'pushguard: cannot buffer the ref updates' "
       ">&2; exit 1; }\n"
    << "trap 'rm -f \"$input\"' EXIT\n"
    << "trap 'exit 1' HUP INT TERM\n"
    << "cat >\"$input\" || exit 1\n"
    << run << " <\"$input\" || exit $?\n"
    << "if [ -x \"$chained\" ]; then\n"
    << "  \"$chained\" \"$@\" <\"$input\" || exit $?\n"
    << "fi\n"
    << "exit 0\n";
  return s.str();
}

std::string HookScript(const std::string& pushguard_path, bool chained) {
  return HookScript(pushguard_path, "pre-receive", chained);
}

}  // namespace pushguard::install
