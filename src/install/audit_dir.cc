#include "install/audit_dir.h"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "install/hook_script.h"
#include "signing/tool.h"

namespace pushguard::install {
namespace {

constexpr std::chrono::seconds kAccountToolTimeout{30};

std::vector<std::string> NonRoot(const std::vector<std::string>& users) {
  std::vector<std::string> out;
  for (const std::string& u : users) {
    if (!u.empty() && u != "root" &&
        std::find(out.begin(), out.end(), u) == out.end()) {
      out.push_back(u);
    }
  }
  return out;
}

bool InGroup(const std::string& user, const group& g) {
  for (char** m = g.gr_mem; m != nullptr && *m != nullptr; ++m) {
    if (user == *m) return true;
  }
  const passwd* pw = getpwnam(user.c_str());
  return pw != nullptr && pw->pw_gid == g.gr_gid;
}

Status RunAccountTool(const std::vector<std::string>& argv) {
  Result<signing::ToolResult> r = signing::RunTool(
      argv, "", {"PATH=/usr/sbin:/usr/bin:/sbin:/bin"}, kAccountToolTimeout);
  if (!r.ok()) return r.status();
  if (r->exit_code != 0) {
    return Status::Io(argv[0] + " failed (exit " +
                      std::to_string(r->exit_code) + "): " + r->err);
  }
  return Status::Ok();
}

// The group, created when missing. A concurrent install may create it
// first: only its absence afterwards is an error.
Result<gid_t> EnsureGroup(std::string* done) {
  if (const group* g = getgrnam(kAuditGroup)) return g->gr_gid;
  Status s = RunAccountTool({"/usr/sbin/groupadd", "--system", kAuditGroup});
  const group* g = getgrnam(kAuditGroup);
  if (g == nullptr) {
    return s.ok() ? Status::Io("groupadd did not create the group") : s;
  }
  *done += "created group " + std::string(kAuditGroup) + "; ";
  return g->gr_gid;
}

}  // namespace

std::vector<std::string> AuditDirCommands(
    const std::string& dir, const std::vector<std::string>& users) {
  std::vector<std::string> out = {"getent group " + std::string(kAuditGroup) +
                                  " >/dev/null || groupadd --system " +
                                  kAuditGroup};
  for (const std::string& u : NonRoot(users)) {
    out.push_back("usermod -a -G " + std::string(kAuditGroup) + " " +
                  ShellQuote(u));
  }
  out.push_back("install -d -o root -g " + std::string(kAuditGroup) +
                " -m 2770 " + ShellQuote(dir));
  return out;
}

Result<std::string> EnsureAuditDir(const std::string& dir,
                                   const std::vector<std::string>& users) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return std::string();
  if (geteuid() != 0) {
    return Status::Unsupported(dir + " does not exist and only root can " +
                               "create it for the group " + kAuditGroup);
  }
  std::string done;
  Result<gid_t> gid = EnsureGroup(&done);
  if (!gid.ok()) return gid.status();
  for (const std::string& u : NonRoot(users)) {
    const group* g = getgrgid(*gid);
    if (g != nullptr && InGroup(u, *g)) continue;
    Status s =
        RunAccountTool({"/usr/sbin/usermod", "-a", "-G", kAuditGroup, u});
    if (!s.ok()) return s;
    done += "added " + u + " to group " + kAuditGroup +
            " (from its next login or service restart); ";
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Io(dir + ": " + ec.message());
  if (chown(dir.c_str(), 0, *gid) != 0 || chmod(dir.c_str(), 02770) != 0) {
    return Status::Io(dir + ": " + std::strerror(errno));
  }
  return done + "created " + dir + " (root:" + kAuditGroup + ", mode 2770)";
}

std::string OwnerOf(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return "";
  const passwd* pw = getpwuid(st.st_uid);
  return pw != nullptr ? pw->pw_name : "";
}

}  // namespace pushguard::install
