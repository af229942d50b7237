#!/usr/bin/env python3
"""Writes small Stata .dta and SPSS .sav/.zsav fixture files with independent writers
(pandas DataFrame.to_stata and pyreadstat write_dta/write_sav) and, beside each file,
<file>.expected.json holding what pyreadstat read back, cross-checked against pandas
(the script fails if the readers disagree).

    make_fixtures.py OUTDIR            small fixtures (committed: Tests/Fixtures/formats)
    make_fixtures.py --large OUTDIR2   a large zsav (300,000 rows x 20 columns, several
                                       zlib blocks) with a summarised expected JSON; not
                                       committed

Run with the cross-check venv:
    scripts/python-env.sh && .venv-crosscheck/bin/python scripts/formats/make_fixtures.py Tests/Fixtures/formats

Expected JSON (one object per file):
    {"file", "format": "dta"|"sav", "writer", "rows",
     "columns": [{"name", "label": str|null, "kind": "number"|"string",
                  "storage": "int8"|"int16"|"int32"|"float"|"double"|"strN"|"strL" (dta)
                             | "numeric"|"AN" (sav),
                  "value_labels": [[value, label], ...] sorted by value | null,
                  "user_missing": (sav only) [{"lo", "hi"}, ...] | null,
                  "values": [...] | "summary": {...}}]}
Number values: JSON numbers (float32 columns widened exactly to double); "." system
missing; ".a".."z" Stata extended missing; "user:<repr(float)>" SPSS user-missing.
Value labels of Stata extended missing values are given as [".a", "label"].
String values: exactly as read (SPSS trailing blanks removed, Stata strings as stored).

Determinism: fixed seeds; pandas gets a fixed time_stamp; ReadStat (pyreadstat) stamps the
current time into the file header (dta <timestamp>, sav creation date/time), which this
script overwrites in place with a fixed time (header text only; nothing else changes).
"""
import argparse
import csv
import datetime
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import pyreadstat

from dta_types import dta_storage

TIME_STAMP = datetime.datetime(2024, 1, 2, 3, 4)
N_ROWS = 40
STATA_MISSING_LABEL_BASE = 2147483621  # int32 value-label key of "." ; .a = +1 ... .z = +26
PSPP = None  # GNU PSPP's version when installed: then .sav/.zsav are also read by PSPP


# ---------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------

def long_text(seed, nbytes, unicode):
    """Deterministic text of exactly nbytes UTF-8 bytes (or ASCII)."""
    words = ["survey", "panel", "wave", "household", "respondent", "income", "region"]
    if unicode:
        words += ["café", "£20", "naïve", "“quoted”", "Zürich", "€"]
    rng = np.random.default_rng(seed)
    out = f"[{seed}:{nbytes}] "
    while len(out.encode("utf-8")) < nbytes:
        out += words[int(rng.integers(len(words)))] + " "
    b = out.encode("utf-8")[:nbytes]
    while True:  # do not cut a multi-byte character
        try:
            text = b.decode("utf-8")
            break
        except UnicodeDecodeError:
            b = b[:-1]
    return text + "x" * (nbytes - len(text.encode("utf-8")))


