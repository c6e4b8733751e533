#!/bin/sh
# Builds the GitHub Enterprise Server pre-receive hook environment: a chroot
# tarball with the static pushguard, busybox's /bin/sh (busybox-static from
# Debian) and the GHES policy preset (4.5 s time budget, no log file).
#   sh packaging/ghes/build-ghes-env.sh STATIC_BINARY OUTDIR
# Prints the path of the tarball. Upload it in the GHES management console
# (Hooks > Manage environments) and pair it with
# server-hooks/ghes/pushguard-pre-receive.sh.
set -eu
bin=$1
out=$(mkdir -p "$2" && cd "$2" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
busybox=/bin/busybox
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
  echo "build-ghes-env: needs a static $busybox: apt-get install busybox-static" >&2
  exit 1
fi
if ! file -L "$bin" | grep -q 'statically linked'; then
  echo "build-ghes-env: $bin is not statically linked (make static)" >&2
  exit 1
fi
stage="$out/ghes-env"
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/usr/bin" "$stage/etc/pushguard" "$stage/tmp"
chmod 1777 "$stage/tmp"
install -m 0755 "$busybox" "$stage/bin/busybox"
for applet in sh cat mktemp rm dirname env printf; do
  ln -s busybox "$stage/bin/$applet"
done
install -m 0755 "$bin" "$stage/usr/bin/pushguard"
install -m 0644 "$here/etc/examples/ghes.yaml" "$stage/etc/pushguard/ghes.yaml"
tarball="$out/pushguard-ghes-env.tar.gz"
tar --owner=0 --group=0 --numeric-owner -czf "$tarball" -C "$stage" .
echo "$tarball"
