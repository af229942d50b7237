#!/usr/bin/env bash
# Cross-checks ukpanel's design-based estimates against R's survey package: runs
# `ukpanel reproduce esrc-2025` (weighted and unweighted) with --frames, then
# scripts/crosscheck-r.R recomputes every estimate and standard error from the same
# frames and fails on a relative difference above 1e-6.
#
#   scripts/crosscheck-r.sh [DATA]        (default: the committed sample)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! Rscript -e 'suppressMessages(library(survey))' >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends r-cran-survey >/dev/null
fi
swift build -c release --product ukpanel >/dev/null 2>&1 || swift build -c release --product ukpanel
data=()
[ $# -ge 1 ] && data=(--data "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for mode in weighted unweighted; do
  flag=(); [ "$mode" = unweighted ] && flag=(--unweighted)
  .build/release/ukpanel reproduce esrc-2025 "${data[@]}" "${flag[@]}" --quiet --out "$work/out-$mode" --frames "$work/frames-$mode" >/dev/null
  echo "$mode:"
  Rscript scripts/crosscheck-r.R "$work/frames-$mode" 1e-6
done
