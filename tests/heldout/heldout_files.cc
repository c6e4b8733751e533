// Places expanded held-out formats in the files of six contexts, and
// negatives in files of their own (heldout.h).
#include <cctype>

#include "heldout.h"

namespace pushguard::heldout {
namespace {

std::string Lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Camel(const std::string& var) {
  std::string out;
  bool up = false;
  for (char c : Lower(var)) {
    if (c == '_') {
      up = !out.empty();
      continue;
    }
    out +=
        up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

// A file: lines before the secret's line, the secret's line, lines after.
struct Shape {
  std::string path;
  std::vector<std::string> before;
  std::string line;
  std::vector<std::string> after;
};

// The file that holds `secret` (one line) in context `ctx` (0-5); `variant`
// picks among languages and forms.
Shape Place(const Format& f, const std::string& secret, int ctx, int variant,
            const std::string& stem) {
  const std::string& var = f.variable;
  const std::string low = Lower(var);
  switch (ctx) {
    case 0:
      return {"services/" + stem + "/.env",
              {"# " + f.provider + " integration", "APP_ENV=production"},
              var + "=" + secret,
              {"LOG_LEVEL=info"}};
    case 1:
      return {"config/" + stem + ".json",
              {"{", "  \"service\": \"" + f.provider + "\","},
              "  \"" + low + "\": \"" + secret + "\",",
              {"  \"timeout_ms\": 3000", "}"}};
    case 2:
      return {"deploy/" + stem + ".yaml",
              {"service: " + f.provider, "credentials:"},
              "  " + low + ": " + secret,
              {"replicas: 2"}};
    case 3:
      if (variant % 3 == 0) {
        return {"src/" + stem + ".py",
                {"import os", ""},
                var + " = \"" + secret + "\"",
                {"TIMEOUT = 30"}};
      }
      if (variant % 3 == 1) {
        return {"web/" + stem + ".js",
                {"'use strict';", ""},
                "const " + Camel(var) + " = '" + secret + "';",
                {"module.exports = { " + Camel(var) + " };"}};
      }
      return {"internal/" + stem + "/client.go",
              {"package client", "", "const ("},
              "\t" + Camel(var) + " = \"" + secret + "\"",
              {")"}};
    case 4: {
      bool is_url = secret.find("://") != std::string::npos ||
                    secret.find(';') != std::string::npos;
      std::string value =
          is_url ? secret
                 : "https://api.example.net/v2/sync?" + low + "=" + secret;
      return {"conf/" + stem + ".properties",
              {"# endpoints", "sync.enabled=true"},
              "sync.url=" + value,
              {"sync.interval=60"}};
    }
    default:
      if (variant % 2 == 0) {
        return {"scripts/" + stem + ".sh",
                {"#!/bin/sh", "set -eu"},
                "export " + var + "='" + secret + "'",
                {"./bin/deploy --env production"}};
      }
      // A value that names its scheme ("Basic ...") is the whole header.
      return {"scripts/" + stem + ".sh",
              {"#!/bin/sh", "set -eu"},
              std::string("curl -fsS -H \"Authorization: ") +
                  (secret.rfind("Basic ", 0) == 0 ? "" : "Bearer ") + secret +
                  "\" https://api.example.net/v1/deploy",
              {"echo done"}};
  }
}

// A multi-line secret (a PEM block): a key file, or a YAML block scalar.
Shape PlaceBlock(const std::string& secret, int variant,
                 const std::string& stem, std::vector<std::string>* lines) {
  lines->clear();
  size_t start = 0;
  for (size_t nl; (nl = secret.find('\n', start)) != std::string::npos;
       start = nl + 1) {
    lines->push_back(secret.substr(start, nl - start));
  }
  lines->push_back(secret.substr(start));
  if (variant % 2 == 0) return {"keys/" + stem + ".pem", {}, "", {}};
  for (auto& l : *lines) l = "    " + l;
  return {
      "deploy/" + stem + "-tls.yaml", {"tls:", "  key: |"}, "", {"  ca: none"}};
}

std::string NegativePath(const Negative& n, int k) {
  std::string dir = "lib/" + n.label + "-" + std::to_string(k) + "/";
  if (n.extension == "env") return dir + ".env";
  if (n.extension == "htpasswd") return dir + ".htpasswd";
  if (n.extension == "sum") return dir + "go.sum";
  if (n.extension == "lock") return dir + "Cargo.lock";
  return dir + "settings." + n.extension;
}

}  // namespace

HeldOut Generate(const std::vector<Format>& formats,
                 const std::vector<Negative>& negatives, uint64_t seed,
                 int per_format, int per_negative) {
  corpus::Random r(seed);
  HeldOut out;
  std::map<std::string, int> used;  // per provider, for unique file names
  for (const Format& f : formats) {
    for (int i = 0; i < per_format; ++i) {
      std::string secret = Expand(f.spec, r);
      int n = used[f.provider]++;
      std::string stem = f.provider + "-" + std::to_string(n);
      std::vector<std::string> block;
      bool multi = secret.find('\n') != std::string::npos;
      Shape s = multi ? PlaceBlock(secret, i, stem, &block)
                      : Place(f, secret, i % 6, i / 6 + n, stem);
      if (!multi) block = {s.line};
      std::string text;
      for (const auto& l : s.before) text += l + "\n";
      uint64_t first = s.before.size() + 1;
      for (const auto& l : block) text += l + "\n";
      for (const auto& l : s.after) text += l + "\n";
      static const char* kContexts[] = {"env",    "json", "yaml",
                                        "source", "url",  "shell"};
      std::string context =
          multi ? (i % 2 ? "yaml-block" : "key-file") : kContexts[i % 6];
      out.files[s.path] = text;
      out.planted.push_back({f.provider, s.path, context, first,
                             first + block.size() - 1, secret});
    }
  }
  for (const Negative& n : negatives) {
    for (int k = 0; k < per_negative; ++k) {
      std::string path = NegativePath(n, k);
      out.files[path] = "# settings\n" + Expand(n.spec, r) + "\n";
      out.negative_files[path] = n.label;
    }
  }
  return out;
}

}  // namespace pushguard::heldout
