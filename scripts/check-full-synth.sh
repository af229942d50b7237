#!/usr/bin/env bash
# Generates the full-size synthetic UKHLS download (never committed), times it, checks it
# with `ukpanel schema check`, and checks wave 14's calibration from the files themselves
# with an independent reader (Python's gzip and csv modules) against the published figures.
#
#   scripts/check-full-synth.sh [OUT_DIR]      (default: bench-data/ukhls-full)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench-data/ukhls-full}
swift build -c release --product ukpanel >/dev/null 2>&1 || swift build -c release --product ukpanel
bin=.build/release/ukpanel
rm -rf "$out"
start=$(date +%s.%N)
$bin synth ukhls --scale full --out "$out" 2>/dev/null
end=$(date +%s.%N)
printf 'full-size generation (gzip, 2 cores): %.1f s\n' "$(echo "$end - $start" | bc)"
du -sh "$out"
$bin schema check --data "$out" | tail -n 1
python3 - "$out" <<'PY'
import csv, gzip, sys, collections
root = sys.argv[1]
path = root + "/UKDA-6614-tab/tab/ukhls/n_indresp.tab.gz"
rows = csv.DictReader(gzip.open(path, "rt", newline=""), delimiter="\t")
header_count = len(rows.fieldnames)
nssec = collections.Counter(); workers = []
n = 0
for r in rows:
    n += 1
    nssec[int(r["n_jbnssec5_dv"])] += 1
    if r["n_jbhas"] == "1" or r["n_jboff"] == "1":
        workers.append((int(r["n_jbnssec5_dv"]), int(r["n_wfhdays"])))
published = {-9: 813, -8: 16206, 1: 8505, 2: 2870, 3: 1529, 4: 1053, 5: 4495}
assert n == 35471, n
assert header_count >= 1500, header_count
assert dict(nssec) == published, dict(nssec)
table1 = {"all": ([52.6, 6.5, 3.6, 6.3, 6.7, 5.3, 10.7, 8.3], 18422),
          "high-skilled": ([29.1, 9.6, 5.4, 10, 11, 8.3, 15.1, 11.4], 8264)}
for group, (percent, size) in table1.items():
    valid = [d for c, d in workers if 1 <= d <= 8 and (group == "all" or c == 1)]
    assert len(valid) == size, (group, len(valid))
    for k, p in enumerate(percent):
        share = 100 * sum(1 for d in valid if d == k + 1) / len(valid)
        assert abs(share - p) <= 0.1, (group, k + 1, share, p)
print(f"wave 14 from the file: {n} rows, {header_count} columns, NS-SEC counts as published, "
      f"Table 1 n = {table1['all'][1]} / {table1['high-skilled'][1]}, every category within 0.1 point")
PY
