#!/usr/bin/env bash
# Builds the release `ukpanel` (.build/release/ukpanel), quietly unless something fails.
# On Linux it is one static executable (-static-executable: the Swift runtime, Foundation, zlib
# and the C library linked in): it starts in about 3 ms instead of 6 with only the Swift runtime
# linked in (--static-swift-stdlib, 80,000 relocations for the loader to apply) or 12 with shared
# libraries, which is a fifth of a one-wave select; it also runs on a machine without the Swift
# toolchain. The executable is not position-independent (the loader has nothing to relocate), so
# its own code is at a fixed address; the heap, stack and mappings are still randomised.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --product ukpanel)
if [ "$(uname -s)" = Linux ]; then flags+=(--static-swift-stdlib -Xswiftc -static-executable); fi
if ! out=$(swift build "${flags[@]}" 2>&1); then
  # The linker's notes on mktemp and on the user-database calls of a static glibc are not failures.
  echo "$out" | grep -vE "warning: the use of \`mktemp'|statically linked applications requires at runtime" >&2
  exit 1
fi
