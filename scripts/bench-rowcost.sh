#!/usr/bin/env bash
# Instructions per row of the UKHLS read path, counted by valgrind's callgrind (repeatable on a
# noisy machine, unlike seconds). Runs `ukpanel reproduce esrc-2025 --no-lfs` on a synthetic
# download of 4,000 people in wave 8 (23,865 person-waves, 400 columns, uncompressed so no
# inflate is counted) and divides the inclusive instructions of three functions by the rows:
#   reader   DelimitedTableReader.read: splitting lines and fields, decoding, records, storing
#   row      the per-row closure of RecordReader.forEachRecord (WaveFileReader before): decoding and the record
#   decode   FileLayout.decode: the projected cells to harmonised values
#
#   scripts/bench-rowcost.sh [UKPANEL_BINARY ...]   (default: this tree's release build)
# Compare commits by passing two binaries, e.g. one built by scripts/compare-outputs.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
if [ $# -eq 0 ]; then
  bash scripts/build-release.sh
  set -- .build/release/ukpanel
fi
data=bench-data/rowcost
if [ ! -f $data/UKDA-6614-tab/tab/ukhls/n_indresp.tab ]; then
  "$1" synth ukhls --persons 4000 --compress none --out $data >/dev/null 2>&1
fi
rows=$(( $(cat $data/UKDA-6614-tab/tab/ukhls/*_indresp.tab | wc -l) - 7 ))
for bin in "$@"; do
  tmp=$(mktemp -d)
  # valgrind 3.19 cannot read the toolchain's DWARF; the symbol table is enough.
  objcopy --strip-debug "$bin" "$tmp/ukpanel"
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$tmp/ukpanel" reproduce esrc-2025 --data $data \
    --no-lfs --quiet --out "$tmp/out" >/dev/null 2>"$tmp/valgrind.txt"
  callgrind_annotate --inclusive=yes "$tmp/cg.out" 2>/dev/null | swift demangle --simplified >"$tmp/annotate.txt"
  total=$(grep -E "I +refs" "$tmp/valgrind.txt" | tr -d ',' | awk '{print $NF}')
  per() { grep -E "$1" "$tmp/annotate.txt" | grep -v "partial apply" | head -1 | tr -d ',' | awk -v r=$rows '{printf "%.0f", $1 / r}'; }
  printf '%s: %d rows; instructions per row: reader %s, row %s, decode %s; whole run %s\n' "$bin" "$rows" \
    "$(per 'DelimitedTableReader.read\(project:row:\)')" "$(per 'closure #2 in (WaveFileReader|RecordReader).forEachRecord')" \
    "$(per 'FileLayout.decode\(')" "$total"
  rm -rf "$tmp"
done
