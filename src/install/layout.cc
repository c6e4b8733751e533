#include "install/layout.h"

#include <algorithm>
#include <cctype>

namespace pushguard::install {
namespace {

namespace fs = std::filesystem;

bool Mentions(const fs::path& file, const std::string& word) {
  std::string text = ReadPrefix(file, 4096);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text.find(word) != std::string::npos;
}

bool IsGitoliteHook(const fs::path& hook) {
  std::error_code ec;
  if (fs::is_symlink(hook, ec)) {
    fs::path target = fs::read_symlink(hook, ec);
    if (target.string().find("gitolite") != std::string::npos) return true;
  }
  return Mentions(hook, "gitolite");
}

// A linked worktree's git dir names the shared one in `commondir`.
fs::path CommonDir(const fs::path& git_dir) {
  std::string common = ReadPrefix(git_dir / "commondir", 4096);
  common = common.substr(0, common.find_first_of("\r\n"));
  if (common.empty()) return git_dir;
  fs::path p(common);
  return p.is_absolute() ? p : (git_dir / p).lexically_normal();
}

}  // namespace

std::optional<Server> ParseServer(const std::string& name) {
  if (name == "plain" || name == "git") return Server::kPlain;
  if (name == "gitlab" || name == "gitaly") return Server::kGitLab;
  if (name == "gitea" || name == "forgejo") return Server::kGitea;
  if (name == "gitolite") return Server::kGitolite;
  if (name == "detect") return Server::kDetect;
  return std::nullopt;
}

Server DetectServer(const fs::path& git_dir) {
  std::error_code ec;
  const fs::path hooks = git_dir / "hooks";
  if (fs::is_directory(git_dir / "custom_hooks", ec) ||
      fs::absolute(git_dir, ec).string().find("/@hashed/") !=
          std::string::npos) {
    return Server::kGitLab;
  }
  if (Mentions(hooks / "pre-receive", "gitea") ||
      Mentions(hooks / "pre-receive", "forgejo")) {
    return Server::kGitea;
  }
  if (IsGitoliteHook(hooks / "update")) return Server::kGitolite;
  if (fs::is_directory(hooks / "pre-receive.d", ec)) return Server::kGitea;
  return Server::kPlain;
}

HookSlot RepositorySlot(const fs::path& git_dir, Server server) {
  switch (server) {
    case Server::kGitLab:
      return {git_dir / "custom_hooks", "custom_hooks", "pre-receive", true};
    case Server::kGitea:
      return {git_dir / "hooks", "hooks", "pre-receive", true};
    case Server::kDetect:
    case Server::kPlain:
    case Server::kGitolite:
      break;
  }
  return {git_dir / "hooks", "hooks", "pre-receive", false};
}

std::vector<HookSlot> AllRepositorySlots(const fs::path& git_dir) {
  return {RepositorySlot(git_dir, Server::kGitea),
          RepositorySlot(git_dir, Server::kGitLab),
          RepositorySlot(git_dir, Server::kPlain)};
}

HookSlot SharedSlot(const fs::path& dir, Server server) {
  bool drop_in = server == Server::kGitLab || server == Server::kGitea;
  return {dir, dir.string(), "pre-receive", drop_in};
}

std::vector<HookSlot> ClientSlots(const fs::path& git_dir) {
  const fs::path hooks = CommonDir(git_dir) / "hooks";
  return {{hooks, "hooks", "pre-commit", false},
          {hooks, "hooks", "pre-push", false}};
}

}  // namespace pushguard::install