def pandas_stata_frame(version):
    """The frame pandas writes for each of 117/118/119; 117 only latin-1 text."""
    n = N_ROWS
    rng = np.random.default_rng(1000 + version)
    uni = version >= 118
    i8 = rng.integers(-127, 101, n).astype(np.int8)
    i8[:4] = [-127, 100, 0, -1]
    i16 = rng.integers(-32767, 32741, n).astype(np.int16)
    i16[:4] = [-32767, 32740, 0, -1]
    i32 = rng.integers(-2147483647, 2147483621, n).astype(np.int32)
    i32[:4] = [-2147483647, 2147483620, 0, -1]
    f32 = rng.normal(0, 1000, n).astype(np.float32)
    f32[:4] = [0.1, 1.0e38, -1.5e-30, 123456.789]
    f32[7::7] = np.nan
    f64 = rng.normal(0, 1e6, n)
    f64[:5] = [math.pi, 1e300, -8.9e307, 2.2250738585072014e-308, -0.5]
    f64[5::5] = np.nan
    code = rng.choice(np.array([1, 2, 3, 9], dtype=np.int8), n)
    shorts = ["", "abc", "é", "£5", "trail ", " lead", "naïve café", "Ünïcödé ÿ"]
    if uni:
        shorts += ["“quoted”", "€ and ☃", "日本語"]
    s = [shorts[i % len(shorts)] for i in range(n)]
    wide = ["w%d" % i for i in range(n)]
    wide[3] = long_text(3, 260, False)
    wide[4] = ""
    longs = {
        "l2100": long_text(21, 2100, uni),
        "l3000": long_text(30, 3000, uni),
        "l2045": "y" * 2045,
    }
    note = []
    for i in range(n):
        if i in (5, 17, 33):
            note.append(longs["l2100"])
        elif i in (9, 26):
            note.append(longs["l3000"])
        elif i == 12:
            note.append(longs["l2045"])
        elif i % 3 == 0:
            note.append("")
        else:
            # pandas writes strL text as UTF-8 even in 117 (whose strings are latin-1), so
            # 117 strLs stay ASCII.
            note.append("short note %d%s" % (i % 4, " é" if uni and i % 4 == 1 else ""))
    df = pd.DataFrame({
        "i8": i8, "i16": i16, "i32": i32, "f32": f32, "f64": f64,
        "code": code, "s": pd.Series(s, dtype=object), "wide": pd.Series(wide, dtype=object),
        "note": pd.Series(note, dtype=object),
        "a_rather_long_variable_name_32ch": np.arange(n) * 0.25,
    })
    if uni:
        df["größe"] = np.arange(n, dtype=np.int16) * 3
    variable_labels = {
        "i8": "An int8 (byte) column",
        "i16": "int16 (Stata int)",
        "f32": "float32 – café" if uni else "float32 - café",
        "f64": "double with system missing",
        "code": "Labelled code",
        "note": "Long text (strL)",
    }
    if uni:
        variable_labels["größe"] = "Größe “size”"
    value_labels = {"code": {1: "Yes", 2: "No", 3: "Don’t know" if uni else "Don't know (é)"}}
    return df, variable_labels, value_labels


def pyreadstat_dta_frame(version):
    n = N_ROWS
    rng = np.random.default_rng(2000 + version)
    uni = version >= 118
    score, code = [], []
    for i in range(n):
        r = i % 9
        score.append({0: "a", 1: "b", 2: "z", 3: np.nan}.get(r, round(float(rng.normal(50, 10)), 3)))
        code.append({4: "a", 5: "z", 6: np.nan}.get(r, int(rng.integers(1, 4))))
    texts = ["", "plain", "trail  ", "x" * 40]
    if uni:
        texts += ["é", "“quoted”", "£ 3.50", "日本"]
    note = []
    for i in range(n):
        if i in (2, 21):
            note.append(long_text(7, 2500, uni))
        elif i == 30:
            note.append(long_text(8, 4100, uni))
        elif i % 4 == 0:
            note.append("")
        else:
            note.append("short %d" % (i % 5))
    x = rng.normal(0, 1, n)
    x[3::6] = np.nan
    df = pd.DataFrame({
        "id": np.arange(1, n + 1, dtype=np.int32),
        "score": pd.Series(score, dtype=object),
        "code": pd.Series(code, dtype=object),
        "x": x,
        "txt": pd.Series([texts[i % len(texts)] for i in range(n)], dtype=object),
        "note": pd.Series(note, dtype=object),
    })
    kwargs = dict(
        missing_user_values={"score": ["a", "b", "z"], "code": ["a", "z"]},
        variable_value_labels={"code": {1: "Yes", 2: "No", 3: "Maybe", "a": "Refused", "z": "Not applicable"},
                               "id": {1: "first"}},
        column_labels={"score": "Score with .a .b .z", "code": "Code (long) with .a .z",
                       "note": "Long text (strL)", "txt": "Text é" if uni else "Text"},
        file_label="ukpanel fixture",
    )
    return df, kwargs


