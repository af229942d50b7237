#!/usr/bin/env bash
# Benchmark: ukpanel beside the floors and the tools users would pick instead, in one run.
#
# On the full-size synthetic download (7 waves of .tab.gz, made once by `ukpanel synth ukhls
# --scale full` into bench-data/ukhls-full) and its wave 14 written as Stata and SPSS
# (bench-data/formats-full, made once), alternating every case each run, RUNS runs (default 5),
# medians, peak memory from /usr/bin/time:
#   floors        igzip -dc (ISA-L) and gzip -dc of the seven files one after another; of wave 14
#   select        ukpanel select of 8 columns of wave 14
#   by-wave job   the share of workers working at home by wave (the briefing's F1 by wave):
#                 ukpanel reproduce esrc-2025 --no-lfs (which makes every table and figure besides),
#                 and scripts/peers/wfh_{polars,pandas,duckdb}.py, each checked first to give
#                 ukpanel's estimates (to 1e-9)
#   formats       projecting the same 8 columns from wave 14 as .dta and .sav: ukpanel select,
#                 pyreadstat (usecols=), pandas read_stata(columns=), and cat (the floor)
# It prints a table of times, ratios (to the floor each case is measured against) and peak memory,
# then the goals of issue 16.
#
#   scripts/bench-peers.sh [RUNS]      full size
#   scripts/bench-peers.sh --sample    CI: the committed sample, one run (keeps the script working)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scale=full
if [ "${1:-}" = "--sample" ]; then runs=1; scale=sample; fi
bash scripts/setup.sh
bash scripts/build-release.sh
bash scripts/python-env.sh
bin=$PWD/.build/release/ukpanel
py=$PWD/.venv-crosscheck/bin/python

if [ "$scale" = full ]; then
  data=bench-data/ukhls-full
  if [ ! -d "$data" ]; then
    echo "making $data (full size, gzip) ..." >&2
    "$bin" synth ukhls --scale full --compress gz --out "$data" >/dev/null 2>&1
  fi
else
  data=samples/ukhls
fi
formats=bench-data/formats-$scale
for f in dta sav; do
  if [ ! -d "$formats/$f" ]; then
    echo "making $formats/$f ..." >&2
    "$bin" synth ukhls --scale "$scale" --format "$f" --compress none --out "$formats/$f" >/dev/null 2>&1
  fi
done
waves=($(find "$data" -name '?_indresp.tab.gz' | sort))
wave14=$(printf '%s\n' "${waves[@]}" | grep '/n_indresp.tab.gz$')
dta=$formats/dta/UKDA-6614-stata/stata/stata14_se/ukhls/n_indresp.dta
sav=$formats/sav/UKDA-6614-spss/spss/spss25/ukhls/n_indresp.sav
vars=pidp,n_hidp,n_sex_dv,n_age_dv,n_jbstat,n_gor_dv,n_psu,n_indinus_lw
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The by-wave job gives the same shares everywhere before anything is timed.
"$bin" reproduce esrc-2025 --no-lfs --quiet --data "$data" --out "$work/reproduce" >/dev/null 2>&1
grep '^F1,wave [0-9]*,all workers,' "$work/reproduce/estimates.csv" | awk -F, '{sub("wave ", "", $2); print $2, $5}' \
  >"$work/ukpanel.txt"
for peer in polars pandas duckdb; do
  (cd scripts/peers && "$py" "wfh_$peer.py" "$OLDPWD/$data") | awk '{print $2, $3}' >"$work/$peer.txt"
  "$py" - "$work/ukpanel.txt" "$work/$peer.txt" "$peer" <<'EOF'
