#!/usr/bin/env bash
# Independent cross-checks of the Stata and SPSS readers and writers (run by CI):
#  1. Fixture files written afresh by pandas (to_stata 117/118/119, both byte orders, strL,
#     value labels) and pyreadstat (write_dta with .a-.z; write_sav plain, bytecode, zsav with
#     user-missing values, very long strings, long names, string labels) are read by ukpanel with
#     values, labels and missing values equal to what pyreadstat and pandas read back
#     (the BinaryFormatFixtureTests suite, pointed at the new files).
#  2. The synthetic sample written by ukpanel as .dta, .sav and .zsav is read by pandas and
#     pyreadstat equal to the tab release, column for column, every wave.
#  3. `reproduce esrc-2025`, `tables lfs-wfh` and `tables lfs-transitions` give byte-identical
#     estimates.csv, and `export panel|transitions|lfs` byte-identical CSV, from the tab, Stata
#     and SPSS releases of the same synthetic data.
#  4. With --full DIR (a full-size tab download): the full-size Stata and SPSS releases give the
#     same estimates.csv from reproduce esrc-2025 as the tab release.
#
#   scripts/crosscheck-formats.sh [--full bench-data/ukhls-full]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/python-env.sh
py=.venv-crosscheck/bin/python
bash scripts/build-release.sh
bin=.build/release/ukpanel
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "1. fixtures written now by pandas and pyreadstat, read by ukpanel"
"$py" scripts/formats/make_fixtures.py "$work/fixtures" >/dev/null
UKPANEL_FORMAT_FIXTURES="$work/fixtures" swift test --filter BinaryFormatFixtureTests 2>&1 \
  | grep -E "^(✔|✘) (Suite|Test run)|✘" | tail -n 3
UKPANEL_FORMAT_FIXTURES="$work/fixtures" swift test --filter BinaryFormatFixtureTests >/dev/null 2>&1

echo "2. ukpanel's .dta/.sav/.zsav read by pandas and pyreadstat equal to the tab release"
$bin synth ukhls --out "$work/tab" --compress none >/dev/null 2>&1
$bin synth lfs --out "$work/lfs-tab" --compress none >/dev/null 2>&1
for f in dta sav zsav; do
  $bin synth ukhls --out "$work/$f" --format $f --compress none >/dev/null 2>&1
  $bin synth lfs --out "$work/lfs-$f" --format $f --compress none >/dev/null 2>&1
done
checked=0
for tab in "$work"/tab/UKDA-6614-tab/tab/ukhls/*.tab; do
  stem=$(basename "$tab" .tab)
  "$py" scripts/formats/check_written.py "$tab" \
    "$work/dta/UKDA-6614-stata/stata/stata14_se/ukhls/$stem.dta" \
    "$work/sav/UKDA-6614-spss/spss/spss25/ukhls/$stem.sav" \
    "$work/zsav/UKDA-6614-spss/spss/spss25/ukhls/$stem.zsav" > "$work/check.txt"
  checked=$((checked + $(grep -c '^OK' "$work/check.txt")))
done
echo "   $checked UKHLS files (8 files × dta, sav, zsav) equal to the tab release, e.g.: $(head -n 1 "$work/check.txt")"
lfstab=$(find "$work/lfs-tab" -name 'lfsp_*.tab' | sort | head -n 1)
lfsdta=$(find "$work/lfs-dta" -name "$(basename "$lfstab" .tab).dta")
"$py" scripts/formats/check_written.py "$lfstab" "$lfsdta" | sed 's/^/   /'

echo "3. the same estimates from every release"
same() {  # label, then the command's output folders
  local label=$1; shift
  for other in "${@:2}"; do
    cmp -s "$1/estimates.csv" "$other/estimates.csv" || { echo "DIFFERENT: $label $1 vs $other" >&2; exit 1; }
  done
  echo "   $label: estimates.csv identical from tab, dta, sav, zsav"
}
for f in tab dta sav zsav; do
  $bin reproduce esrc-2025 --no-lfs --data "$work/$f" --out "$work/out-$f" --quiet >/dev/null
  $bin tables lfs-wfh --data "$work/lfs-$f" --out "$work/wfh-$f" --quiet >/dev/null
  $bin tables lfs-transitions --data "$work/lfs-$f" --out "$work/tr-$f" --quiet >/dev/null
  mkdir -p "$work/export-$f"
  $bin export panel --data "$work/$f" --out "$work/export-$f/panel.csv" --quiet >/dev/null
  $bin export transitions --data "$work/$f" --out "$work/export-$f/transitions.csv" --quiet >/dev/null
  $bin export lfs --data "$work/lfs-$f" --out "$work/export-$f/lfs.csv" --quiet >/dev/null
done
for f in dta sav zsav; do
  for x in panel transitions lfs; do
    cmp -s "$work/export-tab/$x.csv" "$work/export-$f/$x.csv" || { echo "DIFFERENT: export $x from $f" >&2; exit 1; }
  done
done
echo "   export panel, transitions, lfs: identical CSV from tab, dta, sav, zsav"
same "reproduce esrc-2025" "$work"/out-{tab,dta,sav,zsav}
same "tables lfs-wfh" "$work"/wfh-{tab,dta,sav,zsav}
same "tables lfs-transitions" "$work"/tr-{tab,dta,sav,zsav}

if [ "${1:-}" = "--full" ]; then
  full=${2:?give the full-size tab download}
  echo "4. full size: reproduce esrc-2025 from the Stata and SPSS releases"
  $bin reproduce esrc-2025 --no-lfs --data "$full" --out "$work/full-tab" --quiet >/dev/null
  for f in dta sav zsav; do
    start=$(date +%s.%N)
    $bin synth ukhls --scale full --format $f --compress none --out "$work/full-$f-data" >/dev/null 2>&1
    made=$(date +%s.%N)
    $bin reproduce esrc-2025 --no-lfs --data "$work/full-$f-data" --out "$work/full-$f" --quiet >/dev/null
    done_=$(date +%s.%N)
    printf '   %s: written in %.1f s (%s), reproduce %.2f s\n' "$f" "$(echo "$made - $start" | bc)" \
      "$(du -sh "$work/full-$f-data" | cut -f1)" "$(echo "$done_ - $made" | bc)"
    rm -rf "$work/full-$f-data"
  done
  same "full-size reproduce esrc-2025" "$work"/full-{tab,dta,sav,zsav}
fi
echo "PASSED: format cross-checks"