def pyreadstat_sav_frame():
    n = N_ROWS
    rng = np.random.default_rng(3000)
    q1 = [[1.0, 2.0, 3.0, 4.0, 5.0, -9.0, -8.0, np.nan][int(rng.integers(8))] for _ in range(n)]
    q1[:3] = [-9.0, -8.0, np.nan]
    q2 = [float(rng.integers(0, 11)) for _ in range(n)]
    q2[:7] = [-99.0, -95.5, -90.0, -1.0, np.nan, -89.5, -100.0]
    income = np.round(rng.lognormal(7, 1, n), 2)
    income[:3] = [0.0, 1e15, 0.1]
    income[6::6] = np.nan
    sex = ["m", "f", "", "x"]
    q3 = [[-5.0, -1.0, 0.0, 3.0, np.nan, -0.5, -1e300][i % 7] for i in range(n)]
    regions = ["Wales", "Yorkshire and The Humber", "Île-de-France", "", "Northern Ireland", "Zürich  ", "Unknown"]
    w8 = ["ABCDEFGH", "", "é", "abc"]
    w9 = ["ABCDEFGHI", "", "ABCDEFGé", "x"]
    w255 = ["", "q" * 255, long_text(255, 255, True), "short"]
    w256 = ["r" * 256, "", long_text(256, 256, True), "s"]
    c300 = []
    c1000 = []
    for i in range(n):
        c300.append({0: "a" * 300, 1: long_text(300, 300, True), 2: "", 3: " lead and trail   "}.get(i % 7, "c300 %d" % i))
        c1000.append({0: long_text(1000, 1000, True), 1: "", 2: "b" * 1000, 5: long_text(777, 777, True)}.get(i % 11, "c1000 %d" % i))
    df = pd.DataFrame({
        "id": np.arange(1, n + 1, dtype=np.float64),
        "Q1_Satisfaction": q1,
        "q2": q2,
        "q3": q3,
        "income": income,
        "sex": pd.Series([sex[i % 4] for i in range(n)], dtype=object),
        "region": pd.Series([regions[i % len(regions)] for i in range(n)], dtype=object),
        "comment300": pd.Series(c300, dtype=object),
        "comment1000": pd.Series(c1000, dtype=object),
        "w8": pd.Series([w8[i % 4] for i in range(n)], dtype=object),
        "w9": pd.Series([w9[i % 4] for i in range(n)], dtype=object),
        "w255": pd.Series([w255[i % 4] for i in range(n)], dtype=object),
        "w256": pd.Series([w256[i % 4] for i in range(n)], dtype=object),
        "VeryLongVariableName_MixedCase": np.arange(n, dtype=np.float64) / 8.0,
    })
    kwargs = dict(
        column_labels={"Q1_Satisfaction": "Satisfaction “overall”", "q2": "Score 0-10 (missing -99 thru -90, -1)",
                       "q3": "Missing LO THRU -1",
                       "income": "Monthly income (£)", "sex": "Sex", "region": "Région",
                       "comment300": "A 300-byte string", "comment1000": "A 1000-byte string"},
        # q3 is LO THRU -1 (written as the lowest double), region's "Unknown" a long-string
        # missing value (subtype 22).
        missing_ranges={"Q1_Satisfaction": [-9, -8], "q2": [{"lo": -99, "hi": -90}, -1],
                        "q3": [{"lo": float("-inf"), "hi": -1}], "sex": ["x"], "region": ["Unknown"]},
        variable_value_labels={
            "Q1_Satisfaction": {1: "Very dissatisfied", 2: "Dissatisfied", 3: "Neutral", 4: "Satisfied",
                                5: "Very satisfied", -9: "Refused", -8: "Don't know"},
            "q2": {0: "Worst", 10: "Best", -99: "Not asked"},
            "sex": {"m": "Male", "f": "Female", "x": "Not stated"},
            "region": {"Wales": "Cymru", "Île-de-France": "IDF"},
        },
        file_label="ukpanel fixture",
        note=["ukpanel fixture document record", "second line"],
    )
    return df, kwargs


# ---------------------------------------------------------------------------------------
# Fixed timestamps for ReadStat output
# ---------------------------------------------------------------------------------------

def fix_readstat_timestamp(path):
    with open(path, "r+b") as f:
        head = f.read(4096)
        if head.startswith(b"$FL2") or head.startswith(b"$FL3"):
            # sav header: bias (double) at 84, creation date "dd Mon yy" at 92, time "hh:mm:ss" at 101
            f.seek(92)
            f.write(b"02 Jan 24" + b"03:04:00")
        elif head.startswith(b"<stata_dta>"):
            at = head.index(b"<timestamp>") + len(b"<timestamp>")
            length = head[at]
            if length:
                assert length == 17, length
                f.seek(at + 1)
                f.write(b"02 Jan 2024 03:04")
        else:
            raise SystemExit(f"{path}: unknown header")


