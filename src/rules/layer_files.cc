// Reading policy files into layers (loader.h): ReadPolicyFile, CollectLayers,
// AppendLayers, LayerDigest.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "base/sha256.h"
#include "rules/embedded.h"
#include "rules/loader.h"

namespace pushguard::rules {

std::string LayerDigest(const PolicySource& layer) {
  return layer.digest.empty() ? Sha256Hex(layer.text) : layer.digest;
}

Result<PolicySource> ReadPolicyFile(const std::string& path) {
  auto fail = [&](const std::string& why) {
    return Status::Config(path + ": cannot read policy file: " + why);
  };
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return fail(std::strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return fail("not a regular file");
  }
  if (st.st_mode & S_IWOTH) {
    close(fd);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", st.st_mode & 07777);
    return Status::Config(path +
                          ": policy file is writable by every user "
                          "(mode " +
                          mode +
                          "), so anyone on the server could "
                          "change the policy; fix it with `chmod o-w " +
                          path + "`");
  }
  std::string text;
  char buffer[65536];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, n);
  int e = errno;
  close(fd);
  if (n < 0) return fail(std::strerror(e));
  return PolicySource{path, std::move(text)};
}

Result<std::vector<PolicySource>> CollectLayers(
    const std::string& system_dir,
    const std::vector<std::string>& extra_files) {
  std::vector<PolicySource> layers;
  Status s = AppendLayers(system_dir, extra_files, &layers);
  if (!s.ok()) return s;
  return layers;
}

Status AppendLayers(const std::string& system_dir,
                    const std::vector<std::string>& extra_files,
                    std::vector<PolicySource>* layers) {
  namespace fs = std::filesystem;
  std::vector<PolicySource> embedded = EmbeddedPolicies();
  layers->insert(layers->end(), embedded.begin(), embedded.end());
  std::vector<std::string> files;
  std::error_code ec;
  if (!system_dir.empty() && fs::is_directory(system_dir, ec)) {
    for (const auto& entry : fs::directory_iterator(system_dir, ec)) {
      std::string name = entry.path().filename().string();
      if (name.size() > 5 && name.ends_with(".yaml")) {
        files.push_back(entry.path().string());
      }
    }
    if (ec) {
      return Status::Config(system_dir +
                            ": cannot list directory: " + ec.message());
    }
    std::sort(files.begin(), files.end());
  }
  const size_t system_files = files.size();
  files.insert(files.end(), extra_files.begin(), extra_files.end());
  for (size_t i = 0; i < files.size(); ++i) {
    Result<PolicySource> source = ReadPolicyFile(files[i]);
    if (!source.ok()) return source.status();
    source->system = i < system_files;
    layers->push_back(std::move(*source));
  }
  return Status::Ok();
}

}  // namespace pushguard::rules
