#!/usr/bin/env bash
# Benchmark: `ukpanel select` of 20 columns from a wide .tab.gz against the floor,
# `gzip -dc FILE > /dev/null` on the same file, in the same run, alternating.
#
#   scripts/bench-select.sh [ROWS] [COLUMNS] [RUNS]
#
# Makes bench-data/wide-ROWSxCOLUMNS.tab.gz once (never committed): the defaults,
# 90,000 rows by 1,600 columns, give a file of about 100 MB compressed, 420 MB inflated.
# The LFS case: a full-size synthetic quarter (Oct-Dec 2021: 86,790 people, 660 columns,
# bench-data/lfs-od21, made once), read through the schema by `ukpanel tables lfs-wfh`
# (13 columns decoded, 18 estimates with standard errors), against gzip -dc of that file.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-90000}
columns=${2:-1600}
runs=${3:-5}
bash scripts/build-release.sh
bin=.build/release/ukpanel
mkdir -p bench-data
file=bench-data/wide-${rows}x${columns}.tab.gz
if [ ! -f "$file" ]; then
  echo "making $file ..." >&2
  $bin dev wide-table --rows "$rows" --columns "$columns" --out "$file"
fi
# 20 columns spread across the file, the last one near its end.
vars=pidp
for c in 3 50 100 199 250 333 400 512 640 700 801 900 1000 1111 1200 1300 1450 1500 $((columns - 1)); do
  suffix=""; [ $((c % 7)) -eq 0 ] && suffix=_dv
  vars="$vars,h_var$c$suffix"
done
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
gz=(); sel=()
for i in $(seq "$runs"); do
  t0=$(now); gzip -dc "$file" > /dev/null; t1=$(now)
  $bin select "$file" --vars "$vars" --quiet > /dev/null; t2=$(now)
  gz+=("$(echo "$t1 - $t0" | bc)"); sel+=("$(echo "$t2 - $t1" | bc)")
done
mg=$(median "${gz[@]}"); ms=$(median "${sel[@]}")
size=$(stat -c %s "$file")
inflated=$(gzip -l "$file" | awk 'NR==2 {print $2}')
echo "file: $file ($(echo "scale=1; $size/1000000" | bc) MB compressed, $columns columns, $rows rows; gzip -l says $(echo "scale=1; $inflated/1000000" | bc) MB inflated, mod 4 GiB)"
echo "runs: $runs, alternating; medians:"
printf '  gzip -dc > /dev/null        %6.3f s   (runs: %s)\n' "$mg" "${gz[*]}"
printf '  ukpanel select (20 columns) %6.3f s   (runs: %s)\n' "$ms" "${sel[*]}"
printf '  ratio select / gzip -dc     %6.3f     (goal: at most 1.25)\n' "$(echo "scale=4; $ms / $mg" | bc)"

lfs=bench-data/lfs-od21
if [ ! -d "$lfs" ]; then
  echo "making $lfs ..." >&2
  $bin synth lfs --scale full --from 2021Q4 --to 2021Q4 --out "$lfs" >/dev/null
fi
quarter=$(find "$lfs" -name 'lfsp_od21_*.tab.gz' | head -n 1)
gz=(); tab=()
for i in $(seq "$runs"); do
  t0=$(now); gzip -dc "$quarter" > /dev/null; t1=$(now)
  $bin tables lfs-wfh --data "$quarter" --quiet --out "$lfs/out" > /dev/null; t2=$(now)
  gz+=("$(echo "$t1 - $t0" | bc)"); tab+=("$(echo "$t2 - $t1" | bc)")
done
mg=$(median "${gz[@]}"); mt=$(median "${tab[@]}")
peak=$( { /usr/bin/time -f '%M' $bin tables lfs-wfh --data "$quarter" --quiet --out "$lfs/out" > /dev/null; } 2>&1 | tail -n 1)
echo "LFS file: $quarter ($(echo "scale=1; $(stat -c %s "$quarter")/1000000" | bc) MB compressed, $(gzip -dc "$quarter" | head -n 1 | tr '\t' '\n' | wc -l) columns)"
printf '  gzip -dc > /dev/null        %6.3f s   (runs: %s)\n' "$mg" "${gz[*]}"
printf '  ukpanel tables lfs-wfh      %6.3f s   (runs: %s)\n' "$mt" "${tab[*]}"
printf '  ratio tables / gzip -dc     %6.3f     (goal: at most 1.25)\n' "$(echo "scale=4; $mt / $mg" | bc)"
printf '  peak RSS of tables lfs-wfh  %6.1f MB\n' "$(echo "scale=1; $peak/1024" | bc)"
