#!/bin/sh
# Builds the pushguard Debian package with dpkg-deb (no debhelper needed).
#   sh packaging/deb/build-deb.sh BINARY VERSION OUTDIR
# Prints the path of the .deb it wrote.
set -eu
bin=$1 version=$2
out=$(mkdir -p "$3" && cd "$3" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)    # packaging/
top=$(cd "$here/.." && pwd)
arch=$(dpkg --print-architecture)
stage="$out/deb-root"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/usr/bin" "$stage/etc/pushguard/examples" \
  "$stage/etc/logrotate.d" "$stage/usr/share/man/man1" \
  "$stage/usr/share/man/man5" "$stage/usr/share/doc/pushguard" \
  "$stage/usr/share/pushguard" "$stage/var/log/pushguard" \
  "$stage/usr/share/lintian/overrides"

install -m 0755 "$bin" "$stage/usr/bin/pushguard"
strip --strip-unneeded --remove-section=.comment --remove-section=.note \
  "$stage/usr/bin/pushguard"
install -m 0644 "$here/etc/pushguard.yaml" "$stage/etc/pushguard/"
for f in "$here"/etc/examples/*.yaml; do
  install -m 0644 "$f" "$stage/etc/pushguard/examples/"
done
install -m 0644 "$here/logrotate" "$stage/etc/logrotate.d/pushguard"
gzip -9n < "$here/man/pushguard.1" > "$stage/usr/share/man/man1/pushguard.1.gz"
gzip -9n < "$here/man/pushguard.yaml.5" \
  > "$stage/usr/share/man/man5/pushguard.yaml.5.gz"
install -m 0644 "$here/deb/copyright" "$stage/usr/share/doc/pushguard/"
install -m 0644 "$here/deb/lintian-overrides" \
  "$stage/usr/share/lintian/overrides/pushguard"
printf 'pushguard (%s) unstable; urgency=medium\n\n  * Built from the pushguard sources.\n\n -- pushguard maintainers <pushguard@example.org>  %s\n' \
  "$version" "$(date -R -d @"${SOURCE_DATE_EPOCH:-1700000000}")" |
  gzip -9n > "$stage/usr/share/doc/pushguard/changelog.Debian.gz"
cp -R "$top/server-hooks" "$stage/usr/share/pushguard/server-hooks"
find "$stage/usr/share/pushguard" -type d -exec chmod 0755 {} +
find "$stage/usr/share/pushguard" -type f -exec chmod 0644 {} +
find "$stage/usr/share/pushguard" -type f -name '*.sh' -exec chmod 0755 {} +
chmod 0755 "$stage/var/log/pushguard"  # postinst: root:pushguard 2770

# Library dependencies from the binary, as dpkg-shlibdeps finds them.
shlib_dir=$(mktemp -d)
trap 'rm -rf "$shlib_dir"' EXIT
mkdir -p "$shlib_dir/debian"
printf 'Source: pushguard\n\nPackage: pushguard\nArchitecture: any\n' \
  > "$shlib_dir/debian/control"
depends=$(cd "$shlib_dir" && dpkg-shlibdeps -O "$stage/usr/bin/pushguard" \
  2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "build-deb: dpkg-shlibdeps found nothing" >&2; exit 1; }

size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
  -e "s/@DEPENDS@/$depends/" "$here/deb/control.in" > "$stage/DEBIAN/control"
( cd "$stage" && find etc -type f | sed 's|^|/|' | sort ) > "$stage/DEBIAN/conffiles"
install -m 0755 "$here/deb/postinst" "$here/deb/postrm" "$stage/DEBIAN/"
( cd "$stage" && find usr etc -type f -exec md5sum {} + | sort -k2 ) \
  > "$stage/DEBIAN/md5sums"

deb="$out/pushguard_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "$deb"
