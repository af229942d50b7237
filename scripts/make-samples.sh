#!/usr/bin/env bash
# Remakes the committed samples: small synthetic downloads (gzip, a few MB each),
# samples/ukhls (UKHLS waves 8-14), samples/lfs (LFS quarters 2019Q1-2024Q4 and
# the five-quarter longitudinal datasets) and samples/onet (an O*NET text release, its
# SOC 2010 crosswalk), the default inputs of every command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-release.sh
rm -rf samples/ukhls samples/lfs samples/onet
.build/release/ukpanel synth ukhls --scale sample --seed 2025 --compress gz --out samples/ukhls
.build/release/ukpanel synth lfs --scale sample --seed 2025 --out samples/lfs
.build/release/ukpanel synth onet --seed 2025 --out samples/onet
du -sh samples/ukhls samples/lfs samples/onet
