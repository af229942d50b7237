#!/usr/bin/env bash
# Builds the release `ukpanel` (.build/release/ukpanel), quietly unless something fails.
# On Linux it is one static executable (-static-executable: the Swift runtime, Foundation, zlib,
# zstd, ISA-L and the C library linked in): it starts in about 3 ms instead of 5 with only the
# Swift runtime linked in (--static-swift-stdlib) or 12 with shared libraries, which is a fifth of
# a one-wave select; it also runs on a machine without the Swift toolchain. The executable is not
# position-independent (the loader has nothing to relocate), so its own code is at a fixed address;
# the heap, stack and mappings are still randomised. Debian ships ISA-L as a shared library only:
# scripts/isal-static.sh builds its static library from Debian's source package; should that fail
# (no network), the binary links the Swift runtime statically and the C libraries as shared ones.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --product ukpanel)
if [ "$(uname -s)" = Linux ]; then
  if isal=$(bash scripts/isal-static.sh 2>/tmp/ukpanel-isal-static.log); then
    flags+=(--static-swift-stdlib -Xswiftc -static-executable -Xlinker -L"$isal")
  else
    echo "build-release: ISA-L's static library could not be built ($(tail -n 1 /tmp/ukpanel-isal-static.log)); linking C libraries as shared ones" >&2
    flags+=(--static-swift-stdlib)
  fi
fi
if ! out=$(swift build "${flags[@]}" 2>&1); then
  # The linker's notes on mktemp and on the user-database calls of a static glibc are not failures.
  echo "$out" | grep -vE "warning: the use of \`mktemp'|statically linked applications requires at runtime" >&2
  exit 1
fi