# ---------------------------------------------------------------------------------------
# Reading back
# ---------------------------------------------------------------------------------------

def num(x, integer):
    return int(x) if integer else float(x)


def is_nan(v):
    return isinstance(v, float) and math.isnan(v)


def in_ranges(v, ranges):
    return any(r["lo"] <= v <= r["hi"] for r in ranges)


def read_expected(path, fmt):
    """What pyreadstat reads, in the expected-JSON form (without file/writer)."""
    # Read twice: pyreadstat 1.3.7 with user_missing=True leaves system-missing cells of an
    # integer (int8/16/32) Stata column uninitialised once an extended missing value came
    # before them in that column, so cells come from the plain read and only cells it reads
    # as missing are looked up in the user_missing=True read.
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    df, meta = read(path, user_missing=False, apply_value_formats=False)
    df_user, meta = read(path, user_missing=True, apply_value_formats=False)
    if fmt == "dta":
        storage = dta_storage(path)
    else:
        storage = [("A%d" % meta.variable_storage_width[c]) if meta.readstat_variable_types[c] == "string" else "numeric"
                   for c in meta.column_names]
    columns = []
    for name, store in zip(meta.column_names, storage):
        kind = "string" if meta.readstat_variable_types[name] == "string" else "number"
        integer = store in ("int8", "int16", "int32")
        ranges = meta.missing_ranges.get(name) if fmt == "sav" else None
        values = []
        for v, u in zip(df[name].tolist(), df_user[name].tolist()):
            if kind == "string":
                # (a user-missing SPSS string reads as missing unless user_missing=True)
                assert isinstance(u, str) and (v == u or ranges and in_ranges(u, ranges)), (path, name, v, u)
                values.append(u)
            elif not (v is None or is_nan(v)):
                assert not isinstance(v, str) and v == u, (path, name, v, u)
                values.append(num(v, integer))
            elif isinstance(u, str):
                assert fmt == "dta" and len(u) == 1, (path, name, u)
                values.append("." + u)
            elif fmt == "sav" and not (u is None or is_nan(u)):
                assert ranges and in_ranges(u, ranges), (path, name, u)
                values.append("user:" + repr(float(u)))
            else:
                values.append(".")
        labels = meta.variable_value_labels.get(name)
        if labels:
            pairs = []
            for k, text in labels.items():
                if fmt == "dta" and isinstance(k, str):
                    pairs.append(("." + k, text))
                elif kind == "string":
                    pairs.append((k, text))
                else:
                    pairs.append((num(k, fmt == "dta"), text))
            labels = [list(p) for p in sorted(pairs, key=label_sort_key)]
        col = {"name": name, "label": meta.column_names_to_labels.get(name) or None, "kind": kind,
               "storage": store, "value_labels": labels or None}
        if fmt == "sav":
            col["user_missing"] = [{k: finite(v) for k, v in r.items()} for r in ranges] if ranges else None
        col["values"] = values
        columns.append(col)
    return {"rows": int(meta.number_rows if meta.number_rows is not None else len(df)), "columns": columns}


def finite(v):
    """SPSS stores LO/HI of a missing range as the lowest/highest double; pyreadstat
    reports them as -inf/inf. JSON has no infinities, so give the stored values."""
    if isinstance(v, float) and math.isinf(v):
        return -1.7976931348623155e308 if v < 0 else 1.7976931348623157e308
    return v


def label_sort_key(pair):
    k = pair[0]
    if isinstance(k, str) and k.startswith(".") and len(k) == 2:
        return (1, 0, k)
    if isinstance(k, str):
        return (2, 0, k)
    return (0, k, "")


def fail(msg):
    raise SystemExit("DISAGREE: " + msg)


