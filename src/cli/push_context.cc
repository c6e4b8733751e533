#include "cli/push_context.h"

#include <cstdio>
#include <cstdlib>

#include "base/strings.h"
#include "cli/command_table.h"
#include "identity/pusher.h"

namespace pushguard::cli {

constexpr size_t kMaxStdin = 64 << 20;

Result<std::string> ReadStdin() {
  std::string input;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    input.append(buffer, n);
    if (input.size() > kMaxStdin) {
      return Status::InvalidArgument("stdin: more than 64 MiB");
    }
  }
  if (std::ferror(stdin)) return Status::Io("stdin: read error");
  return input;
}

std::vector<std::string> HookPushOptions() {
  std::vector<std::string> options;
  const char* count = std::getenv("GIT_PUSH_OPTION_COUNT");
  if (count == nullptr) return options;
  int n = std::atoi(count);
  for (int i = 0; i < n && i < 1000; ++i) {
    std::string name = "GIT_PUSH_OPTION_" + std::to_string(i);
    if (const char* value = std::getenv(name.c_str())) {
      options.push_back(value);
    }
  }
  return options;
}

policy::PushContext HookContext() {
  identity::PushIdentity who = identity::IdentifyHookPush();
  return {who.user, who.repository, who.email, HookPushOptions()};
}

void AddIgnoredNotices(const std::vector<rules::Diagnostic>& ignored,
                       Decision* decision) {
  std::vector<std::string> notices;
  for (const rules::Diagnostic& d : ignored) {
    notices.push_back("configuration: " + d.ToString());
  }
  decision->notices.insert(decision->notices.begin(), notices.begin(),
                           notices.end());
}

const std::vector<OptionSpec>& PreReceiveOptions() {
  return OptionsOf("pre-receive");
}

}  // namespace pushguard::cli
