"""The by-wave job (see wfh_common.py) in pandas: each wave's columns read by name (usecols)."""
import sys

import pandas as pd

from wfh_common import columns, files, header, report

shares = []
for number, letter, path in files(sys.argv[1]):
    names, weight = columns(number, letter, header(path))
    d = pd.read_csv(path, sep="\t", usecols=names)
    w = letter + "_"
    col = lambda name: d[name] if name in names else pd.Series(-8, index=d.index)
    d = d[(col(w + "strata") >= 0) & (col(w + "psu") >= 0) & (d[weight] > 0)]
    col = lambda name: d[name] if name in names else pd.Series(-8, index=d.index)
    worker = (col(w + "jbhas") == 1) | (col(w + "jboff") == 1)
    home = worker & ((col(w + "jbpl") == 1) | col(w + "jspl").isin([1, 2]) | col(w + "jbwah").isin([1, 2, 3]))
    shares.append((number, (d[weight] * home).sum() / (d[weight] * worker).sum()))
report(shares)
