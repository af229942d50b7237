#!/usr/bin/env bash
# Fuzzes one reader (or all) with libFuzzer and AddressSanitizer for a bounded time.
#
#   scripts/fuzz.sh TARGET SECONDS     TARGET: tab, gzip, zip, dta, sav, or all (SECONDS each)
#
# Builds the driver (Fuzz/Driver, only when UKPANEL_FUZZ is set) into .build-fuzz with
# -sanitize=fuzzer,address; starts from the committed seeds in Fuzz/corpus/TARGET plus what earlier
# runs here found (.build-fuzz/corpus/TARGET, not committed). A crash, a sanitizer report, a hang
# over 10 s, more than 2 GB of memory, or an error that is not a SurveyError stops the run and fails
# the script; the input is kept in .build-fuzz/crashes/TARGET/. To keep it as a regression test,
# copy it to Fuzz/regressions/TARGET/ (the tests replay every file there) and fix the reader.
# Prints per target: executions, executions per second, coverage (edges) and corpus size.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"
TARGETS="tab gzip zip dta sav"
if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS   (TARGET: $TARGETS, or all)" >&2
  exit 2
fi
if [ "$1" = all ]; then
  run="$TARGETS"
elif [[ " $TARGETS " == *" $1 "* ]]; then
  run="$1"
else
  echo "fuzz: unknown target '$1' (targets: $TARGETS, or all)" >&2
  exit 2
fi
SECONDS_EACH="$2"

mkdir -p .build-fuzz
echo "fuzz: building the driver (.build-fuzz, release, -sanitize=fuzzer,address)" >&2
UKPANEL_FUZZ=1 swift build -c release --scratch-path .build-fuzz --product FuzzUKPanel \
  -Xswiftc -sanitize=fuzzer,address >/dev/null 2>.build-fuzz/build.log || { cat .build-fuzz/build.log >&2; exit 1; }

DRIVER="$(UKPANEL_FUZZ=1 swift build -c release --scratch-path .build-fuzz --show-bin-path -Xswiftc -sanitize=fuzzer,address)/FuzzUKPanel"

# Swift's runtime keeps metadata caches for the life of the process; LeakSanitizer would count them.
export ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=0:handle_abort=1"
failed=0
printf '%-6s %10s %10s %8s %8s %s\n' target execs "execs/s" edges corpus result
for target in $run; do
  corpus=".build-fuzz/corpus/$target"
  crashes=".build-fuzz/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  log=".build-fuzz/$target.log"
  status=0
  "$DRIVER" "$target" "$corpus" "Fuzz/corpus/$target" \
    -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$crashes/" >"$log" 2>&1 || status=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  edges="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)"
  files="$(find "$corpus" -type f | wc -l)"
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    result="FAILED (exit $status)"
    failed=1
  fi
  printf '%-6s %10s %10s %8s %8s %s\n' "$target" "${execs:-?}" "${rate:-?}" "${edges:-?}" "$files" "$result"
  if [ "$status" -ne 0 ]; then
    grep -E "ERROR|SUMMARY|Fatal error|==[0-9]+==|artifact|Test unit written" "$log" | head -20 >&2 || true
    echo "fuzz: $target: full log in $log; inputs in $crashes/" >&2
  fi
done
exit "$failed"
