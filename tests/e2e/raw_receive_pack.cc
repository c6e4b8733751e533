#include "raw_receive_pack.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <sstream>

namespace pushguard::e2e {
namespace {

std::string PktLine(const std::string& payload) {
  char length[5];
  std::snprintf(length, sizeof length, "%04zx", payload.size() + 4);
  return length + payload;
}

}  // namespace

CommandResult RawPush(const GitFixture& git,
                      const std::vector<RawCommand>& commands,
                      const std::vector<std::string>& objects) {
  std::string ids;
  for (const std::string& o : objects) ids += o + "\n";
  CommandResult pack = Run(
      {{"git", "pack-objects", "--stdout", "-q"}, git.work(), ids, git.Env()});
  REQUIRE(pack.exit_code == 0);
  std::string request;
  for (size_t i = 0; i < commands.size(); ++i) {
    const RawCommand& c = commands[i];
    std::string line = c.old_oid + " " + c.new_oid + " " + c.ref;
    if (i == 0) line += std::string("\0report-status", 14);
    request += PktLine(line + "\n");
  }
  request += "0000" + pack.out;
  return Run({{"git", "receive-pack", git.bare().string()},
              git.root(),
              request,
              git.Env()});
}

std::vector<std::string> ObjectsOf(const GitFixture& git,
                                   const std::string& commit) {
  CommandResult listed = git.Git(
      {"rev-list", "--objects", "--no-object-names", "-n", "1", commit});
  REQUIRE(listed.exit_code == 0);
  std::vector<std::string> objects;
  std::istringstream lines(listed.out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) objects.push_back(line);
  }
  return objects;
}

}  // namespace pushguard::e2e
