#!/usr/bin/env bash
# Cross-checks ukpanel's design-based estimates against R's survey package: runs
# `ukpanel reproduce esrc-2025` (weighted and unweighted, with T5 from the LFS sample),
# `tables lfs-wfh` and `tables lfs-transitions --link-quarters` with --frames, `reproduce
# tbi-anywhere-jobs` with --frames, then
# the cross-tabs of the sample batch job (samples/batch.yaml, --force --frames), then
# scripts/crosscheck-r.R recomputes every estimate and standard error from the same
# frames and fails on a relative difference above 1e-6.
#
#   scripts/crosscheck-r.sh [UKHLS_DATA [LFS_DATA]]   (default: the committed samples)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! Rscript -e 'suppressMessages(library(survey))' >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends r-cran-survey >/dev/null
fi
bash scripts/build-release.sh
data=(); lfs=()
[ $# -ge 1 ] && data=(--data "$1")
[ $# -ge 2 ] && lfs=(--data "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for mode in weighted unweighted; do
  flag=(); [ "$mode" = unweighted ] && flag=(--unweighted)
  .build/release/ukpanel reproduce esrc-2025 "${data[@]}" "${flag[@]}" --quiet --out "$work/out-$mode" --frames "$work/frames-$mode" >/dev/null
  echo "$mode:"
  Rscript scripts/crosscheck-r.R "$work/frames-$mode" 1e-6
done
for table in lfs-wfh lfs-transitions; do
  for mode in weighted unweighted; do
    flag=(); [ "$mode" = unweighted ] && flag=(--unweighted)
    [ "$table" = lfs-transitions ] && flag+=(--link-quarters)
    .build/release/ukpanel tables "$table" "${lfs[@]}" "${flag[@]}" --quiet --out "$work/out-$table-$mode" --frames "$work/frames-$table-$mode" >/dev/null
    echo "$table $mode:"
    Rscript scripts/crosscheck-r.R "$work/frames-$table-$mode" 1e-6
  done
done
# The Anywhere Jobs reproduction (the report's year pooled, earnings deciles, potential against practice).
for mode in weighted unweighted; do
  flag=(); [ "$mode" = unweighted ] && flag=(--unweighted)
  tbi=(); [ ${#lfs[@]} -gt 0 ] && tbi=(--lfs "$2" --onet samples/onet/db_25_1_text.zip --crosswalk samples/onet/soc2010-onet-crosswalk.tab)
  .build/release/ukpanel reproduce tbi-anywhere-jobs "${tbi[@]}" "${flag[@]}" --quiet --out "$work/out-tbi-$mode" --frames "$work/frames-tbi-$mode" >/dev/null
  echo "tbi-anywhere-jobs $mode:"
  Rscript scripts/crosscheck-r.R "$work/frames-tbi-$mode" 1e-6
done
# The user-defined cross-tabs of the sample batch job (UKHLS by wave, LFS by year as a domain).
.build/release/ukpanel batch samples/batch.yaml --force --quiet --out "$work/batch" --frames "$work/frames-batch" >/dev/null
for dir in "$work"/frames-batch/*/; do
  echo "batch cross-tab $(basename "$dir"):"
  Rscript scripts/crosscheck-r.R "$dir" 1e-6
done