def cross_check_pandas_dta(path, exp):
    df = pd.read_stata(path, convert_missing=True, convert_categoricals=False, preserve_dtypes=True)
    names = [c["name"] for c in exp["columns"]]
    if list(df.columns) != names:
        fail(f"{path}: pandas columns {list(df.columns)} != {names}")
    if len(df) != exp["rows"]:
        fail(f"{path}: pandas rows {len(df)} != {exp['rows']}")
    for col in exp["columns"]:
        got = []
        for v in df[col["name"]].tolist():
            if isinstance(v, pd.io.stata.StataMissingValue):
                got.append(v.string)
            elif col["kind"] == "string":
                got.append(v)
            else:
                assert not isinstance(v, str), (path, col["name"], v)
                got.append(v)
        for row, (a, b) in enumerate(zip(got, col["values"])):
            if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
                fail(f"{path}: {col['name']} row {row}: pandas {a!r} pyreadstat {b!r}")
            if a != b:
                fail(f"{path}: {col['name']} row {row}: pandas {a!r} pyreadstat {b!r}")
    with pd.io.stata.StataReader(path) as reader:
        reader.read(convert_categoricals=False)
        vlabels = reader.variable_labels()
        sets = reader.value_labels()
        lbllist = reader._lbllist  # label-set name of each variable ('' if none)
    for col, setname in zip(exp["columns"], lbllist):
        label = vlabels.get(col["name"]) or None
        if label != col["label"]:
            fail(f"{path}: {col['name']} label: pandas {label!r} pyreadstat {col['label']!r}")
        pairs = None
        if setname and setname in sets and sets[setname]:
            pairs = []
            for k, text in sets[setname].items():
                k = int(k)
                if k > STATA_MISSING_LABEL_BASE:
                    pairs.append(["." + chr(ord("a") + k - STATA_MISSING_LABEL_BASE - 1), text])
                else:
                    pairs.append([k, text])
            pairs = sorted(pairs, key=label_sort_key)
        if pairs != col["value_labels"]:
            fail(f"{path}: {col['name']} value labels: pandas {pairs!r} pyreadstat {col['value_labels']!r}")


def cross_check_pandas_sav(path, exp):
    """pandas.read_spss (pyreadstat underneath, user-missing read as missing)."""
    df = pd.read_spss(path, convert_categoricals=False)
    names = [c["name"] for c in exp["columns"]]
    if list(df.columns) != names or len(df) != exp["rows"]:
        fail(f"{path}: pandas read_spss shape/columns differ")
    for col in exp["columns"]:
        for row, (a, b) in enumerate(zip(df[col["name"]].tolist(), col["values"])):
            if col["kind"] == "string":
                ok = a == b or (is_nan(a) and in_ranges(b, col["user_missing"] or []))
            elif isinstance(b, str):
                ok = is_nan(a) and (b == "." or b.startswith("user:"))
            else:
                ok = a == b
            if not ok:
                fail(f"{path}: {col['name']} row {row}: pandas {a!r} expected {b!r}")


