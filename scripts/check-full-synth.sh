#!/usr/bin/env bash
# Generates the full-size synthetic UKHLS download (never committed), times it, checks it
# with `ukpanel schema check`, checks wave 14's calibration from the files themselves with an
# independent reader (Python's gzip and csv modules) against the published figures, then runs
# `ukpanel reproduce esrc-2025 --unweighted` on it and checks that Table 1 matches the briefing
# to 0.1 point and that every count in truth.json is recovered exactly. Then the LFS: a
# full-size Oct-Dec 2021 quarter, its published size and HOME counts, and tables lfs-wfh.
# Between the two: `ukpanel batch` exporting the panel and the transitions, checked against truth.json.
#
#   scripts/check-full-synth.sh [OUT_DIR]      (default: bench-data/ukhls-full)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench-data/ukhls-full}
bash scripts/build-release.sh
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
        workers.append((int(r["n_jbnssec5_dv"]), int(r["n_wkhome"])))
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

.build/release/ukpanel reproduce esrc-2025 --data "$out" --unweighted --quiet --out "$out/reproduce-unweighted" >/dev/null
python3 - "$out" <<'PY'
import csv, json, sys
root = sys.argv[1]
truth = json.load(open(root + "/truth.json"))
rows = {(r["table"], r["wave_or_period"], r["group"], r["category"]): r
        for r in csv.DictReader(open(root + "/reproduce-unweighted/estimates.csv", newline=""))}
briefing = {"all workers": [52.6, 6.5, 3.6, 6.3, 6.7, 5.3, 10.7, 8.3], "high-skilled": [29.1, 9.6, 5.4, 10, 11, 8.3, 15.1, 11.4]}
n = {"all workers": 18422, "high-skilled": 8264}
cats = truth["wave14"]["categories"]
for group, percents in briefing.items():
    for category, p in zip(cats, percents):
        r = rows[("T1", "wave 14", group, category)]
        assert int(r["n_unweighted"]) == n[group], r
        assert abs(100 * float(r["estimate"]) - p) <= 0.1, (group, category, r["estimate"], p)
checked = 0
def expect(key, n_unweighted, n_category):
    global checked
    r = rows[key]
    assert (int(r["n_unweighted"]), int(r["n_category"])) == (n_unweighted, n_category), (key, r, n_unweighted, n_category)
    checked += 1
for group, column in (("all workers", "table1_all"), ("high-skilled", "table1_high_skilled")):
    for category in cats:
        expect(("T1", "wave 14", group, category), truth["wave14"][column]["n"], truth["wave14"][column]["counts"][category])
for wave, c in truth["waves"].items():
    expect(("F1", "wave " + wave, "all workers", "works at home"), c["workers"], c["workers_at_home"])
    expect(("F1", "wave " + wave, "high-skilled", "works at home"), c["high_skilled_workers"], c["high_skilled_at_home"])
for t in truth["transitions"]:
    p = "%d-%d" % (t["from"], t["to"])
    expect(("T3", p, "everyone", "moved"), t["pairs"], t["movers"])
    expect(("T3", p, "high-skilled", "moved"), t["high_skilled_pairs"], t["high_skilled_movers"])
    expect(("T3", p, "workers at home", "moved"), t["at_home_pairs"], t["at_home_movers"])
    for reason, count in t["reasons"].items():
        expect(("T4", p, "all movers", reason), t["movers"], count)
    for reason, count in t["high_skilled_reasons"].items():
        expect(("T4", p, "high-skilled movers", reason), t["high_skilled_movers"], count)
print(f"reproduce --unweighted on the full-size data: Table 1 within 0.1 point of the briefing (n = 18,422 / 8,264); "
      f"{checked} counts of truth.json recovered exactly")
PY

# The exports at full size, through a batch job: every wave pair of truth.json recovered from
# transitions.csv (pairs, movers, high-skilled, home-workers, reasons) and every wave's rows
# from panel.csv.gz, by Python's csv module.
job=$(mktemp -d)
cat > "$job/job.yaml" <<JOB
output: $job/out
data:
  ukhls: $(cd "$out" && pwd)
exports:
  - panel: panel.csv.gz
    vars: [gor, nssec5]
  - transitions: transitions.csv
