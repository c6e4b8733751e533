// Human-readable reports. In hook mode git shows the hook's output to the
// pusher as "remote: " lines and colours lines that start with "error:",
// "warning:" or "hint:". Every untrusted field (paths, refs, messages) is
// escaped, so nothing pushed can inject terminal control sequences.
#pragma once

#include <string>

#include "base/finding.h"

namespace pushguard::report {

// Where the text is shown. GitLab (Gitaly) passes only lines that start with
// "GL-HOOK-ERR: " on to its web UI and API; pushes made there (web editor,
// merge button, API: GL_PROTOCOL=web) get a short version, since the UI shows
// it as one message without the git client's "remote:" framing.
inline constexpr char kGitLabPrefix[] = "GL-HOOK-ERR: ";

enum class Channel {
  kGit,        // a git client shows every line as "remote: ..."
  kGitLab,     // GitLab, pushed with git: every line prefixed GL-HOOK-ERR:
  kGitLabWeb,  // GitLab, changed in its UI or API: compact, prefixed
};

// Which side of the push the text is for: the server (pre-receive, or a scan
// of history) or the developer's own hooks, which catch the same secrets
// before they leave the clone and so give different advice.
enum class Stage { kServer, kPreCommit, kPrePush };

struct TextOptions {
  size_t max_findings = 20;  // listed in full; the rest are counted
  bool hook = true;          // wording for a push (vs. a scan of history)
  Channel channel = Channel::kGit;
  Stage stage = Stage::kServer;
};

// The channel the hook's environment asks for, given the values of GL_ID
// and GL_PROTOCOL (nullptr or "" when unset): GitLab when either is set
// (Gitaly exports both), compact for GL_PROTOCOL=web.
Channel ChannelFor(const char* gl_id, const char* gl_protocol);

// When the guard failed (decision.error), the wording follows the verdict:
// a rejection says the guard failed, an acceptance (on_error / on_timeout:
// accept) warns that the push was not fully checked.
std::string RenderText(const Decision& decision, const TextOptions& options);

}  // namespace pushguard::report