def pspp_version():
    pspp = shutil.which("pspp")
    if not pspp:
        return None
    out = subprocess.run([pspp, "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0].split()[-1] if out else "?"


def cross_check_pspp(path, exp):
    """GNU PSPP (an independent SPSS reader, used when installed) reads the same values."""
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = os.path.join(tmp, "out.csv")
        syntax = os.path.join(tmp, "read.sps")
        with open(syntax, "w", encoding="utf-8") as f:
            f.write(f"GET FILE='{os.path.abspath(path)}'.\n"
                    f"SAVE TRANSLATE /OUTFILE='{csv_path}' /TYPE=CSV /REPLACE /FIELDNAMES /MISSING=IGNORE\n"
                    f"  /CELLS=VALUES /TEXTOPTIONS FORMAT=PLAIN.\n")
        run = subprocess.run(["pspp", "-o", os.path.join(tmp, "log.txt"), syntax], capture_output=True, text=True)
        if run.returncode != 0:
            fail(f"{path}: pspp failed: {run.stdout}{run.stderr}")
        with open(csv_path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
    names = [c["name"] for c in exp["columns"]]
    if rows[0] != names or len(rows) - 1 != exp["rows"]:
        fail(f"{path}: PSPP reads columns {rows[0]} and {len(rows) - 1} rows")
    for j, col in enumerate(exp["columns"]):
        got = []
        for r in rows[1:]:
            cell = r[j]
            if col["kind"] == "string":
                got.append(cell.rstrip(" "))
            elif cell.strip() == "":
                got.append(".")
            else:
                v = float(cell)
                ranges = col.get("user_missing")
                got.append("user:" + repr(v) if ranges and in_ranges(v, ranges) else v)
        want = col["values"] if "values" in col else None
        if want is None:
            if summarise(got, col["kind"]) != col["summary"]:
                fail(f"{path}: {col['name']}: PSPP summary {summarise(got, col['kind'])} != {col['summary']}")
        elif got != want:
            row = next(i for i, (a, b) in enumerate(zip(got, want)) if a != b)
            fail(f"{path}: {col['name']} row {row}: PSPP {got[row]!r} pyreadstat {want[row]!r}")


def check_against_source(path, exp, df, fmt):
    """The values read back are the values written (guards against both readers agreeing
    on something the writer got wrong)."""
    for col in exp["columns"]:
        src = df[col["name"]].tolist()
        for row, (a, b) in enumerate(zip(src, col["values"])):
            if isinstance(a, str) and col["kind"] == "number":
                ok = b == "." + a
            elif isinstance(a, str):
                ok = (a.rstrip(" ") if fmt == "sav" else a) == b
            elif is_nan(float(a)):
                ok = b == "."
            elif isinstance(b, str):
                ok = b == "user:" + repr(float(a))
            else:
                ok = float(np.float64(a)) == b
            if not ok:
                fail(f"{path}: {col['name']} row {row}: wrote {a!r}, read {b!r}")


def write_expected(path, fmt, writer, src_df=None, summary=False):
    exp = read_expected(path, fmt)
    if fmt == "dta":
        cross_check_pandas_dta(path, exp)
    else:
        cross_check_pandas_sav(path, exp)
    if src_df is not None:
        check_against_source(path, exp, src_df, fmt)
    out = {"file": os.path.basename(path), "format": fmt, "writer": writer, "rows": exp["rows"], "columns": []}
    for col in exp["columns"]:
        if summary:
            values = col.pop("values")
            col["summary"] = summarise(values, col["kind"])
        out["columns"].append(col)
    if fmt == "sav" and PSPP:
        cross_check_pspp(path, out)
    with open(path + ".expected.json", "w", encoding="utf-8") as f:
        f.write(dump_json(out))
    return out


def dump_json(out):
    """Top-level keys one per line and each column on one line (small, diff-friendly)."""
    def j(v):
        return json.dumps(v, ensure_ascii=False, allow_nan=False)
    lines = ["{"]
    for key in ("file", "format", "writer", "rows"):
        lines.append(f' {j(key)}: {j(out[key])},')
    lines.append(' "columns": [')
    cols = [f"  {j(col)}" for col in out["columns"]]
    lines.append(",\n".join(cols))
    lines.append(" ]")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    assert json.loads(text) == out
    return text


def summarise(values, kind):
    if kind == "string":
        nonempty = [v for v in values if v != ""]
        return {"count_nonmissing": len(nonempty), "sum": None,
                "total_utf8_bytes": sum(len(v.encode("utf-8")) for v in values),
                "first": values[:5], "last": values[-5:]}
    nums = [v for v in values if not isinstance(v, str)]
    return {"count_nonmissing": len(nums), "sum": math.fsum(nums),
            "count_system_missing": sum(1 for v in values if v == "."),
            "count_user_missing": sum(1 for v in values if isinstance(v, str) and v.startswith("user:")),
            "first": values[:5], "last": values[-5:]}


# ---------------------------------------------------------------------------------------
# Fixture sets
# ---------------------------------------------------------------------------------------

def make_small(outdir):
    os.makedirs(outdir, exist_ok=True)
    made = []
    for version in (117, 118, 119):
        df, variable_labels, value_labels = pandas_stata_frame(version)
        for byteorder, tag in (("<", "lsf"), (">", "msf")):
            name = f"pandas_{version}_{tag}.dta"
            path = os.path.join(outdir, name)
            df.to_stata(path, write_index=False, version=version, byteorder=byteorder,
                        convert_strl=["note"], time_stamp=TIME_STAMP, data_label="ukpanel fixture",
                        variable_labels=variable_labels, value_labels=value_labels)
            write_expected(path, "dta", f"pandas {pd.__version__} to_stata version={version} byteorder={byteorder}", df)
            made.append(name)
    for stata_version, release in ((13, 117), (14, 118), (15, 119)):
        df, kwargs = pyreadstat_dta_frame(release)
        name = f"pyreadstat_{release}.dta"
        path = os.path.join(outdir, name)
        pyreadstat.write_dta(df, path, version=stata_version, **kwargs)
        fix_readstat_timestamp(path)
        write_expected(path, "dta", f"pyreadstat {pyreadstat.__version__} write_dta version={stata_version} (release {release})", df)
        made.append(name)
    df, kwargs = pyreadstat_sav_frame()
    for name, opts in (("pyreadstat_plain.sav", {}), ("pyreadstat_bytecode.sav", {"row_compress": True}),
                       ("pyreadstat_zlib.zsav", {"compress": True})):
        path = os.path.join(outdir, name)
        pyreadstat.write_sav(df, path, **opts, **kwargs)
        fix_readstat_timestamp(path)
        desc = " ".join(f"{k}=True" for k in opts) or "uncompressed"
        write_expected(path, "sav", f"pyreadstat {pyreadstat.__version__} write_sav {desc}", df)
        made.append(name)
    total = sum(os.path.getsize(os.path.join(outdir, f)) for f in os.listdir(outdir))
    print(f"wrote {len(made)} fixtures (+ expected JSON) to {outdir}: {total:,} bytes in the folder")


def make_large(outdir, rows=300_000):
    os.makedirs(outdir, exist_ok=True)
    rng = np.random.default_rng(4000)
    cols = {"pidp": np.arange(1, rows + 1, dtype=np.float64) * 17.0}
    for j in range(8):  # continuous: 9 bytes each after bytecode
        v = np.round(rng.normal(100 * j, 10 + j, rows), 4)
        v[rng.random(rows) < 0.05] = np.nan
        cols[f"x{j}"] = v
    for j in range(7):  # small integer codes (1 byte after bytecode), some user-missing
        v = rng.integers(-9, 12, rows).astype(np.float64)
        v[rng.random(rows) < 0.02] = np.nan
        cols[f"code{j}"] = v
    cols["wave"] = np.full(rows, 3.0)
    cols["weight"] = np.round(rng.gamma(2.0, 0.5, rows), 6)
    words = np.array(["alpha", "beta", "gamma", "", "delta épsilon", "Zürich", "“q”"], dtype=object)
    cols["label"] = words[rng.integers(0, len(words), rows)]
    cols["Comment_LongName"] = np.array(["c%07d %s" % (i, "x" * (i % 40)) for i in range(rows)], dtype=object)
    df = pd.DataFrame(cols)
    assert df.shape[1] == 20
    name = "large_zlib.zsav"
    path = os.path.join(outdir, name)
    pyreadstat.write_sav(df, path, compress=True,
                         missing_ranges={f"code{j}": [{"lo": -9, "hi": -1}] for j in range(7)},
                         variable_value_labels={"code0": {1: "one", -9: "Refused"}},
                         column_labels={"pidp": "Person id", "weight": "Weight"})
    fix_readstat_timestamp(path)
    blocks = zsav_block_count(path)
    if rows >= 300_000:
        assert blocks >= 3, blocks
    write_expected(path, "sav", f"pyreadstat {pyreadstat.__version__} write_sav compress=True ({rows} rows)", df, summary=True)
    print(f"wrote {path}: {os.path.getsize(path):,} bytes, {rows} rows x {df.shape[1]} columns, {blocks} zlib blocks")


def zsav_block_count(path):
    """n_blocks of the zsav trailer (found from the end: 24-byte header + 24 bytes a block)."""
    import struct
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        for n in range(1, 100_000):
            at = size - 24 - 24 * n
            if at < 0:
                break
            f.seek(at)
            bias, zero, block_size, n_blocks = struct.unpack("<qqii", f.read(24))
            if bias == -100 and zero == 0 and n_blocks == n:
                return n
    raise SystemExit(f"{path}: no zsav trailer found")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", nargs="?")
    ap.add_argument("--large", metavar="OUTDIR2", help="write the large zsav variant here (not committed)")
    ap.add_argument("--large-rows", type=int, default=300_000, help=argparse.SUPPRESS)
    args = ap.parse_args()
    global PSPP
    PSPP = pspp_version()
    readers = "pyreadstat + pandas" + (f" + GNU PSPP {PSPP} (sav)" if PSPP else " (GNU PSPP not installed: sav read by pyreadstat only)")
    if not args.outdir and not args.large:
        ap.error("give OUTDIR and/or --large OUTDIR2")
    if args.outdir:
        make_small(args.outdir)
    if args.large:
        make_large(args.large, args.large_rows)
    print(f"all read back alike by {readers}")


if __name__ == "__main__":
    main()
