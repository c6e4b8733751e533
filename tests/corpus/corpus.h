// An evaluation corpus for secret detection, generated at test time: files of
// many kinds (env, YAML, JSON, Python, JS/TS, Go, Java, shell, Dockerfile,
// Kubernetes, Terraform, CI configs, lock files) holding planted secrets of
// many providers, made from their formats with random characters, next to
// hard negatives (placeholders, digests, UUIDs, base64 data, public keys,
// code that only names secrets). Nothing realistic is committed: every
// secret exists only in the temporary repository of one test run.
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pushguard::corpus {

// Random text from an alphabet; deterministic for a seed.
class Random {
 public:
  explicit Random(uint64_t seed) : rng_(seed) {}
  std::string Chars(std::string_view alphabet, size_t n);
  size_t Below(size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(rng_);
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  std::mt19937_64 rng_;
};

inline constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
inline constexpr std::string_view kAlnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr std::string_view kUrlSafe =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
inline constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
inline constexpr std::string_view kHex = "0123456789abcdef";
inline constexpr std::string_view kUpperDigits =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
inline constexpr std::string_view kLowerDigits =
    "abcdefghijklmnopqrstuvwxyz0123456789";
inline constexpr std::string_view kDigits = "0123456789";

std::string Base64(std::string_view bytes);
std::string Base64Url(std::string_view bytes);  // unpadded
std::string Uuid(Random& r);

// A single-line token format: `name` is the variable it is usually kept in.
struct TokenFormat {
  std::string family;
  std::string name;
  std::string (*make)(Random&);
};
const std::vector<TokenFormat>& TokenFormats();

// Lines of text, some of which carry a planted secret.
struct Snippet {
  std::vector<std::string> lines;
  // Planted secrets: family, the secret, and its lines within `lines`.
  struct Mark {
    std::string family;
    std::string secret;
    size_t first = 0, last = 0;
  };
  std::vector<Mark> marks;
};

// A whole file whose kind fixes its format (id_rsa, .netrc, kubeconfig...).
struct FileFormat {
  std::string family;
  std::string (*path)(Random&);
  Snippet (*make)(Random&);
};
const std::vector<FileFormat>& FileFormats();

// Connection strings, URLs with passwords, SAS URLs, bearer JWTs: one line
// each, placed in ordinary config and code files.
std::vector<Snippet> ConnectionSnippets(Random& r);

// Lines that look like secrets but are not.
std::vector<std::string> HardNegatives(Random& r);

// Secrets of the generic families with their own rules: driver-specific
// connection forms, command-line passwords, tokens in URLs and calls, Go
// const blocks, Terraform variable defaults (noise_cases.cc).
std::vector<Snippet> GenericFamilySnippets(Random& r);
// Noise of real code: identifiers, published example credentials, short or
// malformed tokens, ARNs and ids.
std::vector<std::string> NoiseLines(Random& r);
// Binary files, vendored trees and password hashes; the paths where a
// `warn` finding is expected (not a false positive) go to *warn_paths.
std::map<std::string, std::string> NoiseFiles(
    Random& r, std::set<std::string>* warn_paths);

// The corpus: files by path, and every planted secret.
struct Planted {
  std::string family;
  std::string path;
  std::string secret;
  uint64_t first_line = 0, last_line = 0;  // 1-based, inclusive
};
struct Corpus {
  std::vector<std::map<std::string, std::string>> commits;  // path -> content
  std::vector<Planted> planted;
  // Files where findings may be warnings (vendored trees, password hashes):
  // a `warn` finding there is neither a hit nor a false positive; a
  // blocking one is a false positive.
  std::set<std::string> warn_paths;
};
// `per_format`: how many secrets of each format to plant.
Corpus Generate(uint64_t seed, int per_format);

}  // namespace pushguard::corpus
