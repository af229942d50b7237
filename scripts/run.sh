#!/usr/bin/env bash
# The main job. With no arguments: reproduce the ESRC briefing's tables and figure from the
# committed sample download (samples/ukhls) into out/esrc-2025. With arguments: any ukpanel
# command, e.g.
#   scripts/run.sh select samples/ukhls/UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz --vars pidp,n_jbstat
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-release.sh
bin=.build/release/ukpanel
[ -x "$bin" ] || { echo "build failed" >&2; exit 1; }
if [ $# -eq 0 ]; then
  set -- reproduce esrc-2025
fi
exec "$bin" "$@"
