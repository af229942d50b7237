#!/usr/bin/env bash
# Benchmark: `ukpanel reproduce esrc-2025` on the full-size synthetic download — wall time and
# peak memory — next to `gzip -dc` of the same seven indresp files run one after another,
# in the same run, alternating.
#
#   scripts/bench-reproduce.sh [DATA] [RUNS]     (default: bench-data/ukhls-full, made if absent)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-bench-data/ukhls-full}
runs=${2:-3}
bash scripts/build-release.sh
bin=.build/release/ukpanel
if [ ! -d "$data/UKDA-6614-tab" ]; then
  echo "making $data ..." >&2
  $bin synth ukhls --scale full --out "$data" >/dev/null 2>&1
fi
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || true; }
files=("$data"/UKDA-6614-tab/tab/ukhls/{h,i,j,k,l,m,n}_indresp.tab.gz)
now() { date +%s.%N; }
gz=(); rep=(); mem=()
for i in $(seq "$runs"); do
  t0=$(now); for f in "${files[@]}"; do gzip -dc "$f" > /dev/null; done; t1=$(now)
  /usr/bin/time -f "%M" -o /tmp/ukpanel-bench-mem $bin reproduce esrc-2025 --data "$data" --out /tmp/ukpanel-bench-out --quiet > /dev/null
  t2=$(now)
  gz+=("$(echo "$t1 - $t0" | bc)"); rep+=("$(echo "$t2 - $t1" | bc)"); mem+=("$(cat /tmp/ukpanel-bench-mem)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mg=$(median "${gz[@]}"); mr=$(median "${rep[@]}"); mm=$(median "${mem[@]}")
echo "data: $data ($(du -sh "$data/UKDA-6614-tab" | cut -f1) of .tab.gz, 7 waves)"
echo "runs: $runs, alternating; medians:"
printf '  gzip -dc, 7 files one after another  %6.2f s   (runs: %s)\n' "$mg" "${gz[*]}"
printf '  ukpanel reproduce esrc-2025          %6.2f s   (runs: %s)\n' "$mr" "${rep[*]}"
printf '  ratio reproduce / gzip -dc           %6.3f     (goal: at most 1.0)\n' "$(echo "scale=4; $mr / $mg" | bc)"
printf '  peak memory (max RSS)                %6.0f MB  (goal: under 500 MB)\n' "$(echo "$mm / 1024" | bc)"
