#!/usr/bin/env python3
"""Reads chosen columns of a .dta/.sav/.zsav with a peer library, for benchmarks.

    peer_read.py TOOL FILE COLS      TOOL: pyreadstat | pandas; COLS: comma-separated names

pyreadstat: read_dta/read_sav(usecols=COLS); pandas: read_stata(columns=COLS) for .dta,
read_spss(usecols=COLS) for .sav/.zsav. No value labels or dates applied; every missing
value (system, Stata .a-.z, SPSS user-missing) counts as missing.
Prints one line: the row count, then per column "name n=<non-missing> sum=<sum, 6 sig.
digits>" (for a string column: n = non-empty values, sum=-).
"""
import sys


def line(rows, columns):
    import numpy as np
    parts = [f"rows={rows}"]
    for name, values in columns:
        arr = np.asarray(values)
        if arr.dtype.kind in "biuf":
            v = arr.astype(np.float64, copy=False)
            ok = ~np.isnan(v)
            parts.append(f"{name} n={int(ok.sum())} sum={float(v[ok].sum()):.6g}")
        else:
            try:  # numeric with missing values read as objects
                v = np.array([np.nan if x is None else x for x in arr], dtype=np.float64)
                ok = ~np.isnan(v)
                parts.append(f"{name} n={int(ok.sum())} sum={float(v[ok].sum()):.6g}")
            except (TypeError, ValueError):
                parts.append(f"{name} n={sum(1 for x in arr if isinstance(x, str) and x != '')} sum=-")
    return " ".join(parts)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("pyreadstat", "pandas"):
        sys.exit(__doc__)
    tool, path, cols = sys.argv[1], sys.argv[2], [c for c in sys.argv[3].split(",") if c]
    dta = path.lower().endswith(".dta")
    if len(set(cols)) != len(cols) or not cols:
        sys.exit("peer_read: give distinct column names")
    if tool == "pyreadstat":
        import pyreadstat
        read = pyreadstat.read_dta if dta else pyreadstat.read_sav
        data, meta = read(path, usecols=cols, apply_value_formats=False, disable_datetime_conversion=True,
                          output_format="dict")
        missing = [c for c in cols if c not in data]
        if missing:
            sys.exit(f"peer_read: not in {path}: {', '.join(missing)}")
        print(line(meta.number_rows if meta.number_rows is not None else len(data[cols[0]]),
                   [(c, data[c]) for c in cols]))
    else:
        import pandas as pd
        if dta:
            df = pd.read_stata(path, columns=cols, convert_categoricals=False, convert_dates=False)
        else:
            df = pd.read_spss(path, usecols=cols, convert_categoricals=False)
        print(line(len(df), [(c, df[c].to_numpy()) for c in cols]))


if __name__ == "__main__":
    main()
