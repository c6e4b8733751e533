// End-to-end: `pushguard log` over records that real pushes wrote: the one
// repository naming rule (scopes, records, --repo), several servers' logs
// read as one view, and --stats counting warn-mode pushes.
#include <doctest/doctest.h>

#include <filesystem>

#include "policy_checks.h"
#include "server_fixture.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

const char kNoBinaries[] =
    "policies:\n  - id: no-bin\n    type: forbidden_paths\n"
    "    paths: ['*.bin']\n";

// The push ids `log ARGS --format json` lists, in order.
std::vector<std::string> LoggedIds(const GitFixture& git,
                                   std::vector<std::string> args) {
  args.insert(args.begin(), "log");
  args.push_back("--format=json");
  CommandResult r = git.Pushguard(args);
  INFO(r.Output());
  CHECK(r.exit_code == 0);
  std::vector<std::string> ids;
  for (size_t pos = 0;
       (pos = r.out.find("\"push_id\":\"", pos)) != std::string::npos;) {
    pos += 11;
    ids.push_back(r.out.substr(pos, r.out.find('"', pos) - pos));
  }
  return ids;
}

std::vector<std::string> Ids(const std::vector<audit::AuditRecord>& records) {
  std::vector<std::string> ids;
  for (const audit::AuditRecord& r : records) ids.push_back(r.push_id);
  return ids;
}

TEST_CASE("log --repo names a plain server's repository as policy scopes do") {
  GitFixture git;
  PushCleanMain(git);
  // The record holds the bare repository's absolute path.
  std::string parent = git.root().filename().string();
  std::string short_name = parent + "/server";
  git.SetPolicy(std::string(kNoBinaries) + "    scope: {repos: ['" +
                short_name + "']}\n");
  std::string before = git.BareRefs();
  std::string c = git.CommitFile("fw/image.bin", "bin\n");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "no-bin", c, "fw/image.bin");
  std::vector<audit::AuditRecord> records =
      AuditRecords(git.root() / "audit.jsonl");
  REQUIRE(records.size() == 2);
  CHECK(records[1].repository == git.bare().string());
  for (const std::string& name :
       {short_name, std::string("server"), std::string("server.git"),
        parent + "/server.git", parent + "/*", git.bare().string(),
        git.bare().string().substr(1)}) {
    CAPTURE(name);
    CHECK(LoggedIds(git, {"--repo", name}) == Ids(records));
  }
  CHECK(LoggedIds(git, {"--repo", "other/server"}).empty());
  CHECK(LoggedIds(git, {"--repo", "serv"}).empty());
}

TEST_CASE("several servers' logs are read as one view, in time order") {
  GitFixture node1, node2;
  PushCleanMain(node1);
  PushCleanMain(node2);
  node1.CommitFile("b.txt", "second\n");
  CheckAccepted(node1.Push({"HEAD:refs/heads/main"}));
  // Collected in one directory, as a log shipper would.
  fs::path collected = node1.root() / "collected";
  for (auto [name, git] : {std::pair{"git1", &node1}, {"git2", &node2}}) {
    fs::create_directories(collected / name);
    fs::copy_file(git->root() / "audit.jsonl",
                  collected / name / "audit.jsonl");
  }
  std::vector<audit::AuditRecord> a =
      AuditRecords(node1.root() / "audit.jsonl");
  std::vector<audit::AuditRecord> b =
      AuditRecords(node2.root() / "audit.jsonl");
  REQUIRE(a.size() == 2);
  REQUIRE(b.size() == 1);
  std::vector<std::string> in_order = {a[0].push_id, b[0].push_id,
                                       a[1].push_id};
  std::string glob = (collected / "*" / "audit.jsonl").string();
  CHECK(LoggedIds(node1, {"--file", glob}) == in_order);
  CHECK(
      LoggedIds(node1, {"--file", (collected / "git2/audit.jsonl").string(),
                        "--file", (collected / "git1/audit.jsonl").string()}) ==
      in_order);
  // The table names each record's node.
  CommandResult table = node1.Pushguard({"log", "--file", glob});
  INFO(table.Output());
  CHECK(table.out.starts_with("TIME                 NODE"));
  CHECK(Contains(table.out, a[0].node));
  // A glob that matches nothing is an error, not an empty view.
  CommandResult none =
      node1.Pushguard({"log", "--file", (collected / "*/nothing*").string()});
  CHECK(none.exit_code == 2);
  CHECK(Contains(none.err, "no file matches"));
}

TEST_CASE("--stats counts warn-mode pushes by rule, repository and user") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(std::string(kNoBinaries) + "    mode: warn\n");
  git.CommitFile("fw/image.bin", "bin\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CommandResult r = git.Pushguard({"log", "--stats"});
  INFO(r.Output());
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "\nwarnings by rule (pushes)\n  no-bin  1\n"));
  CHECK(Contains(
      r.out, "\nwarnings by repository\n  " + git.bare().string() + "  1\n"));
  CommandResult json = git.Pushguard({"log", "--stats", "--format", "json"});
  CHECK(Contains(json.out,
                 "\"warnings_by_rule\":[{\"rule\":\"no-bin\",\"count\":1}]"));
  // A file policy's rejection is located at the file, without a ":0" line.
  git.SetPolicy(kNoBinaries);
  std::string before = git.BareRefs();
  std::string c = git.CommitFile("fw/other.bin", "bin\n");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "no-bin", c, "fw/other.bin");
  CommandResult html = git.Pushguard({"log", "--format", "html"});
  CHECK(Contains(html.out, "id=\"warnings-by-rule\""));
  CHECK(Contains(html.out, "<td>fw/other.bin <code>" + c.substr(0, 12)));
  CHECK_FALSE(Contains(html.out, "other.bin:0"));
}

}  // namespace
}  // namespace pushguard::e2e
