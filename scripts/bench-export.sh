#!/usr/bin/env bash
# Benchmark: the exports and the batch runner on the full-size synthetic UKHLS download —
# wall time and peak memory — next to the floor, `gzip -dc` of the same seven indresp
# files one after another, in the same run, alternating.
#
#   scripts/bench-export.sh [DATA] [RUNS]     (default: bench-data/ukhls-full, made if absent)
#
# Cases: export panel (long, .csv), export panel --format wide (.csv), export transitions
# (.csv), and a batch job of those three exports: a first run (with --force) and a re-run
# with nothing changed (every step skipped: a stat per input, no reading).
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
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
abs=$(cd "$data" && pwd)
cat > "$out/job.yaml" <<JOB
output: $out/batch
data:
  ukhls: $abs
exports:
  - panel: panel.csv
  - panel: panel-wide.csv
    format: wide
  - transitions: transitions.csv
JOB
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
names=(long wide transitions batch-first batch-rerun)
declare -A secs mem
gz=()
timed() { # name, command...
  local name=$1; shift
  local t0; t0=$(now)
  /usr/bin/time -f "%M" -o "$out/mem" "$@" > /dev/null
  secs[$name]+="$(echo "$(now) - $t0" | bc) "
  mem[$name]+="$(cat "$out/mem") "
}
for i in $(seq "$runs"); do
  t0=$(now); for f in "${files[@]}"; do gzip -dc "$f" > /dev/null; done; t1=$(now)
  gz+=("$(echo "$t1 - $t0" | bc)")
  timed long $bin export panel --data "$data" --out "$out/panel.csv" --quiet
  timed wide $bin export panel --format wide --data "$data" --out "$out/wide.csv" --quiet
  timed transitions $bin export transitions --data "$data" --out "$out/transitions.csv" --quiet
  timed batch-first $bin batch "$out/job.yaml" --force --quiet
  timed batch-rerun $bin batch "$out/job.yaml" --quiet
done
mg=$(median "${gz[@]}")
echo "data: $data ($(du -sh "$data/UKDA-6614-tab" | cut -f1) of .tab.gz, 7 waves); outputs: $(du -sh "$out/panel.csv" | cut -f1) long, $(du -sh "$out/wide.csv" | cut -f1) wide, $(du -sh "$out/transitions.csv" | cut -f1) transitions"
echo "runs: $runs, alternating; medians:"
printf '  %-34s %7.2f s   (runs: %s)\n' "gzip -dc, 7 files one after another" "$mg" "${gz[*]}"
for n in "${names[@]}"; do
  # shellcheck disable=SC2086
  s=$(median ${secs[$n]}); m=$(median ${mem[$n]})
  printf '  %-34s %7.2f s   ratio to gzip -dc %5.2f   peak RSS %5.0f MB\n' "$n" "$s" "$(echo "scale=4; $s / $mg" | bc)" "$(echo "$m / 1024" | bc)"
done
