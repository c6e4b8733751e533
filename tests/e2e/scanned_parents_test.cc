// End-to-end: a push whose commits edit the same files again and again. A
// parent version the same scan has read answers from its matches
// (policy::ScannedBlobs) instead of being read again: every secret must
// still be refused at the commit that adds it, and only there, whatever
// the order in which the scan's threads reach the versions.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "push_checks.h"

namespace pushguard::e2e {
namespace {

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

// The end of the redacted form of `key` in the hook's report.
std::string Redacted(const std::string& key) {
  return "*" + key.substr(16) + " ";
}

}  // namespace

TEST_CASE("a secret added midway through a chain of edits is refused where") {
  GitFixture git;
  PushCleanMain(git);
  const std::string before = git.BareRefs();
  std::string text = "[service]\nregion = eu-west-1\n";
  git.CommitFile("config.ini", text, "clean");
  const std::string key = FakeAwsKey();
  text += "aws_access_key_id = " + key + "\n";
  const std::string added = git.CommitFile("config.ini", text, "add key");
  // Edits that keep the key: its parent version, scanned by this push,
  // holds it already.
  std::vector<std::string> edits;
  for (int i = 0; i < 12; ++i) {
    text += "setting_" + std::to_string(i) + " = " + std::to_string(i) + "\n";
    edits.push_back(git.CommitFile("config.ini", text, "edit"));
  }
  // A second key, added late, after versions that lacked it were scanned.
  const std::string late = FakeAwsKey();
  text = "aws_secret_owner_id = " + late + "\n" + text;
  const std::string added_late = git.CommitFile("config.ini", text, "more");
  text += "tail = 1\n";
  git.CommitFile("config.ini", text, "edit");

  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  CheckRedactedAwsFinding(push.err, late);
  INFO(push.err);
  CHECK(Contains(push.err, "2 secrets in the commits"));
  CHECK(Contains(push.err, "config.ini"));
  CHECK(Contains(push.err, added.substr(0, 7)));
  CHECK(Contains(push.err, added_late.substr(0, 7)));
  // Each once: not again at the edits that kept it.
  CHECK(Count(push.err, Redacted(key)) == 1);
  CHECK(Count(push.err, Redacted(late)) == 1);
  for (const std::string& edit : edits) {
    CHECK_FALSE(Contains(push.err, edit.substr(0, 7)));
  }
}

TEST_CASE("every key of a push that edits many files in turn is refused") {
  // Ten files, thirty commits; commit i adds a new key to file i % 10 and
  // edits the rest. Versions reach the scan's threads in any order: a
  // version whose parent was scanned meanwhile, or not yet, must be judged
  // alike.
  GitFixture git;
  PushCleanMain(git);
  const std::string before = git.BareRefs();
  std::vector<std::string> files(10);
  std::vector<std::string> keys;
  for (int i = 0; i < 30; ++i) {
    keys.push_back(FakeAwsKey());
    files[i % 10] += "aws_access_key_id = " + keys.back() + "\n";
    for (size_t f = 0; f < files.size(); ++f) {
      files[f] += "edit " + std::to_string(i) + "\n";
      git.Write("conf/f" + std::to_string(f) + ".ini", files[f]);
    }
    git.Commit("commit " + std::to_string(i));
  }
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  INFO(push.err);
  // Each key once (the report lists the first 20).
  CHECK(Contains(push.err, "30 secrets in the commits"));
  for (const std::string& key : keys) {
    CHECK_FALSE(Contains(push.err, key));
    CHECK(Count(push.err, Redacted(key)) <= 1);
  }
}

}  // namespace pushguard::e2e
