#include "refs/push_lines.h"

#include <sstream>

namespace pushguard::refs {

Result<std::vector<PushLine>> ParsePushLines(const std::string& input) {
  std::vector<PushLine> lines;
  std::istringstream in(input);
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.empty()) continue;
    std::istringstream fields(text);
    std::string local_ref, local_oid, remote_ref, remote_oid, extra;
    if (!(fields >> local_ref >> local_oid >> remote_ref >> remote_oid) ||
        (fields >> extra)) {
      return Status::InvalidArgument(
          "stdin:" + std::to_string(number) +
          ": expected '<local ref> <local oid> <remote ref> <remote oid>'");
    }
    lines.push_back({local_oid, remote_oid});
  }
  return lines;
}

}  // namespace pushguard::refs