import sys
ours = dict(l.split() for l in open(sys.argv[1]))
theirs = dict(l.split() for l in open(sys.argv[2]))
assert ours.keys() == theirs.keys(), (sorted(ours), sorted(theirs))
worst = max(abs(float(ours[w]) - float(theirs[w])) for w in ours)
assert worst < 1e-9, f"{sys.argv[3]} differs from ukpanel by {worst}"
EOF
done
echo "by-wave shares checked: Polars, pandas and DuckDB give ukpanel's F1 by wave (all workers) to 1e-9, waves $(awk '{print $1}' "$work/ukpanel.txt" | paste -sd, -)"

# name|floor-group|command
cases=(
  "igzip -dc, 7 waves (floor)|all|igzip -dc ${waves[*]}"
  "gzip -dc, 7 waves|all|gzip -dc ${waves[*]}"
  "ukpanel reproduce --no-lfs|all|$bin reproduce esrc-2025 --no-lfs --quiet --data $data --out $work/r"
  "Polars by-wave job|all|$py scripts/peers/wfh_polars.py $data"
  "pandas by-wave job|all|$py scripts/peers/wfh_pandas.py $data"
  "DuckDB by-wave job|all|$py scripts/peers/wfh_duckdb.py $data"
  "igzip -dc, wave 14 (floor)|w14|igzip -dc $wave14"
  "ukpanel select 8 cols, wave 14|w14|$bin select $wave14 --vars $vars --quiet"
  "cat .dta (floor)|dta|cat $dta"
  "ukpanel select .dta|dta|$bin select $dta --vars $vars --quiet"
  "pyreadstat .dta|dta|$py scripts/formats/peer_read.py pyreadstat $dta $vars"
  "pandas read_stata|dta|$py scripts/formats/peer_read.py pandas $dta $vars"
  "cat .sav (floor)|sav|cat $sav"
  "ukpanel select .sav|sav|$bin select $sav --vars $vars --quiet"
  "pyreadstat .sav|sav|$py scripts/formats/peer_read.py pyreadstat $sav $vars"
)
source scripts/bench-timing.sh
alternate "$runs" "${cases[@]}"
echo "data: $data (${#waves[@]} waves, $(du -ch "${waves[@]}" | tail -n 1 | cut -f1) of .tab.gz); $runs runs, alternating, medians"
printf '%-34s %8s %9s  %s\n' case seconds "peak MB" "× the floor of its group"
declare -A floor
for c in "${cases[@]}"; do
  name=${c%%|*}; rest=${c#*|}; group=${rest%%|*}
  t=$(median ${times[$name]}); m=$(median ${memory[$name]})
  case $name in *"(floor)"*) floor[$group]=$t ;; esac
  printf '%-34s %8.3f %9.1f  %s\n' "$name" "$t" "$(echo "scale=1; $m / 1024" | bc)" \
    "$(echo "scale=2; $t / ${floor[$group]}" | bc)"
done
t() { median ${times[$1]}; }
m() { echo "scale=1; $(median ${memory[$1]}) / 1024" | bc; }
echo
echo "goals (issue 16):"
echo "  reproduce / sequential igzip -dc:   $(echo "scale=2; $(t 'ukpanel reproduce --no-lfs') / $(t 'igzip -dc, 7 waves (floor)')" | bc)  (goal <= 1.2)"
echo "  reproduce / Polars by-wave job:     $(echo "scale=2; $(t 'ukpanel reproduce --no-lfs') / $(t 'Polars by-wave job')" | bc)  (goal <= 0.5)"
echo "  select wave 14 / igzip -dc wave 14: $(echo "scale=2; $(t 'ukpanel select 8 cols, wave 14') / $(t 'igzip -dc, wave 14 (floor)')" | bc)  (goal <= 1.1)"
echo "  peak memory: select $(m 'ukpanel select 8 cols, wave 14') MB (goal <= 64 MiB), reproduce $(m 'ukpanel reproduce --no-lfs') MB (goal <= 256 MiB)"
echo "  pyreadstat / ukpanel on .dta:       $(echo "scale=1; $(t 'pyreadstat .dta') / $(t 'ukpanel select .dta')" | bc)  (goal >= 10)"
