#!/usr/bin/env bash
# Benchmark: projecting 8 variables from one full-size UKHLS wave (wave 14, n_indresp: 35,471
# rows, 1,560 columns) as Stata .dta (plain, and inside the release zip), SPSS .sav (bytecode)
# and .zsav, with `ukpanel select`, against pyreadstat (usecols=) and pandas (read_stata(columns=)),
# and the floor: `cat` of the plain file, `unzip -p` of the zip member. (A .sav or .zsav cannot
# be skipped through: every compression code is read; `cat` is only a reference there.)
# Same run, alternating, medians of RUNS; peak memory from /usr/bin/time. Before timing, the
# values ukpanel reads are checked against pyreadstat's (row count, non-missing count and sum per
# column).
#
#   scripts/bench-formats.sh [RUNS]          full size: bench-data/ukhls-full-{dta,sav,zsav} (made once)
#   scripts/bench-formats.sh --sample        CI: the committed sample converted, one run (keeps it working)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scale=full
if [ "${1:-}" = "--sample" ]; then runs=1; scale=sample; fi
bash scripts/build-release.sh
bin=.build/release/ukpanel
bash scripts/python-env.sh
py=.venv-crosscheck/bin/python
root=bench-data/formats-$scale
mkdir -p "$root"
for f in dta sav zsav; do
  if [ ! -d "$root/$f" ]; then
    echo "making $root/$f ..." >&2
    $bin synth ukhls --scale "$scale" --format "$f" --compress none --out "$root/$f" >/dev/null 2>&1
  fi
done
dta=$root/dta/UKDA-6614-stata/stata/stata14_se/ukhls/n_indresp.dta
sav=$root/sav/UKDA-6614-spss/spss/spss25/ukhls/n_indresp.sav
zsav=$root/zsav/UKDA-6614-spss/spss/spss25/ukhls/n_indresp.zsav
zip=$root/UKDA-6614-stata.zip
member=UKDA-6614-stata/stata/stata14_se/ukhls/n_indresp.dta
if [ ! -f "$zip" ]; then (cd "$root/dta" && zip -q -6 "../$(basename "$zip")" "$member"); fi
vars=pidp,n_hidp,n_sex_dv,n_age_dv,n_jbstat,n_gor_dv,n_psu,n_indinus_lw

# The values agree before anything is timed.
sums() { "$py" -c '
import csv, sys, math
rows = list(csv.reader(sys.stdin)); head, body = rows[0], rows[1:]
out = [f"rows={len(body)}"]
for j, name in enumerate(head):
    v = [float(r[j]) for r in body if r[j] not in ("", ".") and not r[j].startswith(".")]
    out.append(f"{name} n={len(v)} sum={sum(v):.6g}")
print(" ".join(out))'; }
for file in "$dta" "$sav" "$zsav"; do
  ours=$($bin select "$file" --vars "$vars" --quiet | sums)
  theirs=$("$py" scripts/formats/peer_read.py pyreadstat "$file" "$vars")
  if [ "$ours" != "$theirs" ]; then
    echo "MISMATCH on $file:" >&2; echo "  ukpanel:    $ours" >&2; echo "  pyreadstat: $theirs" >&2; exit 1
  fi
done
ours=$($bin select "$zip//$member" --vars "$vars" --quiet | sums)
[ "$ours" = "$("$py" scripts/formats/peer_read.py pyreadstat "$dta" "$vars")" ] || { echo "MISMATCH in the zip" >&2; exit 1; }
echo "values checked: ukpanel select = pyreadstat (rows, non-missing counts and sums of $vars) on .dta, zip, .sav, .zsav"

# name|command, timed in turn each run.
cases=(
  "cat .dta (floor)|cat $dta"
  "ukpanel select .dta|$bin select $dta --vars $vars --quiet"
  "pyreadstat .dta|$py scripts/formats/peer_read.py pyreadstat $dta $vars"
  "pandas read_stata|$py scripts/formats/peer_read.py pandas $dta $vars"
  "unzip -p member (floor)|unzip -p $zip $member"
  "ukpanel select zip//.dta|$bin select $zip//$member --vars $vars --quiet"
  "cat .sav (floor)|cat $sav"
  "ukpanel select .sav|$bin select $sav --vars $vars --quiet"
  "pyreadstat .sav|$py scripts/formats/peer_read.py pyreadstat $sav $vars"
  "cat .zsav (floor)|cat $zsav"
  "ukpanel select .zsav|$bin select $zsav --vars $vars --quiet"
  "pyreadstat .zsav|$py scripts/formats/peer_read.py pyreadstat $zsav $vars"
)
source scripts/bench-timing.sh
alternate "$runs" "${cases[@]}"
echo "files: $(du -h "$dta" | cut -f1) .dta, $(du -h "$zip" | cut -f1) zip, $(du -h "$sav" | cut -f1) .sav, $(du -h "$zsav" | cut -f1) .zsav; 8 of $("$bin" inspect "$dta" --vars pidp --quiet | awk '/^rows/ {print $2}') rows' variables; $runs runs, alternating, medians"
printf '%-28s %8s %9s  %s\n' "reader" "seconds" "peak MB" "ukpanel: × the floor before it"
floor=""
for c in "${cases[@]}"; do
  name=${c%%|*}
  t=$(median ${times[$name]}); m=$(median ${memory[$name]})
  case $name in *floor*) floor=$t ;; esac
  ratio=""
  case $name in "ukpanel"*) ratio=$(echo "scale=2; $t / $floor" | bc) ;; esac
  printf '%-28s %8.3f %9.1f  %s\n' "$name" "$t" "$(echo "scale=1; $m / 1024" | bc)" "$ratio"
done
for f in dta sav zsav; do
  u=$(median ${times["ukpanel select .$f"]}); p=$(median ${times["pyreadstat .$f"]})
  echo "pyreadstat / ukpanel on .$f: $(echo "scale=1; $p / $u" | bc)×"
done
