// Assembles the corpus: token lines placed in files of many kinds, whole-file
// formats, connection strings, hard negatives, negative-only files (lock
// files, public keys, certificates), split over several commits.
#include "corpus.h"

#include <cctype>

namespace pushguard::corpus {

std::string Random::Chars(std::string_view alphabet, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += alphabet[Below(alphabet.size())];
  return out;
}

std::string Base64(std::string_view bytes) {
  static constexpr char kTable[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) |
                 uint8_t(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kTable[(v >> k) & 63];
  }
  if (i < bytes.size()) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= uint8_t(bytes[i + 1]) << 8;
    out += kTable[(v >> 18) & 63];
    out += kTable[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kTable[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string Base64Url(std::string_view bytes) {
  std::string out = Base64(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

namespace {

std::string Lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Camel(const std::string& name) {
  std::string out;
  bool up = false;
  for (char c : Lower(name)) {
    if (c == '_') {
      up = true;
    } else {
      out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                : c;
      up = false;
    }
  }
  return out;
}

// A kind of file: where it lives, how it starts and ends, filler lines, and
// how a NAME = secret assignment is written in it.
struct Kind {
  std::string (*path)(const std::string& service);
  std::vector<std::string> head, tail, filler;
  std::string (*assign)(const std::string& name, const std::string& secret);
};

const std::vector<Kind>& Kinds() {
  static const std::vector<Kind> kKinds = {
      {+[](const std::string& s) { return "services/" + s + "/.env"; },
       {"# " + std::string("runtime settings")},
       {},
       {"LOG_LEVEL=info", "PORT=8080", "REGION=eu-west-1"},
       +[](const std::string& n, const std::string& v) { return n + "=" + v; }},
      {+[](const std::string& s) { return "config/" + s + ".yaml"; },
       {"service:", "  settings:"},
       {},
       {"    replicas: 3", "    timeout_seconds: 30", "    log_format: json"},
       +[](const std::string& n, const std::string& v) {
         return "    " + Lower(n) + ": \"" + v + "\"";
       }},
      {+[](const std::string& s) { return "config/" + s + ".json"; },
       {"{"},
       {"  \"enabled\": true", "}"},
       {"  \"port\": 8443,", "  \"region\": \"eu-west-1\","},
       +[](const std::string& n, const std::string& v) {
         return "  \"" + Camel(n) + "\": \"" + v + "\",";
       }},
      {+[](const std::string& s) { return "app/" + s + "/settings.py"; },
       {"import os", ""},
       {},
       {"DEBUG = False", "TIMEOUT = 30", "ALLOWED_HOSTS = [\"*\"]"},
       +[](const std::string& n, const std::string& v) {
         return n + " = \"" + v + "\"";
       }},
      {+[](const std::string& s) { return "web/src/" + s + ".js"; },
       {"'use strict';", ""},
       {"module.exports = {};"},
       {"const retries = 3;", "const baseUrl = 'https://api.acme-corp.net';"},
       +[](const std::string& n, const std::string& v) {
         return "const " + Camel(n) + " = '" + v + "';";
       }},
      {+[](const std::string& s) { return "web/src/" + s + ".ts"; },
       {"import { Client } from './client';", ""},
       {},
       {"export const TIMEOUT_MS = 5000;", "const client = new Client();"},
       +[](const std::string& n, const std::string& v) {
         return "export const " + n + ": string = \"" + v + "\";";
       }},
      {+[](const std::string& s) { return "cmd/" + s + "/config.go"; },
       {"package main", "", "func config() {"},
       {"}"},
       {"\tretries := 3", "\tlog.Println(\"starting\")"},
       +[](const std::string& n, const std::string& v) {
         return "\t" + Camel(n) + " := \"" + v + "\"";
       }},
      {+[](const std::string& s) {
         return "src/main/java/com/acme/" + s + "/Config.java";
       },
       {"package com.acme;", "", "public final class Config {"},
       {"}"},
       {"    private static final int RETRIES = 3;"},
       +[](const std::string& n, const std::string& v) {
         return "    private static final String " + n + " = \"" + v + "\";";
       }},
      {+[](const std::string& s) { return "scripts/deploy-" + s + ".sh"; },
       {"#!/bin/sh", "set -eu"},
       {"./deploy.sh \"$@\""},
       {"cd \"$(dirname \"$0\")\"", "echo deploying"},
       +[](const std::string& n, const std::string& v) {
         return "export " + n + "=\"" + v + "\"";
       }},
      {+[](const std::string& s) { return "docker/" + s + "/Dockerfile"; },
       {"FROM python:3.12-slim", "WORKDIR /app"},
       {"CMD [\"python\", \"main.py\"]"},
       {"RUN pip install -r requirements.txt", "EXPOSE 8080"},
       +[](const std::string& n, const std::string& v) {
         return "ENV " + n + "=" + v;
       }},
      {+[](const std::string& s) { return "deploy/k8s/" + s + "-secret.yaml"; },
       {"apiVersion: v1", "kind: Secret", "metadata:", "  name: app-secrets",
        "type: Opaque", "stringData:"},
       {},
       {"  region: eu-west-1"},
       +[](const std::string& n, const std::string& v) {
         return "  " + n + ": \"" + v + "\"";
       }},
      {+[](const std::string& s) { return "infra/" + s + ".tf"; },
       {"resource \"acme_service\" \"main\" {"},
       {"}"},
       {"  region = \"eu-west-1\"", "  count  = 2"},
       +[](const std::string& n, const std::string& v) {
         return "  " + Lower(n) + " = \"" + v + "\"";
       }},
      {+[](const std::string& s) { return ".github/workflows/" + s + ".yml"; },
       {"name: deploy", "on: push",
        "jobs:", "  deploy:", "    runs-on: ubuntu-latest", "    env:"},
       {"    steps:", "      - run: make deploy"},
       {"      STAGE: production"},
       +[](const std::string& n, const std::string& v) {
         return "      " + n + ": " + v;
       }},
      {+[](const std::string& s) { return "ci/" + s + ".gitlab-ci.yml"; },
       {"variables:"},
       {"deploy:", "  script: make deploy"},
       {"  GIT_DEPTH: \"10\""},
       +[](const std::string& n, const std::string& v) {
         return "  " + n + ": \"" + v + "\"";
       }},
  };
  return kKinds;
}

// A file being filled: its kind, body lines and the marks on them.
struct Draft {
  const Kind* kind;
  std::string path;
  std::vector<std::string> body;
  std::vector<Snippet::Mark> marks;  // first/last relative to body
};

void AddSnippet(Draft& d, const Snippet& s) {
  size_t base = d.body.size();
  for (const std::string& l : s.lines) d.body.push_back(l);
  for (Snippet::Mark m : s.marks) {
    m.first += base;
    m.last += base;
    d.marks.push_back(m);
  }
}

void Finish(Draft& d, std::map<std::string, std::string>& files,
            std::vector<Planted>& planted) {
  std::string text;
  std::vector<std::string> lines;
  if (d.kind != nullptr) lines = d.kind->head;
  size_t offset = lines.size();
  lines.insert(lines.end(), d.body.begin(), d.body.end());
  if (d.kind != nullptr)
    lines.insert(lines.end(), d.kind->tail.begin(), d.kind->tail.end());
  for (const std::string& l : lines) text += l + "\n";
  files[d.path] = text;
  for (const Snippet::Mark& m : d.marks) {
    planted.push_back({m.family, d.path, m.secret, offset + m.first + 1,
                       offset + m.last + 1});
  }
}

std::map<std::string, std::string> NegativeFiles(Random& r) {
  std::string lock =
      "{\n  \"name\": \"web\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n";
  for (int i = 0; i < 20; ++i) {
    lock += "    \"node_modules/pkg" + std::to_string(i) +
            "\": {\n      \"resolved\": "
            "\"https://registry.npmjs.org/pkg/-/pkg-1.0.0.tgz\",\n      "
            "\"integrity\": \"sha512-" +
            r.Chars(kBase64, 86) + "==\"\n    },\n";
  }
  lock += "  }\n}\n";
  std::string gosum;
  for (int i = 0; i < 20; ++i) {
    gosum += "github.com/acme/mod" + std::to_string(i) + " v1.2." +
             std::to_string(i) + " h1:" + r.Chars(kBase64, 43) + "=\n";
  }
  std::string cert = "-----BEGIN CERTIFICATE-----\n";
  for (int i = 0; i < 18; ++i) cert += r.Chars(kBase64, 64) + "\n";
  cert += "-----END CERTIFICATE-----\n";
  std::string pub = "-----BEGIN PUBLIC KEY-----\n";
  for (int i = 0; i < 6; ++i) pub += r.Chars(kBase64, 64) + "\n";
  pub += "-----END PUBLIC KEY-----\n";
  std::string yarn;
  for (int i = 0; i < 10; ++i) {
    yarn += "pkg" + std::to_string(i) +
            "@^1.0.0:\n  version \"1.0.0\"\n  integrity sha512-" +
            r.Chars(kBase64, 86) + "==\n\n";
  }
  return {{"web/package-lock.json", lock},
          {"go.sum", gosum},
          {"web/yarn.lock", yarn},
          {"certs/ca.crt", cert},
          {"keys/signing.pub.pem", pub},
          {"keys/deploy.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" +
                                  r.Chars(kBase64, 43) + " deploy@acme\n"},
          {"docs/SECURITY.md",
           "# Secrets\n\nNever commit `AWS_SECRET_ACCESS_KEY` or a `ghp_` "
           "token.\nSet `DB_PASSWORD` in the vault; see `get_secret()`.\n"}};
}

}  // namespace

Corpus Generate(uint64_t seed, int per_format) {
  Random r(seed);
  Corpus corpus;
  std::map<std::string, std::string> files;
  const std::vector<std::string> services = {"billing", "orders", "search",
                                             "auth",    "notify", "reports",
                                             "gateway", "ledger"};
  std::vector<Draft> open;  // one open draft per kind
  for (const Kind& k : Kinds()) open.push_back({&k, "", {}, {}});
  int file_no = 0;
  // Adds a snippet (made for the kind of file it lands in) to an open draft.
  auto add = [&](auto make) {
    Draft& d = open[r.Below(open.size())];
    if (d.path.empty())
      d.path = d.kind->path(r.Pick(services) + std::to_string(++file_no));
    d.body.push_back(r.Pick(d.kind->filler));
    AddSnippet(d, make(*d.kind));
    if (d.marks.size() >= 6) {
      Finish(d, files, corpus.planted);
      d = {d.kind, "", {}, {}};
    }
  };
  for (int i = 0; i < per_format; ++i) {
    for (const TokenFormat& f : TokenFormats()) {
      std::string secret = f.make(r);
      add([&](const Kind& k) {
        return Snippet{{k.assign(f.name, secret)}, {{f.family, secret, 0, 0}}};
      });
    }
    for (const Snippet& s : ConnectionSnippets(r)) {
      add([&](const Kind&) { return s; });
    }
    for (const FileFormat& f : FileFormats()) {
      Draft d{nullptr, f.path(r), {}, {}};
      AddSnippet(d, f.make(r));
      Finish(d, files, corpus.planted);
    }
    for (const std::string& line : HardNegatives(r)) {
      add([&](const Kind&) { return Snippet{{line}, {}}; });
    }
    for (const Snippet& s : GenericFamilySnippets(r)) {
      add([&](const Kind&) { return s; });
    }
    for (const std::string& line : NoiseLines(r)) {
      add([&](const Kind&) { return Snippet{{line}, {}}; });
    }
  }
  for (Draft& d : open) {
    if (!d.path.empty()) Finish(d, files, corpus.planted);
  }
  for (auto& [path, text] : NegativeFiles(r)) files[path] = text;
  for (auto& [path, text] : NoiseFiles(r, &corpus.warn_paths)) {
    files[path] = text;
  }
  // Spread the files over several commits.
  corpus.commits.resize(5);
  for (auto& [path, text] : files) corpus.commits[r.Below(5)][path] = text;
  return corpus;
}

}  // namespace pushguard::corpus
