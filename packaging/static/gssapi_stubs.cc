// Linked into the static binary only (make static). Debian's libgit2.a
// refers to GSSAPI for HTTP "Negotiate" (Kerberos) authentication, and
// Debian ships GSSAPI (libkrb5) as shared libraries only. pushguard never
// uses libgit2's network transports, so these stand-ins just fail: libgit2
// then treats Negotiate as unavailable. Signatures follow RFC 2744.
#include <cstdint>

namespace {
using OM_uint32 = uint32_t;
constexpr OM_uint32 kFailure = 13u << 16;  // GSS_S_FAILURE

OM_uint32 Fail(OM_uint32* minor) {
  if (minor != nullptr) *minor = 0;
  return kFailure;
}
}  // namespace

extern "C" {
void* GSS_C_NT_HOSTBASED_SERVICE = nullptr;

OM_uint32 gss_display_status(OM_uint32* minor, OM_uint32, int, void*,
                             OM_uint32*, void*) {
  return Fail(minor);
}
OM_uint32 gss_release_buffer(OM_uint32* minor, void*) { return Fail(minor); }
OM_uint32 gss_delete_sec_context(OM_uint32* minor, void*, void*) {
  return Fail(minor);
}
OM_uint32 gss_import_name(OM_uint32* minor, void*, void*, void*) {
  return Fail(minor);
}
OM_uint32 gss_release_name(OM_uint32* minor, void*) { return Fail(minor); }
OM_uint32 gss_init_sec_context(OM_uint32* minor, void*, void*, void*, void*,
                               OM_uint32, OM_uint32, void*, void*, void*, void*,
                               OM_uint32*, OM_uint32*) {
  return Fail(minor);
}
OM_uint32 gss_indicate_mechs(OM_uint32* minor, void*) { return Fail(minor); }
OM_uint32 gss_release_oid_set(OM_uint32* minor, void*) { return Fail(minor); }
}
