#!/usr/bin/env bash
# Builds the release `ukpanel` (.build/release/ukpanel), quietly unless something fails.
# On Linux the Swift runtime and Foundation are linked into the binary (--static-swift-stdlib):
# it then starts in about 6 ms instead of 12 (no twenty shared libraries to map and bind), a
# fifth of a one-wave select; it also runs on a machine without the Swift toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --product ukpanel)
if [ "$(uname -s)" = Linux ]; then flags+=(--static-swift-stdlib); fi
if ! out=$(swift build "${flags[@]}" 2>&1); then
  echo "$out" | grep -v "warning: the use of \`mktemp'" >&2
  exit 1
fi
