#!/bin/sh
# Installs the Debian packages that `make test` needs beyond the build ones,
# if missing: what the transport, packaging and client-side end-to-end tests
# start or use (a real sshd, nginx + fcgiwrap for smart HTTP, gitolite3,
# gnupg, chromium for the HTML report test, busybox-static for the static
# chroot and the GHES hook environment, rsyslog for the syslog delivery
# test, jq for `make bench`'s audit log baseline), and what `make deb` and `make
# static` use (dpkg-dev's dpkg-shlibdeps, libgpg-error-dev's static library,
# file to check the binary is static), and clang-format for `make
# format-check` (CI). `make test` runs it; `make demo` does
# not need it. As root it runs apt-get (never starting the services: the
# tests start their own instances on loopback); otherwise, or with --check,
# it prints the exact command and fails.
set -eu
packages="openssh-server nginx-light fcgiwrap gitolite3 busybox-static gnupg
chromium dpkg-dev libgpg-error-dev file clang-format rsyslog jq"
check=""
[ "${1:-}" = --check ] && check=1
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "pushguard: the test dependencies are Debian packages (no dpkg here):" >&2
  echo "  $packages" | tr '\n' ' ' >&2
  echo >&2
  exit 1
fi
missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
if [ -n "$check" ] || [ "$(id -u)" -ne 0 ]; then
  echo "pushguard: missing test dependencies:$missing" >&2
  echo "  install them with: sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "pushguard: installing test dependencies:$missing" >&2
# Keep the packages' own services from starting: the tests run private ones.
created_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  created_policy=1
fi
status=0
{ apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } || status=$?
[ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d
exit $status
