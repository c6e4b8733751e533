// End-to-end: the hook compiles an administrator's configuration once and
// keeps it in its cache directory (src/config/compiled_cache.h); the cache
// never changes a verdict: an edited policy takes effect on the next push,
// and a damaged or swapped entry is ignored.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "policy_checks.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

// A made-up token format, generated per run.
std::string AcmeToken() {
  static std::mt19937 random(std::random_device{}());
  const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out = "acme_";
  for (int i = 0; i < 20; ++i) out += kAlphabet[random() % 36];
  return out;
}

std::string AcmeRule(const std::string& mode) {
  return "rules:\n"
         "  - id: acme-token\n"
         "    description: ACME deploy token\n"
         "    mode: " +
         mode +
         "\n"
         "    regex: '\\bacme_[a-z0-9]{20}\\b'\n"
         "    keywords: [acme_]\n";
}

// The hook runs with --trust-env and the fixture's HOME.
fs::path CacheDir(const GitFixture& git) {
  return git.root() / "home" / ".cache" / "pushguard";
}

std::set<fs::path> Entries(const GitFixture& git) {
  std::set<fs::path> out;
  if (!fs::exists(CacheDir(git))) return out;
  for (const auto& e : fs::directory_iterator(CacheDir(git))) {
    if (e.path().extension() == ".compiled") out.insert(e.path());
  }
  return out;
}

TEST_CASE(
    "the compiled configuration cache never serves a stale, damaged or "
    "swapped policy") {
  GitFixture git;
  PushCleanMain(git);

  // A warn-mode rule: accepted with a warning, and compiled into the cache.
  SetOrgPolicy(git, AcmeRule("warn"));
  git.CommitFile("deploy.env", "TOKEN=" + AcmeToken() + "\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK(Contains(push.err, "acme-token"));
  std::set<fs::path> warn_entries = Entries(git);
  REQUIRE(warn_entries.size() == 1);

  // The administrator makes it enforcing: the very next push is judged by
  // the new policy (a new entry; the old one is not reused).
  SetOrgPolicy(git, AcmeRule("enforce"));
  git.CommitFile("deploy2.env", "TOKEN=" + AcmeToken() + "\n");
  std::string before = git.BareRefs();
  push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "acme-token"));
  CHECK(Contains(push.err, "deploy2.env"));
  std::set<fs::path> all = Entries(git);
  REQUIRE(all.size() == 2);
  fs::path enforce_entry;
  for (const fs::path& p : all) {
    if (!warn_entries.count(p)) enforce_entry = p;
  }
  REQUIRE_FALSE(enforce_entry.empty());

  // The cached entry is used (the push is judged the same from it).
  push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);

  // A damaged entry is ignored (and rewritten), never trusted.
  std::string bytes;
  {
    std::ifstream in(enforce_entry, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  REQUIRE(bytes.size() > 1000);
  std::string damaged = bytes;
  damaged[damaged.size() / 2] ^= 0x55;
  std::ofstream(enforce_entry, std::ios::binary | std::ios::trunc) << damaged;
  push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "acme-token"));

  // The weaker configuration's entry copied over the stricter one's is
  // refused too (each entry is stamped with its own key).
  fs::copy_file(*warn_entries.begin(), enforce_entry,
                fs::copy_options::overwrite_existing);
  push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "acme-token"));
}

TEST_CASE("a cache directory others can write is not used by the hook") {
  GitFixture git;
  PushCleanMain(git);
  fs::create_directories(CacheDir(git));
  fs::permissions(CacheDir(git), fs::perms::all);  // 0777
  SetOrgPolicy(git, AcmeRule("enforce"));
  git.CommitFile("deploy.env", "TOKEN=" + AcmeToken() + "\n");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Entries(git).empty());
}

}  // namespace
}  // namespace pushguard::e2e
