// Writes a synthetic git history as a `git fast-import` stream on stdout:
// source files edited a few lines at a time, large generated files that are
// rewritten often, a few binaries, and a handful of planted fake secrets.
//
//   gen_history --commits 20000 --bytes 1073741824 --branch refs/heads/main
//     [--from refs/heads/main] [--seed 1] | git fast-import --quiet
//
// --from continues an existing branch (for the "100 new commits" push). Its
// files are then new files of their own, under next-<seed>/.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct Options {
  long commits = 20000;
  long long bytes = 1LL << 30;
  std::string branch = "refs/heads/main";
  std::string from;
  uint64_t seed = 1;
  int secrets = 5;
  long wide = 0;  // extra one-line files in the first commit (a wide tree)
};

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  uint64_t Next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }
  size_t Below(size_t n) { return n == 0 ? 0 : Next() % n; }

 private:
  uint64_t state_;
};

const char* kWords[] = {"value",   "index",    "buffer", "count",
                        "result",  "node",     "parent", "child",
                        "offset",  "length",   "config", "handler",
                        "request", "response", "cache",  "stream"};

std::string SourceLine(Rng& rng) {
  const char* a = kWords[rng.Below(16)];
  const char* b = kWords[rng.Below(16)];
  switch (rng.Below(4)) {
    case 0:
      return "  int " + std::string(a) + "_" + std::to_string(rng.Below(999)) +
             " = " + b + ".size() + " + std::to_string(rng.Below(100)) + ";";
    case 1:
      return "  if (" + std::string(a) + " != nullptr) return " + b + "(" + a +
             ");";
    case 2:
      return "  // " + std::string(a) + " keeps the " + b + " alive while " +
             kWords[rng.Below(16)] + " is in use";
    default:
      return "  for (auto& " + std::string(a) + " : " + b + "s) " + a +
             ".Reset();";
  }
}

struct File {
  std::string path;
  std::vector<std::string> lines;
};

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

void EmitFile(const std::string& path, const std::string& data,
              const char* mode = "100644") {
  std::printf("M %s inline %s\ndata %zu\n", mode, path.c_str(), data.size());
  std::fwrite(data.data(), 1, data.size(), stdout);
  std::printf("\n");
}

std::string FakeAwsKey(Rng& rng) {
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string key = "AKIA";
  for (int i = 0; i < 16; ++i) key += alphabet[rng.Below(32)];
  return key;
}

std::string Generated(Rng& rng, size_t size) {
  std::string out = "[\n";
  while (out.size() < size) {
    out += "  {\"id\": " + std::to_string(rng.Next() % 1000000) +
           ", \"score\": " + std::to_string(rng.Below(100000)) + "},\n";
  }
  return out + "]\n";
}

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--commits")
      o->commits = std::atol(v.c_str());
    else if (k == "--bytes")
      o->bytes = std::atoll(v.c_str());
    else if (k == "--branch")
      o->branch = v;
    else if (k == "--from")
      o->from = v;
    else if (k == "--seed")
      o->seed = std::strtoull(v.c_str(), nullptr, 10);
    else if (k == "--secrets")
      o->secrets = std::atoi(v.c_str());
    else if (k == "--wide")
      o->wide = std::atol(v.c_str());
    else
      return false;
  }
  return (argc % 2) == 1 && o->commits > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!ParseArgs(argc, argv, &o)) {
    std::fprintf(stderr,
                 "usage: gen_history [--commits N] [--bytes B] "
                 "[--branch REF] [--from REF] [--seed S] "
                 "[--secrets N] [--wide FILES]\n");
    return 2;
  }
  Rng rng(o.seed);
  const std::string prefix =
      o.from.empty() ? "" : "next-" + std::to_string(o.seed) + "/";
  // Budget: ~70% of bytes in source edits, ~25% generated, the rest binary.
  std::vector<File> files(300);
  for (size_t i = 0; i < files.size(); ++i) {
    files[i].path =
        prefix + "src/" + kWords[i % 16] + "/file_" + std::to_string(i) + ".cc";
    size_t n = 100 + rng.Below(600);
    for (size_t k = 0; k < n; ++k) files[i].lines.push_back(SourceLine(rng));
  }
  const double per_commit = static_cast<double>(o.bytes) / o.commits;
  const size_t generated_size = 256 * 1024;
  const long generated_every = std::max<long>(
      1, static_cast<long>(generated_size / (per_commit * 0.25 + 1)));
  std::vector<long> secret_at;
  for (int s = 0; s < o.secrets; ++s) {
    secret_at.push_back(static_cast<long>(rng.Below(o.commits)));
  }
  // Commits pushed on top of a history are newer than it, as in real life
  // (date-ordered walks stop early; skewed dates would make every walk read
  // the whole history, in git and libgit2 alike).
  const long start_time = o.from.empty() ? 1600000000L : 1900000000L;
  for (long c = 0; c < o.commits; ++c) {
    std::printf("commit %s\n", o.branch.c_str());
    std::printf("committer Bench <bench@example.com> %ld +0000\n",
                start_time + c * 60);
    std::string message = "change " + std::to_string(c) + "\n";
    std::printf("data %zu\n%s", message.size(), message.c_str());
    if (c == 0 && !o.from.empty()) std::printf("from %s\n", o.from.c_str());
    double written = 0;
    while (written < per_commit * 0.7 || (c == 0 && written == 0)) {
      File& f = files[rng.Below(files.size())];
      for (size_t k = 0, n = 1 + rng.Below(5); k < n; ++k) {
        f.lines[rng.Below(f.lines.size())] = SourceLine(rng);
      }
      if (rng.Below(4) == 0) f.lines.push_back(SourceLine(rng));
      std::string data = Join(f.lines);
      EmitFile(f.path, data);
      written += static_cast<double>(data.size());
      if (c == 0) {
        for (File& g : files) EmitFile(g.path, Join(g.lines));
        for (long w = 0; w < o.wide; ++w) {
          EmitFile(prefix + "vendor/d" + std::to_string(w / 100) + "/f" +
                       std::to_string(w) + ".txt",
                   "vendored file " + std::to_string(w) + "\n");
        }
        break;
      }
    }
    if (c % generated_every == 0) {
      EmitFile(prefix + "data/generated_" + std::to_string(c % 3) + ".json",
               Generated(rng, generated_size));
    }
    if (c % (o.commits / 4 + 1) == 7) {
      std::string binary(64 * 1024, '\0');
      for (char& b : binary) b = static_cast<char>(rng.Next());
      EmitFile(prefix + "assets/blob_" + std::to_string(c) + ".bin", binary);
    }
    for (long at : secret_at) {
      if (at == c) {
        EmitFile(
            prefix + "config/deploy_" + std::to_string(c) + ".env",
            "REGION=eu-west-1\nAWS_ACCESS_KEY_ID=" + FakeAwsKey(rng) + "\n");
      }
    }
    std::printf("\n");
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}
