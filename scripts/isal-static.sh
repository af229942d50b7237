#!/usr/bin/env bash
# Builds ISA-L's static library (.build-isal/lib/libisal.a) from Debian's own source package of
# the libisal-dev that scripts/setup.sh installs (the same version, so the same headers): Debian
# ships ISA-L as a shared library only, and the release binary is one static executable
# (scripts/build-release.sh). Needs root for apt (deb-src, nasm, dpkg-dev); takes a few seconds.
# Idempotent: does nothing when the library of that version is built. Prints the folder on success.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$PWD/.build-isal
version=$(dpkg-query -W -f='${Version}' libisal-dev 2>/dev/null) || { echo "isal-static: libisal-dev is not installed" >&2; exit 1; }
if [ -f "$out/lib/libisal.a" ] && [ "$(cat "$out/version" 2>/dev/null)" = "$version" ]; then
  echo "$out/lib"
  exit 0
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! apt-cache showsrc isal >/dev/null 2>&1 || [ -z "$(apt-cache showsrc isal 2>/dev/null)" ]; then
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$codename" | $SUDO tee /etc/apt/sources.list.d/ukpanel-deb-src.sources >/dev/null
  $SUDO apt-get update -qq >/dev/null
fi
need=()
command -v nasm >/dev/null || need+=(nasm)
command -v dpkg-source >/dev/null || need+=(dpkg-dev)
command -v make >/dev/null || need+=(make)
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source -qq "isal=$version" >/dev/null 2>&1) || { echo "isal-static: cannot fetch Debian's source of isal $version" >&2; exit 1; }
src=$(find "$work" -maxdepth 1 -type d -name 'libisal-*' | head -n 1)
[ -n "$src" ] || { echo "isal-static: no source folder in Debian's package" >&2; exit 1; }
make -C "$src" -f Makefile.unx -j2 lib >"$work/build.log" 2>&1 || { tail -n 20 "$work/build.log" >&2; exit 1; }
mkdir -p "$out/lib"
cp "$src/bin/isa-l.a" "$out/lib/libisal.a"
echo "$version" >"$out/version"
echo "$out/lib"
