#!/bin/sh
# Installs the Debian packages pushguard needs to build and test, if missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
#   sh packaging/install-deps.sh [--check]
# With --check (what a plain `make` runs when pkg-config misses a library)
# it never installs: it names what is missing and fails. On a machine
# without dpkg it names the missing pkg-config modules, headers and tools.
set -eu
packages="g++ make pkg-config git libgit2-dev libpcre2-dev libyaml-cpp-dev
libspdlog-dev doctest-dev libvectorscan-dev libssl-dev zlib1g-dev
libtomlplusplus-dev gpgv openssh-client"
# The same needs, for a machine without dpkg.
modules="libgit2 libpcre2-8 yaml-cpp spdlog libhs libcrypto zlib"
tools="g++ make pkg-config git gpgv ssh"
headers="doctest/doctest.h toml++/toml.h"
check=""
[ "${1:-}" = --check ] && check=1

if ! command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  for t in $tools; do
    command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
  done
  if command -v pkg-config >/dev/null 2>&1; then
    for m in $modules; do
      pkg-config --exists "$m" 2>/dev/null || missing="$missing pkg-config:$m"
    done
  else
    for m in $modules; do missing="$missing pkg-config:$m"; done
  fi
  for h in $headers; do
    printf '#include <%s>\n' "$h" | ${CXX:-c++} -E -x c++ - >/dev/null 2>&1 ||
      missing="$missing header:<$h>"
  done
  [ -z "$missing" ] && exit 0
  echo "pushguard: not a Debian system (no dpkg); missing:$missing" >&2
  echo "  (Debian names them: $packages)" | tr '\n' ' ' >&2
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
  echo "pushguard: missing build dependencies:$missing" >&2
  echo "  install them with: sudo apt-get install -y$missing" >&2
  echo "  (or run 'make deps' as root)" >&2
  exit 1
fi
echo "pushguard: installing$missing" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
