#!/usr/bin/env bash
# Remakes the committed sample: a small synthetic UKHLS download (gzip, a few MB)
# in samples/ukhls, the default input of every command that takes --data.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product ukpanel >/dev/null
rm -rf samples/ukhls
.build/release/ukpanel synth ukhls --scale sample --seed 2025 --compress gz --out samples/ukhls
du -sh samples/ukhls
