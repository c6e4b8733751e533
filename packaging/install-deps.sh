#!/bin/sh
# Installs the Debian packages pushguard needs to build and test, if missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu
packages="g++ make pkg-config git libgit2-dev libpcre2-dev libyaml-cpp-dev
libspdlog-dev doctest-dev libvectorscan-dev libssl-dev zlib1g-dev
gpgv openssh-client"
missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "pushguard: missing build dependencies. Install them with:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "pushguard: installing$missing" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
