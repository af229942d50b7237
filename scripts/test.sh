#!/usr/bin/env bash
# The test command: builds ukpanel and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests 2>&1 | grep -Ev "^(\[[0-9]+/[0-9]+\]|warning: 'main'|Building|Compiling|Write)" || true
swift test 2>&1 | grep -Ev "^(◇|\[[0-9]+/[0-9]+\]|Building|Compiling|Write)"