JOB
start=$(date +%s.%N)
$bin batch "$job/job.yaml" --quiet >/dev/null
end=$(date +%s.%N)
printf 'full-size batch (export panel, export transitions): %.1f s\n' "$(echo "$end - $start" | bc)"
python3 - "$out" "$job/out" <<'PY'
import csv, gzip, json, sys, collections
truth = json.load(open(sys.argv[1] + "/truth.json"))
rows = collections.Counter(r["wave"] for r in csv.DictReader(gzip.open(sys.argv[2] + "/panel.csv.gz", "rt", newline="")))
for wave, t in truth["waves"].items():
    assert rows[wave] == t["rows"], (wave, rows[wave], t["rows"])
pairs = collections.defaultdict(list)
for r in csv.DictReader(open(sys.argv[2] + "/transitions.csv", newline="")):
    pairs[int(r["wave_to"])].append(r)
checked = 0
for t in truth["transitions"]:
    p = pairs[t["to"]]
    movers = [r for r in p if r["moved"] == "1"]
    got = (len(p), len(movers), sum(r["high_skilled_from"] == "1" for r in p),
           sum(r["high_skilled_from"] == "1" for r in movers), sum(r["works_at_home_from"] == "1" for r in p),
           sum(r["works_at_home_from"] == "1" for r in movers))
    want = (t["pairs"], t["movers"], t["high_skilled_pairs"], t["high_skilled_movers"], t["at_home_pairs"], t["at_home_movers"])
    assert got == want, (t["from"], got, want)
    for k, n in t["reasons"].items():
        assert sum(r["movy_%s_to" % k] == "1" for r in movers) == n, (t["from"], k)
    checked += 6 + len(t["reasons"])
print(f"exports at full size: rows of all {len(truth['waves'])} waves and {checked} transition counts of truth.json recovered exactly")
PY
rm -rf "$job"

# The LFS at full size, Oct-Dec 2021 (the rotation is simulated from 2019Q1; only that quarter is
# written): the published size and HOME counts, read back by Python, and `tables lfs-wfh
# --unweighted` recovering the planted counts by region and class.
lfs="${out%/}-lfs-od21"
rm -rf "$lfs"
start=$(date +%s.%N)
$bin synth lfs --scale full --from 2021Q4 --to 2021Q4 --out "$lfs" >/dev/null
end=$(date +%s.%N)
printf 'full-size LFS quarter (Oct-Dec 2021, rotation from 2019Q1): %.1f s\n' "$(echo "$end - $start" | bc)"
$bin tables lfs-wfh --data "$lfs" --unweighted --quiet --out "$lfs/tables" >/dev/null
python3 - "$lfs" <<'PY'
import csv, glob, gzip, json, sys, collections
root = sys.argv[1]
path = glob.glob(root + "/UKDA-*-tab/tab/lfsp_od21_eul_pwt*.tab.gz")[0]
reader = csv.DictReader(gzip.open(path, "rt", newline=""), delimiter="\t")
home = collections.Counter(); n = 0
for r in reader:
    n += 1; home[int(r["HOME"])] += 1
published = {1: 8321, 2: 478, 3: 3214, 4: 30503, -9: 44257, -8: 17}
assert n == 86790, n
assert dict(home) == published, dict(home)
assert len(reader.fieldnames) >= 650, len(reader.fieldnames)
truth = json.load(open(root + "/truth.json"))["quarters"]["2021Q4"]
rows = {(r["table"], r["group"], r["category"]): r for r in csv.DictReader(open(root + "/tables/estimates.csv", newline=""))}
r = rows[("lfs_own_home", "all workers", "all workers")]
assert (int(r["n_unweighted"]), int(r["n_category"])) == (8321 + 478 + 3214 + 30503, 8321), r
regions = {1: "North East", 2: "North West", 4: "Yorkshire and the Humber", 5: "East Midlands", 6: "West Midlands",
           7: "East of England", 8: "London", 9: "South East", 10: "South West", 11: "Wales", 12: "Scotland", 13: "Northern Ireland"}
for code, name in regions.items():
    g = truth["by_region"][str(code)]
    assert int(rows[("lfs_own_home", "region", name)]["n_category"]) == g["own_home"], name
    assert int(rows[("lfs_home_based", "region", name)]["n_category"]) == g["home_based"], name
print(f"LFS Oct-Dec 2021 from the file: {n} rows, {len(reader.fieldnames)} columns, HOME exactly as published; "
      f"tables lfs-wfh --unweighted recovers the planted counts for all 12 regions")
PY
