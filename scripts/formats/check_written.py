#!/usr/bin/env python3
"""Checks that .dta/.sav/.zsav files hold the same table as a tab-delimited file.

    check_written.py TAB_FILE OTHER_FILE [OTHER_FILE ...]

TAB_FILE: tab-delimited with a header line, optionally gzipped; an empty cell is missing
(numeric columns) or "" (string columns). Each OTHER_FILE is read with no value formats:
.dta by both pandas.read_stata and pyreadstat.read_dta, .sav/.zsav by pyreadstat.read_sav
(user-missing values read as their numbers, so a declared -9 still equals the tab's -9).
Asserts the same column names in the same order, the same row count, numeric columns
equal as float64 (missing <-> empty cell; any Stata missing, . or .a-.z, counts as missing;
float32-stored .dta columns within 1 ulp of float32) and string columns equal (SPSS
strings compared without trailing blanks, which the format cannot keep).
Prints one OK line per file; on the first difference prints the column, the row (1-based
data row, header not counted) and both values, and exits 1.
"""
import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dta_types import dta_storage  # noqa: E402


class Mismatch(Exception):
    pass


def read_tab(path):
    with open(path, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    # quoting=3 (QUOTE_NONE): the UK Data Service's tab files never quote (as ukpanel's
    # DelimitedTableReader assumes). pandas 3's default float parser rounds correctly.
    kw = dict(sep="\t", low_memory=False, keep_default_na=False, na_values=[""],
              compression="gzip" if gz else None, quoting=3)
    return pd.read_csv(path, **kw), kw


def read_tab_strings(path, kw, columns):
    """Columns the written file stores as strings, read again as text."""
    return pd.read_csv(path, usecols=columns, dtype=str, **kw)


def show(v):
    if isinstance(v, (float, np.floating)):
        return "empty/missing" if np.isnan(v) else repr(float(v))
    return repr(v)


def compare(tab, tab_text, other, kinds, float32, reader, path, tab_name, strip_trailing):
    if list(other.columns) != list(tab.columns):
        a, b = list(tab.columns), list(other.columns)
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                raise Mismatch(f"column {i + 1}: {tab_name} has {x!r}, {os.path.basename(path)} ({reader}) has {y!r}")
        raise Mismatch(f"{len(a)} columns in {tab_name}, {len(b)} in {os.path.basename(path)} ({reader})")
    if len(other) != len(tab):
        raise Mismatch(f"{len(tab)} rows in {tab_name}, {len(other)} in {os.path.basename(path)} ({reader})")
    for name in tab.columns:
        got = other[name]
        if kinds[name] == "string":
            col = tab_text[name] if name in tab_text else tab[name]
            want = col.astype(object).where(col.notna(), "").to_numpy(dtype=object)
            if strip_trailing:
                want = np.array([w.rstrip(" ") for w in want], dtype=object)
            have = got.astype(object).where(got.notna(), "").to_numpy(dtype=object)
            bad = np.flatnonzero(want != have)
            if len(bad):
                r = bad[0]
                raise Mismatch(f"column {name!r} row {r + 1}: {tab_name} {want[r]!r}, {os.path.basename(path)} ({reader}) {have[r]!r}")
            continue
        col = tab[name]
        if not pd.api.types.is_numeric_dtype(col):
            bad = pd.to_numeric(col, errors="coerce").isna() & col.notna()
            r = int(np.flatnonzero(bad.to_numpy())[0])
            raise Mismatch(f"column {name!r} row {r + 1}: {tab_name} has text {col.iloc[r]!r} but "
                           f"{os.path.basename(path)} stores a number ({reader}: {show(got.iloc[r])})")
        want = col.to_numpy(dtype=np.float64, na_value=np.nan)
        have = pd.to_numeric(got, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        wn, hn = np.isnan(want), np.isnan(have)
        if name in float32:
            tol = np.spacing(np.abs(want.astype(np.float32))).astype(np.float64)
            close = np.abs(want - have) <= tol
        else:
            close = want == have
        bad = np.flatnonzero((wn != hn) | (~wn & ~hn & ~close))
        if len(bad):
            r = bad[0]
            raise Mismatch(f"column {name!r} row {r + 1}: {tab_name} {show(want[r])}, {os.path.basename(path)} ({reader}) {show(have[r])}")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    tab_path = sys.argv[1]
    tab_name = os.path.basename(tab_path)
    tab, kw = read_tab(tab_path)
    import pyreadstat
    status = 0
    for path in sys.argv[2:]:
        ext = os.path.splitext(path)[1].lower()
        frames = []
        try:
            if ext == ".dta":
                storage = dta_storage(path)
                df, meta = pyreadstat.read_dta(path, apply_value_formats=False, disable_datetime_conversion=True)
                frames.append(("pyreadstat", df))
                frames.insert(0, ("pandas", pd.read_stata(path, convert_categoricals=False, convert_dates=False,
                                                          convert_missing=False, preserve_dtypes=False)))
                kinds = {n: ("string" if s.startswith("str") else "number") for n, s in zip(meta.column_names, storage)}
                float32 = {n for n, s in zip(meta.column_names, storage) if s == "float"}
                strip = False
            elif ext in (".sav", ".zsav"):
                df, meta = pyreadstat.read_sav(path, apply_value_formats=False, user_missing=True,
                                               disable_datetime_conversion=True)
                frames.append(("pyreadstat", df))
                kinds = {n: ("string" if t == "string" else "number") for n, t in meta.readstat_variable_types.items()}
                float32 = set()
                strip = True
            else:
                raise Mismatch(f"unknown file type {ext!r}")
            text_cols = [n for n in tab.columns if kinds.get(n) == "string" and pd.api.types.is_numeric_dtype(tab[n])]
            tab_text = read_tab_strings(tab_path, kw, text_cols) if text_cols else {}
            for reader, df in frames:
                compare(tab, tab_text, df, kinds, float32, reader, path, tab_name, strip)
            print(f"OK {os.path.basename(path)}: {tab.shape[1]} columns × {tab.shape[0]} rows equal to {tab_name} "
                  f"({', '.join(r for r, _ in frames)})")
        except Mismatch as e:
            print(f"DIFFERENT {os.path.basename(path)}: {e}")
            status = 1
            break
    sys.exit(status)


if __name__ == "__main__":
    main()
