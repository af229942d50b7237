#!/usr/bin/env bash
# Runs every command that writes outputs — reproduce, tables, each export (CSV, Parquet, Stata),
# batch, select, inspect, schema check/show (as tables and as JSON) — with the ukpanel of a baseline commit and with the one built
# from this tree, on the same data, and compares what they wrote byte for byte: a refactoring or
# a speed-up changes how, not what, so any difference is a failure. The baseline is the last
# commit that changed outputs on purpose (issue 15: typed exports, dictionaries with notes on the
# design, --vars keeping the design's columns); a change that alters outputs on purpose moves it forward.
# Times and dates in the outputs are normalised below.
#
#   scripts/compare-outputs.sh [--base REF] [--full DATA_DIR]
#
#   --base REF   the baseline commit (default: aafe577: the LFS exports gain the Anywhere Jobs variables, issue 17)
#   --full DIR   also compare on a full-size synthetic download (ukpanel synth ukhls --scale full)
#
# The baseline is built once into bench-data/baseline-REF (never committed); set
# UKPANEL_BASELINE_BIN to use a binary already built. The batch manifest records times, so it
# is compared without its `finished` and `seconds` fields and the fingerprints (see below).
set -euo pipefail
cd "$(dirname "$0")/.."
base=aafe577
full=""
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base=$2; shift 2 ;;
    --full) full=$2; shift 2 ;;
    *) echo "usage: scripts/compare-outputs.sh [--base REF] [--full DATA_DIR]" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh
bash scripts/build-release.sh
current=$PWD/.build/release/ukpanel
[ -x "$current" ] || { echo "build failed" >&2; exit 1; }

baseline=${UKPANEL_BASELINE_BIN:-}
if [ -z "$baseline" ]; then
  if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    echo "compare-outputs: SKIPPED: the baseline commit $base is not in this clone (a shallow clone?)" >&2
    exit 0
  fi
  sha=$(git rev-parse --short "$base")
  src=bench-data/baseline-$sha
  baseline=$PWD/$src/.build/release/ukpanel
  if [ ! -x "$baseline" ]; then
    rm -rf "$src"
    mkdir -p "$src"
    git archive "$sha" | tar -x -C "$src"
    echo "building the baseline $sha in $src" >&2
    (cd "$src" && swift build -c release --product ukpanel 2>&1 | grep -E "error:" || true)
    [ -x "$baseline" ] || { echo "baseline build failed" >&2; exit 1; }
  fi
fi

work=bench-data/compare
rm -rf "$work"
mkdir -p "$work"

