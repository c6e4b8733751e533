#include "config/compiled_form.h"

#include <elf.h>
#include <link.h>
#include <zlib.h>

#include "base/byte_codec.h"
#include "rules/policy_codec.h"

namespace pushguard::config {
namespace {

constexpr std::string_view kMagic = "pushguard compiled configuration\n";

uint32_t Crc32(std::string_view bytes) {
  return static_cast<uint32_t>(
      crc32_z(0, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

// dl_iterate_phdr callback: the main program's NT_GNU_BUILD_ID note.
int FindBuildId(dl_phdr_info* info, size_t, void* data) {
  auto* out = static_cast<std::string*>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& header = info->dlpi_phdr[i];
    if (header.p_type != PT_NOTE) continue;
    const char* note =
        reinterpret_cast<const char*>(info->dlpi_addr + header.p_vaddr);
    size_t offset = 0;
    while (offset + sizeof(ElfW(Nhdr)) <= header.p_memsz) {
      const auto* n = reinterpret_cast<const ElfW(Nhdr)*>(note + offset);
      size_t name_at = offset + sizeof(ElfW(Nhdr));
      size_t desc_at = name_at + ((n->n_namesz + 3) & ~size_t{3});
      size_t next = desc_at + ((n->n_descsz + 3) & ~size_t{3});
      if (next > header.p_memsz) break;
      if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
          std::string_view(note + name_at, 3) == "GNU") {
        static constexpr char kHex[] = "0123456789abcdef";
        for (size_t b = 0; b < n->n_descsz; ++b) {
          unsigned char c = static_cast<unsigned char>(note[desc_at + b]);
          *out += kHex[c >> 4];
          *out += kHex[c & 15];
        }
        return 1;
      }
      offset = next;
    }
  }
  return 1;  // only the first object (the program itself) is looked at
}

}  // namespace

std::string BuildIdentity() {
  static const std::string identity = [] {
    std::string id;
    dl_iterate_phdr(FindBuildId, &id);
    return id.empty() ? id : "build-id:" + id;
  }();
  return identity;
}

std::string WrapCompiled(const CompiledConfig& config,
                         std::string_view identity) {
  ByteWriter payload;
  // The configuration's own part: a Policy without what the rule set holds.
  rules::Policy own;
  own.settings = config.settings;
  for (const policy::CompiledPolicy& p : config.policies->all()) {
    own.push_policies.push_back(*p.spec);
  }
  own.sources = config.sources;
  own.ignored = config.ignored;
  rules::EncodePolicy(own, &payload);
  config.rules->Encode(&payload);
  ByteWriter out;
  out.PutRaw(kMagic);
  out.PutU32(kCompiledFormatVersion);
  out.PutString(identity);
  out.PutU32(Crc32(payload.bytes()));
  out.PutString(payload.bytes());
  return out.Release();
}

Result<CompiledConfig> UnwrapCompiled(std::string_view bytes,
                                      std::string_view identity,
                                      Verify verify) {
  ByteReader in(bytes);
  std::string_view magic, written_for, payload;
  uint32_t version = 0, crc = 0;
  if (!in.GetRaw(kMagic.size(), &magic) || magic != kMagic ||
      !in.GetU32(&version) || !in.GetView(&written_for) || !in.GetU32(&crc) ||
      !in.GetView(&payload) || !in.done()) {
    return Status::Corruption("not a compiled configuration, or truncated");
  }
  if (version != kCompiledFormatVersion || written_for != identity) {
    return Status::Corruption("compiled by another pushguard build");
  }
  if (verify == Verify::kChecksum && Crc32(payload) != crc) {
    return Status::Corruption("compiled configuration: checksum mismatch");
  }
  ByteReader in_payload(payload);
  Result<rules::Policy> own = rules::DecodePolicy(&in_payload);
  if (!own.ok()) return own.status();
  Result<std::unique_ptr<match::RuleSet>> rule_set =
      match::RuleSet::Decode(&in_payload);
  if (!rule_set.ok()) return rule_set.status();
  if (!in_payload.done()) {
    return Status::Corruption("compiled configuration: trailing bytes");
  }
  CompiledConfig config;
  std::vector<rules::Diagnostic> problems;
  config.policies = policy::PushPolicies::Compile(*own, &problems);
  if (!problems.empty()) {
    return Status::Corruption("compiled configuration: " +
                              problems[0].ToString());
  }
  config.settings = std::move(own->settings);
  config.rules = std::move(*rule_set);
  config.sources = std::move(own->sources);
  config.ignored = std::move(own->ignored);
  return config;
}

}  // namespace pushguard::config
