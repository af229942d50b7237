#!/usr/bin/env bash
# Independent cross-checks of the typed exports (run by CI):
#  1. `export panel` (long and wide), `export transitions` and `export lfs` of the committed samples,
#     each as .csv, .parquet and .dta (one folder per file type: the files beside an export are
#     named after its stem).
#  2. scripts/formats/check_exports.py: the Parquet files read by pyarrow, Polars, DuckDB and pandas
#     with no options, the .dta files by pandas and pyreadstat: types, values, labels, missing
#     reasons and statistics against the CSV export of the same data.
#  3. scripts/formats/check_exports.R: labels.R's factors, and R haven's read_dta (haven_labelled
#     columns, tagged NAs carrying the reasons).
#  4. With --full DIR (a full-size tab download, as scripts/check-full-synth.sh makes): the long and
#     wide panel exported in each file type, with time, peak memory and size, and the Parquet files
#     read by Polars and DuckDB with no options (a weighted share by wave, the same from both and
#     from the CSV).
#
#   scripts/crosscheck-exports.sh [--full bench-data/ukhls-full]
set -euo pipefail
cd "$(dirname "$0")/.."
full=""
if [ "${1:-}" = "--full" ]; then full=$2; fi
bash scripts/python-env.sh
py=.venv-crosscheck/bin/python
if ! Rscript -e 'suppressMessages(library(haven))' >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends r-cran-haven >/dev/null
fi
bash scripts/build-release.sh
bin=.build/release/ukpanel
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "1. the samples exported as .csv, .parquet and .dta"
for type in csv parquet dta; do
  $bin export panel --quiet --out "$work/$type/panel.$type" >/dev/null
  $bin export panel --quiet --format wide --out "$work/$type/wide.$type" >/dev/null
  $bin export transitions --quiet --out "$work/$type/transitions.$type" >/dev/null
  $bin export lfs --quiet --out "$work/$type/lfs.$type" >/dev/null
done
echo "2. read back by pyarrow, Polars, DuckDB, pandas and pyreadstat"
"$py" scripts/formats/check_exports.py "$work" panel wide transitions lfs
echo "3. read back in R (labels.R, haven)"
Rscript scripts/formats/check_exports.R "$work"

[ -n "$full" ] || exit 0
echo "4. full size: $full"
out=bench-data/exports-full
rm -rf "$out"
mkdir -p "$out"
peak=$(mktemp)
printf '%-22s %9s %9s %10s\n' export seconds "peak MB" "file MB"
for shape in long wide; do
  for type in csv parquet dta; do
    file="$out/$type/panel-$shape.$type"
    t0=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$peak" $bin export panel --quiet --data "$full" --format "$shape" --out "$file" >/dev/null
    t1=$(date +%s.%N)
    printf '%-22s %9.2f %9.1f %10.1f\n' "panel $shape .$type" "$(echo "$t1 - $t0" | bc)" \
      "$(echo "scale=1; $(tail -n 1 "$peak") / 1024" | bc)" "$(echo "scale=1; $(stat -c %s "$file") / 1048576" | bc)"
  done
done
rm -f "$peak"
"$py" - "$out" <<'EOF'
import sys, time
import duckdb, polars as pl, pandas as pd
out = sys.argv[1]
for shape in ["long", "wide"]:
    path = f"{out}/parquet/panel-{shape}.parquet"
    t = time.time(); frame = pl.read_parquet(path); tp = time.time() - t
    t = time.time(); n = duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()[0][0]; td = time.time() - t
    print(f"panel-{shape}.parquet: Polars read_parquet {frame.shape[0]} rows x {frame.shape[1]} columns in {tp:.2f} s; "
          f"DuckDB count(*) {n} in {td:.2f} s")
    assert n == frame.shape[0]
# The same estimate from each reader with no options: the weighted share working at home at all
# (jbwah 1-3 among those with a jbwah) by wave, from the long export.
path = f"{out}/parquet/panel-long.parquet"
polars = (pl.read_parquet(path).filter(pl.col("jbwah").is_not_null() & pl.col("weight_xs").is_not_null())
          .group_by("wave").agg(((pl.col("jbwah") <= 3) * pl.col("weight_xs")).sum() / pl.col("weight_xs").sum())
          .sort("wave").rows())
ducks = duckdb.sql(f"SELECT wave, sum(CASE WHEN jbwah <= 3 THEN weight_xs ELSE 0 END) / sum(weight_xs) FROM '{path}' "
                   "WHERE jbwah IS NOT NULL AND weight_xs IS NOT NULL GROUP BY wave ORDER BY wave").fetchall()
csv = pd.read_csv(f"{out}/csv/panel-long.csv", usecols=["wave", "jbwah", "weight_xs"]).dropna()
pandas = [(w, (g.weight_xs * (g.jbwah <= 3)).sum() / g.weight_xs.sum()) for w, g in csv.groupby("wave")]
for (w1, a), (w2, b), (w3, c) in zip(polars, ducks, pandas):
    assert w1 == w2 == w3 and abs(a - b) < 1e-12 and abs(a - c) < 1e-12, (w1, a, b, c)
print("weighted share working at home by wave, equal from Polars and DuckDB on the Parquet and pandas on the CSV: "
      + ", ".join(f"{w} {s:.4f}" for w, s in polars))
EOF