# Runs the command list with binary $1 into $work/$2. Outputs go to the same relative paths for
# both binaries (bench-data/compare-out/…), so printed paths are comparable too.
run_all() {
  local bin=$1 name=$2
  local o=bench-data/compare-out
  rm -rf $o
  mkdir -p $o
  local wave14=samples/ukhls/UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz
  {
    "$bin" reproduce esrc-2025 --quiet --out $o/reproduce --frames $o/reproduce-frames
    "$bin" reproduce esrc-2025 --quiet --unweighted --no-lfs --out $o/reproduce-unweighted
    "$bin" tables lfs-wfh --quiet --out $o/lfs-wfh --frames $o/lfs-wfh-frames
    "$bin" tables lfs-wfh --quiet --from 2020Q1 --to 2021Q4 --unweighted --out $o/lfs-wfh-2020
    "$bin" tables lfs-transitions --quiet --link-quarters --out $o/lfs-transitions --frames $o/lfs-transitions-frames
    "$bin" export panel --quiet --out $o/panel.csv
    "$bin" export panel --quiet --format wide --out $o/wide.csv.gz
    "$bin" export panel --quiet --waves 12-14 --vars gor,nssec5,jbwah,weight_xs --out $o/panel-some.csv
    "$bin" export transitions --quiet --out $o/transitions.csv
    "$bin" export lfs --quiet --out $o/lfs.csv
    "$bin" export panel --quiet --out $o/typed/panel.parquet
    "$bin" export panel --quiet --format wide --out $o/typed/wide.dta
    "$bin" export transitions --quiet --out $o/typed/transitions.parquet
    "$bin" export lfs --quiet --out $o/typed/lfs.dta
    "$bin" export lfs --quiet --from 2020Q1 --vars home,region --out $o/lfs-some.csv.gz
    "$bin" batch samples/batch.yaml --quiet --force --out $o/batch --frames $o/batch-frames
    "$bin" select $wave14 --vars pidp,n_jbstat,n_jbnssec5_dv,n_gor_dv,n_inding2_xw --out $o/select.csv
    "$bin" select samples/lfs/UKDA-9020-tab/tab/lfsp_od23_eul_pwt22.tab.gz --ignore-case --vars home,pwt22,govtof2 --out $o/select-lfs.csv
    "$bin" inspect $wave14 --quiet --vars pidp,n_jbstat,n_jbpl,n_distmov_dv,n_inding2_xw
    "$bin" schema check
    "$bin" schema show --waves h-n
    "$bin" inspect $wave14 --quiet --vars pidp,n_jbstat,n_jbpl,n_distmov_dv,n_inding2_xw --json
    "$bin" schema check --json
    "$bin" schema show --waves h-n --json
  } >"$o/stdout.txt" 2>"$o/stderr.txt" || { echo "$name: a command failed (see $work/$name/stderr.txt)" >&2; cat "$o/stderr.txt" >&2; }
  if [ -n "$full" ]; then
    {
      "$bin" reproduce esrc-2025 --quiet --data "$full" --no-lfs --out $o/full-reproduce
      "$bin" export panel --quiet --data "$full" --out $o/full-panel.csv.gz
      "$bin" export panel --quiet --data "$full" --format wide --vars gor,nssec5,jbwah,weight_xs --out $o/full-wide.csv.gz
      "$bin" export transitions --quiet --data "$full" --out $o/full-transitions.csv.gz
      "$bin" export panel --quiet --data "$full" --out $o/full-typed/panel.parquet
      "$bin" export panel --quiet --data "$full" --format wide --out $o/full-typed/wide.dta
    } >"$o/stdout-full.txt" 2>"$o/stderr-full.txt" || { echo "$name: a full-size command failed" >&2; cat "$o/stderr-full.txt" >&2; }
  fi
  # Printed durations vary from run to run; so do the provenance files' times.
  sed -i -E 's/[0-9]+\.[0-9]+ s\b/N s/g' $o/stdout*.txt
  # The batch lock file (empty; since issue 14) is how runs take turns, not an output.
  rm -f $o/batch/.ukpanel-batch.lock
  find $o -name '*provenance.json' -exec sed -i -E '/"created" :/d; /ukpanel",$/d' {} +
  # The manifest without its times, and without the steps' fingerprints: a fingerprint hashes the
  # step's settings and the schema's text, so it changes (and the step re-runs once) whenever the
  # schema file does, even when the outputs stay the same.
  if [ -f $o/batch/ukpanel-manifest.json ]; then
    python3 - $o/batch/ukpanel-manifest.json <<'PY'
import json, sys
path = sys.argv[1]
manifest = json.load(open(path))
for step in manifest.get("steps", {}).values():
    step.pop("finished", None)
    step.pop("seconds", None)
    step.pop("fingerprint", None)
    for i in step.get("inputs", []):
        # Times and inodes belong to this copy of the files, not to what was computed.
        for key in ("modified", "changed", "inode"):
            i.pop(key, None)
json.dump(manifest, open(path, "w"), indent=1, sort_keys=True)
PY
  fi
  mv $o "$work/$name"
}

run_all "$baseline" baseline
run_all "$current" current

files=$(cd "$work/baseline" && find . -type f | wc -l)
if diff -r "$work/baseline" "$work/current" >"$work/diff.txt"; then
  echo "compare-outputs: PASSED: $files files byte-identical to the baseline ($base)$([ -n "$full" ] && echo ", full-size included")"
else
  echo "compare-outputs: FAILED: outputs differ from the baseline ($base):" >&2
  head -50 "$work/diff.txt" >&2
  exit 1
fi
