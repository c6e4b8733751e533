// A held-out evaluation set for secret detection: credential formats and
// non-secrets written from vendors' documentation and RFCs, independently of
// the rule files (policies/secrets/*.yaml), kept as data in
// tests/heldout/formats.tsv and tests/heldout/negatives.tsv.
//
// Each data line holds a format in a small notation, expanded at test time
// from a seed, so no secret-looking value is committed:
//   {a:N} N of A-Za-z0-9        {A:N} N of A-Za-z        {h:N} lowercase hex
//   {H:N} uppercase hex         {u:N} A-Z0-9             {U:N} A-Z
//   {l:N} a-z0-9                {d:N} digits             {b:N} base64
//   {s:N} A-Za-z0-9_-           {z:N} base32 a-z2-7      {B:N} bech32 upper
//   {c:N} bech32 lower          {uuid}                   {b64text} base64 of
//   prose   {basic} base64 of user:password   {discord} base64 of an 18-digit
//   id   {crc} 6 base62 digits of the CRC-32 of the random characters since
//   the last literal text (GitHub's and npm's checksum)   {pem:LABEL} a PEM
//   block (RFC 7468) of that label, on several lines.
// Any other brace is literal text.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../corpus/corpus.h"

namespace pushguard::heldout {

// One line of formats.tsv: a credential format of a provider.
struct Format {
  std::string provider;
  std::string variable;  // the name it is kept under; "-" for a whole file
  std::string spec;
  std::string source;  // where the format is documented
};

// One line of negatives.tsv: a line that is not a secret.
struct Negative {
  std::string label;
  std::string extension;  // of the file that holds it
  std::string spec;
  std::string source;
};

// Tab-separated lines of `text` ('#' lines and blank lines skipped); lines
// without exactly four fields go to *bad.
std::vector<Format> ParseFormats(const std::string& text,
                                 std::vector<std::string>* bad);
std::vector<Negative> ParseNegatives(const std::string& text,
                                     std::vector<std::string>* bad);

// `spec` with every generator replaced by random text from `r`.
std::string Expand(const std::string& spec, corpus::Random& r);

// The held-out repository content: files by path, and what is where.
struct Planted {
  std::string provider;
  std::string path;
  std::string context;  // env, json, yaml, source, url, shell, file
  uint64_t first_line = 0, last_line = 0;  // 1-based, inclusive
  std::string secret;
};
struct HeldOut {
  std::map<std::string, std::string> files;
  std::vector<Planted> planted;
  // Negative files and the label of each.
  std::map<std::string, std::string> negative_files;
};

// Every format planted `per_format` times, each time in the next of six
// contexts (env file, JSON, YAML, source code, URL, shell command); every
// negative written `per_negative` times, each in its own file.
HeldOut Generate(const std::vector<Format>& formats,
                 const std::vector<Negative>& negatives, uint64_t seed,
                 int per_format, int per_negative);

}  // namespace pushguard::heldout
