// Expands the held-out formats and negatives (heldout.h) into files.
#include "heldout.h"

#include <array>
#include <cctype>
#include <sstream>

namespace pushguard::heldout {
namespace {

std::vector<std::vector<std::string>> SplitLines(
    const std::string& text, std::vector<std::string>* bad) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string::npos;
         start = tab + 1) {
      fields.push_back(line.substr(start, tab - start));
    }
    fields.push_back(line.substr(start));
    if (fields.size() != 4) {
      bad->push_back(line);
      continue;
    }
    rows.push_back(fields);
  }
  return rows;
}

uint32_t Crc32(const std::string& s) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : s) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
  }
  return ~crc;
}

std::string Base62(uint32_t v, size_t width) {
  static constexpr std::string_view kDigits =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[v % 62]);
    v /= 62;
  } while (v != 0);
  while (out.size() < width) out.insert(out.begin(), '0');
  return out;
}

std::string_view Alphabet(char cls) {
  switch (cls) {
    case 'a':
      return corpus::kAlnum;
    case 'A':
      return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    case 'h':
      return corpus::kHex;
    case 'H':
      return "0123456789ABCDEF";
    case 'u':
      return corpus::kUpperDigits;
    case 'U':
      return corpus::kUpper;
    case 'l':
      return corpus::kLowerDigits;
    case 'd':
      return corpus::kDigits;
    case 'b':
      return corpus::kBase64;
    case 's':
      return corpus::kUrlSafe;
    case 'z':
      return "abcdefghijklmnopqrstuvwxyz234567";
    case 'B':
      return "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
    case 'c':
      return "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    default:
      return "";
  }
}

std::string Prose(corpus::Random& r) {
  static const std::vector<std::string> kWords = {
      "release", "notes",  "for",    "the",     "billing", "service",
      "adds",    "retry",  "on",     "timeout", "and",     "a",
      "new",     "report", "format", "welcome", "to",      "staging"};
  std::string out;
  for (int i = 0; i < 8; ++i) out += (i ? " " : "") + r.Pick(kWords);
  return out;
}

// A PEM block whose body starts like the DER (or OpenSSH) encoding of its
// label, then random base64, in 64-column lines.
std::string Pem(const std::string& label, corpus::Random& r) {
  std::string head = label == "OPENSSH PRIVATE KEY" ? "b3BlbnNzaC1rZXktdjEAAAAA"
                     : label == "EC PRIVATE KEY"    ? "MHcCAQEEI"
                     : label == "PRIVATE KEY"
                         ? "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ"
                         : "MIIEpAIBAAKCAQEA";
  size_t size = label == "EC PRIVATE KEY" ? 160 : 1600;
  std::string body = head + r.Chars(corpus::kBase64, size - head.size()) + "=";
  std::string out = "-----BEGIN " + label + "-----\n";
  for (size_t i = 0; i < body.size(); i += 64) out += body.substr(i, 64) + "\n";
  return out + "-----END " + label + "-----";
}

// The text of generator `g` ("a:16", "uuid", ...); `run` is the random text
// since the last literal. False if `g` is not a generator.
bool Generator(const std::string& g, const std::string& run, corpus::Random& r,
               std::string* out) {
  if (g == "uuid") return *out = corpus::Uuid(r), true;
  if (g == "crc") return *out = Base62(Crc32(run), 6), true;
  if (g == "b64text") return *out = corpus::Base64(Prose(r)), true;
  if (g == "basic") {
    return *out = corpus::Base64("svc_" + r.Chars(corpus::kLowerDigits, 5) +
                                 ":" + r.Chars(corpus::kAlnum, 18)),
           true;
  }
  if (g == "discord") {
    std::string id = r.Chars("123456789", 1) + r.Chars(corpus::kDigits, 17);
    return *out = corpus::Base64(id), true;
  }
  if (g.rfind("pem:", 0) == 0) return *out = Pem(g.substr(4), r), true;
  if (g.size() >= 3 && g[1] == ':' && !Alphabet(g[0]).empty()) {
    for (size_t i = 2; i < g.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(g[i]))) return false;
    }
    return *out = r.Chars(Alphabet(g[0]), std::stoul(g.substr(2))), true;
  }
  return false;
}

}  // namespace

std::vector<Format> ParseFormats(const std::string& text,
                                 std::vector<std::string>* bad) {
  std::vector<Format> out;
  for (auto& f : SplitLines(text, bad)) out.push_back({f[0], f[1], f[2], f[3]});
  return out;
}

std::vector<Negative> ParseNegatives(const std::string& text,
                                     std::vector<std::string>* bad) {
  std::vector<Negative> out;
  for (auto& f : SplitLines(text, bad)) out.push_back({f[0], f[1], f[2], f[3]});
  return out;
}

std::string Expand(const std::string& spec, corpus::Random& r) {
  std::string out, run;
  size_t i = 0;
  while (i < spec.size()) {
    size_t close = spec[i] == '{' ? spec.find('}', i) : std::string::npos;
    std::string text;
    if (close != std::string::npos &&
        Generator(spec.substr(i + 1, close - i - 1), run, r, &text)) {
      out += text;
      run += text;
      i = close + 1;
      continue;
    }
    out += spec[i++];
    run.clear();
  }
  return out;
}

}  // namespace pushguard::heldout
