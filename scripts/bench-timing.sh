# Sourced by the benchmark scripts: runs every case RUNS times, alternating (one of each, then the
# next round), timing each with the wall clock and its peak memory with /usr/bin/time; `median`.
#
#   alternate RUNS "name|…|command" …   fills times[name] and memory[name] (KB), space-separated
#   median VALUES…                      the median

declare -A times memory

alternate() {
  local runs=$1; shift
  local peak; peak=$(mktemp)
  local i c name cmd t0 t1
  for i in $(seq "$runs"); do
    for c in "$@"; do
      name=${c%%|*}; cmd=${c##*|}
      t0=$(date +%s.%N)
      /usr/bin/time -f "%M" -o "$peak" $cmd >/dev/null 2>&1
      t1=$(date +%s.%N)
      times[$name]="${times[$name]:-} $(echo "$t1 - $t0" | bc)"; memory[$name]="${memory[$name]:-} $(tail -n 1 "$peak")"
    done
  done
  rm -f "$peak"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
