#include <doctest/doctest.h>

#include "report/text.h"

namespace pushguard::report {
namespace {

Decision Rejection(size_t findings) {
  Decision d;
  d.accepted = false;
  for (size_t i = 0; i < findings; ++i) {
    Finding f;
    f.rule = "aws-access-key-id";
    f.description = "AWS access key ID";
    f.commit = "0123456789abcdef0123456789abcdef01234567";
    f.ref = "refs/heads/main";
    f.path = "config/prod.env";
    f.line = 12 + i;
    f.column = 5;
    f.fingerprint = "00112233445566778899aabbccddeeff";
    f.secret = "AKIA************MPLE";
    f.remediation = "Deactivate the key.";
    d.findings.push_back(f);
  }
  return d;
}

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

bool EveryLineStartsWith(const std::string& text, const std::string& prefix) {
  size_t start = 0;
  while (start < text.size()) {
    if (text.compare(start, prefix.size(), prefix) != 0) return false;
    start = text.find('\n', start);
    if (start == std::string::npos) return false;  // unterminated last line
    ++start;
  }
  return true;
}

}  // namespace

TEST_CASE("the GitLab channel is chosen from GL_ID and GL_PROTOCOL") {
  CHECK(ChannelFor(nullptr, nullptr) == Channel::kGit);
  CHECK(ChannelFor("", "") == Channel::kGit);
  CHECK(ChannelFor("user-1", nullptr) == Channel::kGitLab);
  CHECK(ChannelFor("user-1", "ssh") == Channel::kGitLab);
  CHECK(ChannelFor(nullptr, "http") == Channel::kGitLab);
  CHECK(ChannelFor("user-1", "web") == Channel::kGitLabWeb);
}

TEST_CASE("on GitLab every line of the full report carries GL-HOOK-ERR") {
  TextOptions options;
  options.channel = Channel::kGitLab;
  std::string text = RenderText(Rejection(1), options);
  CHECK(EveryLineStartsWith(text, "GL-HOOK-ERR: "));
  CHECK(Contains(text,
                 "GL-HOOK-ERR: error: pushguard rejected this push: 1 "
                 "secret in the commits you are pushing:\n"));
  CHECK(Contains(text, "GL-HOOK-ERR: hint:   [aws-access-key-id]\n"));
}

TEST_CASE("a change made in GitLab's UI gets a compact report") {
  TextOptions options;
  options.channel = Channel::kGitLabWeb;
  std::string text = RenderText(Rejection(7), options);
  CHECK(EveryLineStartsWith(text, "GL-HOOK-ERR: "));
  CHECK(text ==
        "GL-HOOK-ERR: pushguard rejected this change: 7 secrets.\n"
        "GL-HOOK-ERR: - [aws-access-key-id] config/prod.env:12 in commit "
        "0123456789ab (AKIA************MPLE)\n"
        "GL-HOOK-ERR: - [aws-access-key-id] config/prod.env:13 in commit "
        "0123456789ab (AKIA************MPLE)\n"
        "GL-HOOK-ERR: - [aws-access-key-id] config/prod.env:14 in commit "
        "0123456789ab (AKIA************MPLE)\n"
        "GL-HOOK-ERR: - [aws-access-key-id] config/prod.env:15 in commit "
        "0123456789ab (AKIA************MPLE)\n"
        "GL-HOOK-ERR: - [aws-access-key-id] config/prod.env:16 in commit "
        "0123456789ab (AKIA************MPLE)\n"
        "GL-HOOK-ERR: - ... and 2 more.\n"
        "GL-HOOK-ERR: Revoke the secret, remove it from the commit and try "
        "again.\n");
}

TEST_CASE("a guard failure in GitLab's UI says the guard failed, on one line") {
  Decision d;
  d.accepted = false;
  d.error = "blob 1234: cannot read\nsecond line";
  TextOptions options;
  options.channel = Channel::kGitLabWeb;
  CHECK(RenderText(d, options) ==
        "GL-HOOK-ERR: pushguard could not check this change, so it is "
        "rejected (the guard failed, not you): blob 1234: cannot read\n");
}

TEST_CASE("an accepted push in GitLab's UI prints nothing") {
  TextOptions options;
  options.channel = Channel::kGitLabWeb;
  CHECK(RenderText(Decision{}, options).empty());
}

TEST_CASE("pre-commit findings point at the staged file, not at a commit") {
  Decision d = Rejection(1);
  d.findings[0].commit.clear();
  d.findings[0].ref.clear();
  TextOptions options;
  options.stage = Stage::kPreCommit;
  std::string text = RenderText(d, options);
  CHECK(Contains(text,
                 "error: pushguard stopped this commit: 1 secret in the "
                 "changes you are committing:\n"));
  CHECK(Contains(text, "error:     config/prod.env:12:5\n"));
  CHECK(Contains(text, "error:     staged, not committed yet\n"));
  CHECK(Contains(text, "`git add` the file and commit again"));
  CHECK_FALSE(Contains(text, "git rebase"));
}

TEST_CASE("pre-push findings keep the rewrite hint for unpushed commits") {
  TextOptions options;
  options.stage = Stage::kPrePush;
  std::string text = RenderText(Rejection(1), options);
  CHECK(Contains(text,
                 "error: pushguard stopped this push: 1 secret in the "
                 "commits you are pushing:\n"));
  CHECK(Contains(text, "It has not left this machine yet"));
  CHECK(Contains(text, "git rebase -i 0123456789ab~1"));
}

}  // namespace pushguard::report
