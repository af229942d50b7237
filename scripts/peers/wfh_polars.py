"""The by-wave job (see wfh_common.py) in Polars: each wave's columns read by name, then filtered."""
import sys

import polars as pl

from wfh_common import columns, files, header, report

shares = []
for number, letter, path in files(sys.argv[1]):
    names, weight = columns(number, letter, header(path))
    d = pl.read_csv(path, separator="\t", columns=names, infer_schema_length=0).with_columns(
        pl.all().cast(pl.Float64))
    w = letter + "_"
    col = lambda name: pl.col(name) if name in names else pl.lit(-8.0)
    d = d.filter((col(w + "strata") >= 0) & (col(w + "psu") >= 0) & (pl.col(weight) > 0))
    worker = (col(w + "jbhas") == 1) | (col(w + "jboff") == 1)
    home = worker & ((col(w + "jbpl") == 1) | col(w + "jspl").is_in([1.0, 2.0]) | col(w + "jbwah").is_in([1.0, 2.0, 3.0]))
    r = d.select((pl.col(weight) * home).sum().alias("home"), (pl.col(weight) * worker).sum().alias("worker"))
    shares.append((number, r["home"][0] / r["worker"][0]))
report(shares)
