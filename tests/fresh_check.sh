#!/bin/sh
# `make fresh-check`: the README's promise on a fresh machine. Bootstraps a
# minimal Debian bookworm (debootstrap --variant=minbase, plus git and make)
# once and caches it, then on every run copies that cache into a new chroot,
# clones this repository's committed HEAD into it and runs `make demo` and
# `make test` there as root. Whatever a project script forgets to install
# fails here before it lands. Uncommitted changes are not tested.
#
# Usage: sh tests/fresh_check.sh [bootstrap]   ("bootstrap" only fills the
# cache). Needs root. FRESH_DIR (default /var/cache/pushguard-fresh) holds the
# cache (base/) and the last run's chroot (run/, kept for inspection);
# FRESH_MIRROR overrides the Debian mirror (default: the host's apt source);
# FRESH_TARGETS overrides what runs inside (default "demo test"): make
# targets, or "walkthrough" for the README's administrator walkthrough
# (sh tests/admin_walkthrough.sh: users, sshd, pushes over SSH).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${FRESH_DIR:-/var/cache/pushguard-fresh}
base=$dir/base
run=$dir/run
targets=${FRESH_TARGETS:-demo test}

if [ "$(id -u)" -ne 0 ]; then
  echo "fresh-check: needs root (debootstrap, chroot and mounts)" >&2
  exit 1
fi

host_mirror() {
  sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources \
    2>/dev/null | grep -v security | head -n 1
}
mirror=${FRESH_MIRROR:-$(host_mirror)}
mirror=${mirror:-http://deb.debian.org/debian}

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "fresh-check: installing debootstrap" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
fi

if [ ! -e "$base/.pushguard-base" ]; then
  echo "fresh-check: bootstrapping bookworm (minbase) into $base from $mirror"
  rm -rf "$base.tmp"
  mkdir -p "$dir"
  debootstrap --variant=minbase bookworm "$base.tmp" "$mirror" \
    > "$dir/debootstrap.log" 2>&1 || { tail -n 30 "$dir/debootstrap.log"; exit 1; }
  cp /etc/resolv.conf "$base.tmp/etc/resolv.conf"
  chroot "$base.tmp" sh -c 'apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git make' \
    >> "$dir/debootstrap.log" 2>&1 || { tail -n 30 "$dir/debootstrap.log"; exit 1; }
  chroot "$base.tmp" apt-get clean
  touch "$base.tmp/.pushguard-base"
  mv "$base.tmp" "$base"
fi
[ "${1:-}" = bootstrap ] && exit 0

# A new chroot from the cache for every run; its processes (a daemon a test
# started and left behind) and its mounts go away on any exit.
mounted=""
cleanup() {
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$run" ] && kill "${p#/proc/}" 2>/dev/null
  done
  for m in $mounted; do umount -l "$m" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM
for m in $(awk -v r="$run" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r); do
  umount -l "$m"
done
rm -rf "$run"
cp -a "$base" "$run"
cp /etc/resolv.conf "$run/etc/resolv.conf"
mount -t proc proc "$run/proc" && mounted="$run/proc $mounted"
mount --bind /dev "$run/dev" && mounted="$run/dev $mounted"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$run/dev/pts" &&
  mounted="$run/dev/pts $mounted"
mount -t tmpfs tmpfs "$run/dev/shm" && mounted="$run/dev/shm $mounted"
mount -t sysfs sysfs "$run/sys" && mounted="$run/sys $mounted"

git clone -q "$repo" "$run/root/pushguard"
echo "fresh-check: running '$targets' in a fresh bookworm chroot ($run)"
status=0
for t in $targets; do
  command="make $t"
  [ "$t" = walkthrough ] && command="sh tests/admin_walkthrough.sh"
  echo "fresh-check: $command"
  chroot "$run" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    sh -c "cd /root/pushguard && MAKEFLAGS=-j2 $command" || { status=$?; break; }
done
if [ "$status" -ne 0 ]; then
  echo "fresh-check: '$command' failed in the fresh chroot ($run)" >&2
  exit "$status"
fi
echo "fresh-check: $targets passed on a fresh bookworm"
