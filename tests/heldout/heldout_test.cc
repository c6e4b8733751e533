// Measures the embedded rules on the held-out set (heldout.h): recall per
// provider and overall, and noise on the held-out negatives, with
// `pushguard scan --format json --all` over a generated repository. Prints
// the figures; fails when they fall below the floors measured when the set
// was written (kMinRecall, kMaxFalseBlocks), so a regression is a red test.
// PUSHGUARD_HELDOUT_SEED=N draws another corpus; PUSHGUARD_HELDOUT_DIR keeps
// the repository there.
#include "heldout.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../e2e/git_fixture.h"

namespace pushguard::heldout {
namespace {

namespace fs = std::filesystem;

// Floors: the figures measured on the pinned seed, so regressions fail.
constexpr uint64_t kPinnedSeed = 16;
constexpr double kMinRecall = 0.999;
constexpr int kMaxFalseBlocks = 0;

using Reported = e2e::ScanFinding;

std::string ReadData(const std::string& name) {
  const char* dir = std::getenv("PUSHGUARD_SOURCE_DIR");
  REQUIRE_MESSAGE(dir != nullptr, "set PUSHGUARD_SOURCE_DIR (make test does)");
  std::ifstream in(fs::path(dir) / "tests" / "heldout" / name);
  REQUIRE_MESSAGE(in.good(), name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Tally {
  int planted = 0, found = 0, blocked = 0;
};

std::string Row(const std::string& name, const Tally& t) {
  char row[160];
  std::snprintf(row, sizeof row,
                "  %-16s %3d/%-3d found, %3d blocking, recall %.3f\n",
                name.c_str(), t.found, t.planted, t.blocked,
                t.planted ? double(t.found) / t.planted : 0.0);
  return row;
}

// Commits `set` into a fresh repository at `repo`.
void BuildRepository(const HeldOut& set, const fs::path& repo,
                     const std::map<std::string, std::string>& env) {
  fs::create_directories(repo);
  e2e::GitOrFail(repo, env, {"init", "-q", "-b", "main"});
  for (const auto& [path, text] : set.files) {
    fs::create_directories((repo / path).parent_path());
    std::ofstream(repo / path, std::ios::binary) << text;
  }
  e2e::GitOrFail(repo, env, {"add", "-A"});
  e2e::GitOrFail(repo, env, {"commit", "-q", "-m", "held-out corpus"});
}

// Planted secrets found, by provider and by context; marks the findings on
// a planted secret's lines in *used.
struct Recall {
  std::map<std::string, Tally> providers, contexts;
  Tally all;
};
Recall Score(const HeldOut& set, const std::vector<Reported>& findings,
             const std::string& output, std::vector<bool>* used) {
  Recall r;
  for (const Planted& p : set.planted) {
    bool found = false, blocked = false;
    for (size_t i = 0; i < findings.size(); ++i) {
      const Reported& f = findings[i];
      if (f.path != p.path || f.line < p.first_line || f.line > p.last_line) {
        continue;
      }
      (*used)[i] = true;
      found = true;
      blocked = blocked || f.severity == "block";
    }
    for (Tally* t :
         {&r.providers[p.provider], &r.contexts[p.context], &r.all}) {
      ++t->planted;
      t->found += found;
      t->blocked += blocked;
    }
    if (!found) {
      MESSAGE("missed " << p.provider << " (" << p.context << ") at "
                        << p.path);
    }
    CHECK_MESSAGE(output.find(p.secret) == std::string::npos,
                  "unredacted secret in the output: " << p.path);
  }
  return r;
}

// Findings not on a planted secret: on negative files (blocking or warning)
// or anywhere else (stray).
struct Noise {
  int false_blocks = 0, false_flags = 0, stray = 0;
  std::set<std::string> labels;
};
Noise CountNoise(const HeldOut& set, const std::vector<Reported>& findings,
                 const std::vector<bool>& used) {
  Noise n;
  for (size_t i = 0; i < findings.size(); ++i) {
    if (used[i]) continue;
    const Reported& f = findings[i];
    auto neg = set.negative_files.find(f.path);
    if (neg == set.negative_files.end()) {
      ++n.stray;
      continue;
    }
    (f.severity == "block" ? n.false_blocks : n.false_flags)++;
    n.labels.insert(neg->second);
    MESSAGE("noise: " << f.rule << " (" << f.severity << ") on "
                      << neg->second);
  }
  return n;
}

}  // namespace

TEST_CASE("held-out provider formats: recall and noise of the embedded rules") {
  std::vector<std::string> bad;
  std::vector<Format> formats = ParseFormats(ReadData("formats.tsv"), &bad);
  std::vector<Negative> negatives =
      ParseNegatives(ReadData("negatives.tsv"), &bad);
  REQUIRE_MESSAGE(bad.empty(), bad.front());
  REQUIRE(formats.size() >= 70);
  REQUIRE(negatives.size() >= 60);
  for (const auto& f : formats) {
    CHECK_MESSAGE(f.source.rfind("http", 0) == 0, f.spec);
  }
  uint64_t seed = kPinnedSeed;
  if (const char* s = std::getenv("PUSHGUARD_HELDOUT_SEED"); s && *s) {
    seed = std::strtoull(s, nullptr, 10);
  }
  MESSAGE("held-out seed " << seed << " (PUSHGUARD_HELDOUT_SEED to vary)");
  HeldOut set = Generate(formats, negatives, seed, 12, 3);

  e2e::TempDir dir;
  auto env = e2e::ScratchGitEnv(dir.path(), "Held Out");
  const fs::path repo =
      e2e::ScratchRepoPath(dir.path(), "PUSHGUARD_HELDOUT_DIR");
  BuildRepository(set, repo, env);
  e2e::CommandResult scan = e2e::ScanAll(repo, dir.path(), env);
  REQUIRE_MESSAGE(scan.exit_code <= 1, scan.err);
  std::vector<Reported> findings = e2e::ParseScanFindings(scan.out);
  std::vector<bool> used(findings.size(), false);
  Recall r = Score(set, findings, scan.Output(), &used);
  Noise n = CountNoise(set, findings, used);

  std::string table;
  for (const auto& [name, t] : r.providers) table += Row(name, t);
  table += "by context:\n";
  for (const auto& [name, t] : r.contexts) table += Row(name, t);
  double recall = double(r.all.found) / r.all.planted;
  MESSAGE("held-out: " << formats.size() << " formats of " << r.providers.size()
                       << " providers, " << negatives.size() << " negatives\n"
                       << table << "overall " << r.all.found << "/"
                       << r.all.planted << " found (" << r.all.blocked
                       << " blocking), recall " << recall
                       << "; negatives: " << set.negative_files.size()
                       << " files, " << n.false_blocks << " blocking findings, "
                       << n.false_flags << " warnings, " << n.labels.size()
                       << " of " << negatives.size() << " labels noisy; "
                       << n.stray << " findings outside the planted lines");
  CHECK(n.stray == 0);
  CHECK(recall >= kMinRecall);
  CHECK(n.false_blocks <= kMaxFalseBlocks);
}

}  // namespace pushguard::heldout
