"""Reads ukpanel's exports back with the readers users pick, and compares them with the CSV export
of the same data, cell by cell (the CSV's own correctness is checked against the source files by
the test suite).

    check_exports.py FOLDER STEM [STEM ...]

For each STEM, FOLDER/csv, FOLDER/parquet and FOLDER/dta hold STEM.csv, STEM.parquet and STEM.dta
(written by `ukpanel export` from the same data), each with its STEM.dictionary.json.

Parquet: pyarrow, Polars, DuckDB and pandas, each with no options: every column has the type its
dictionary type calls for (id, int, code: 64-bit integers; number: double; text: string), every
value equals the CSV's (an empty CSV cell is a null), the key-value metadata holds the dictionary,
and the column chunks' statistics (null count, minimum, maximum) are the data's.

Stata: pandas read_stata and pyreadstat: the CSV's columns but the reason columns of numeric
variables; numbers equal the CSV's; where the CSV cell is empty, the value is the extended missing
value whose letter the documented table gives the CSV's reason (.a dont_know … .t not_interviewed,
written out here by hand); value labels are the dictionary's codes plus those letters' words;
variable labels are the dictionary's (at most 80 characters; trailing spaces aside).
"""
import json
import math
import sys

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pyreadstat

# The documented table (README, MissingLetters), written out independently of the code.
LETTERS = dict(zip(
    "abcdefghijklmnopqrst",
    ["dont_know", "refused", "proxy", "inapplicable", "missing", "not_available_iemb", "only_iemb",
     "no_bhps_data", "no_ukhls_data", "no_answer", "does_not_apply", "no_answer_or_does_not_apply",
     "not_classified", "unknown_code", "blank", "extended_missing", "user_missing", "not_in_wave",
     "not_in_file", "not_interviewed"]))
REASON_LETTER = {reason: letter for letter, reason in LETTERS.items()}

EXPECTED = {  # dictionary type -> (pyarrow, polars, duckdb)
    "id": ("int64", pl.Int64, "BIGINT"), "int": ("int64", pl.Int64, "BIGINT"),
    "code": ("int64", pl.Int64, "BIGINT"), "number": ("double", pl.Float64, "DOUBLE"),
    "text": ("string", pl.String, "VARCHAR"),
}

problems = []


def problem(text):
    problems.append(text)
    if len(problems) < 30:
        print("PROBLEM:", text, file=sys.stderr)


def typed(kind, text):
    """The value a CSV cell stands for, given the column's dictionary type."""
    if text == "":
        return None
    if kind in ("id", "int"):
        return int(text)
    if kind == "code":
        return int(text)
    if kind == "number":
        return float(text)
    return text


def same(a, b):
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)) or (isinstance(b, float) and math.isnan(b)):
        na = a is None or (isinstance(a, float) and math.isnan(a))
        nb = b is None or (isinstance(b, float) and math.isnan(b))
        return na and nb
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return a == b


def check_parquet(folder, stem, csv, kinds):
    folder += "/parquet"
    path = f"{folder}/{stem}.parquet"
    expected = {name: [typed(kinds[name], v) for v in csv[name]] for name in csv.columns}
    # pyarrow
    table = pq.read_table(path)
    if table.column_names != list(csv.columns):
        problem(f"{stem}.parquet columns {table.column_names[:5]}… are not the CSV's")
        return
    for name in table.column_names:
        want = EXPECTED[kinds[name]][0]
        if str(table.schema.field(name).type) != want:
            problem(f"{stem}.parquet {name}: pyarrow type {table.schema.field(name).type}, not {want}")
        got = table.column(name).to_pylist()
        bad = [i for i, (g, e) in enumerate(zip(got, expected[name])) if not same(g, e)]
        if bad:
            i = bad[0]
            problem(f"{stem}.parquet {name} row {i + 1}: pyarrow {got[i]!r}, CSV {csv[name][i]!r} ({len(bad)} rows differ)")
    # Polars
    frame = pl.read_parquet(path)
    for name in frame.columns:
        if frame.schema[name] != EXPECTED[kinds[name]][1]:
            problem(f"{stem}.parquet {name}: Polars type {frame.schema[name]}")
        got = frame[name].to_list()
        if not all(same(g, e) for g, e in zip(got, expected[name])):
            problem(f"{stem}.parquet {name}: Polars values differ from the CSV's")
    # DuckDB
    con = duckdb.connect()
    described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    types = {row[0]: row[1] for row in described}
    rows = con.execute(f"SELECT * FROM read_parquet('{path}')").fetchall()
    for j, name in enumerate(csv.columns):
        if types.get(name) != EXPECTED[kinds[name]][2]:
            problem(f"{stem}.parquet {name}: DuckDB type {types.get(name)}")
        if not all(same(row[j], e) for row, e in zip(rows, expected[name])):
            problem(f"{stem}.parquet {name}: DuckDB values differ from the CSV's")
    if len(rows) != len(csv):
        problem(f"{stem}.parquet: DuckDB reads {len(rows)} rows, the CSV has {len(csv)}")
    # pandas (numpy types: a whole-number column with nulls becomes float, as pandas does)
    df = pd.read_parquet(path)
    for name in df.columns:
        got = [None if (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is None else v for v in df[name].tolist()]
        if not all(same(g, e) for g, e in zip(got, expected[name])):
            problem(f"{stem}.parquet {name}: pandas values differ from the CSV's")
    # Metadata: the dictionary, and statistics that are the data's.
    meta = pq.read_metadata(path)
    kv = {k.decode(): v.decode() for k, v in (meta.metadata or {}).items()}
    own = json.load(open(f"{folder}/{stem}.dictionary.json"))
    if json.loads(kv.get("ukpanel.dictionary", "{}")).get("columns") != own["columns"]:
        problem(f"{stem}.parquet: the key-value metadata does not hold the dictionary")
    start = 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        for j, name in enumerate(csv.columns):
            values = expected[name][start:start + group.num_rows]
            present = [v for v in values if v is not None]
            stats = group.column(j).statistics
            if stats is None or stats.null_count != len(values) - len(present):
                problem(f"{stem}.parquet {name} row group {g}: null count {stats and stats.null_count}")
            elif present and (not same(stats.min, min(present)) or not same(stats.max, max(present))):
                problem(f"{stem}.parquet {name} row group {g}: min/max {stats.min}/{stats.max}, data {min(present)}/{max(present)}")
        start += group.num_rows
    return meta.num_row_groups


def check_stata(folder, stem, csv, kinds):
    folder += "/dta"
    path = f"{folder}/{stem}.dta"
    frame = pd.read_stata(path, convert_missing=True, convert_categoricals=False)
    data, meta = pyreadstat.read_dta(path, user_missing=True)
    own = {c["name"]: c for c in json.load(open(f"{folder}/{stem}.dictionary.json"))["columns"]}
    dropped = {reason_of(n, csv) for n in csv.columns if kinds[n] != "text"}
    wanted = [n for n in csv.columns if n not in dropped]
    if list(frame.columns) != wanted:
        problem(f"{stem}.dta columns are not the CSV's without numeric reason columns: {set(frame.columns) ^ set(wanted)}")
        return
    for name in frame.columns:
        if kinds[name] == "text":
            got = ["" if v is None else v for v in frame[name].tolist()]
            if got != list(csv[name]):
                problem(f"{stem}.dta {name}: text differs from the CSV's")
            continue
        reason_column = reason_of(name, csv)
        for i, (value, text) in enumerate(zip(frame[name].tolist(), csv[name])):
            if text != "":
                if isinstance(value, pd.io.stata.StataMissingValue) or float(value) != float(text):
                    problem(f"{stem}.dta {name} row {i + 1}: {value!r}, CSV {text}")
                    break
            else:
                if reason_column:
                    letter = REASON_LETTER.get(csv[reason_column][i])
                elif "_w" in name and csv["in_wave" + name[name.rfind("_w"):]][i] == "0":
                    letter = "t"  # an identifier of a wave the person has no row in: not_interviewed
                else:
                    letter = None  # an identifier has no reason column: any missing value
                if not isinstance(value, pd.io.stata.StataMissingValue) or (
                        letter is not None and value.string != "." + letter):
                    problem(f"{stem}.dta {name} row {i + 1}: {value!r}, expected .{letter}")
                    break
        labels = meta.variable_value_labels.get(name, {})
        codes = own[name].get("codes", {})
        want = {int(k): v for k, v in codes.items()}
        want.update(LETTERS)
        if labels and {(k if isinstance(k, str) else int(k)): v for k, v in labels.items()} != want:
            problem(f"{stem}.dta {name}: value labels {labels} are not the codes and reasons")
        if not labels:
            problem(f"{stem}.dta {name}: no value labels (the reasons' words at least)")
    for name in frame.columns:
        # pyreadstat drops a label's trailing spaces (the 80-character cut can end on one).
        if (meta.column_names_to_labels.get(name) or "").rstrip() != own[name]["label"][:80].rstrip():
            problem(f"{stem}.dta {name}: label {meta.column_names_to_labels.get(name)!r}")
    if len(data) != len(csv):
        problem(f"{stem}.dta: pyreadstat reads {len(data)} rows, the CSV has {len(csv)}")


def reason_of(name, csv):
    """The CSV column that says why `name` is empty (NAME_missing, or NAME_missing_wN in the wide panel)."""
    if name + "_missing" in csv.columns:
        return name + "_missing"
    if "_w" in name:
        stem, wave = name[:name.rfind("_w")], name[name.rfind("_w"):]
        if stem + "_missing" + wave in csv.columns:
            return stem + "_missing" + wave
    return None


def main():
    folder, stems = sys.argv[1], sys.argv[2:]
    for stem in stems:
        csv = pd.read_csv(f"{folder}/csv/{stem}.csv", dtype=str, keep_default_na=False)
        dictionary = json.load(open(f"{folder}/csv/{stem}.dictionary.json"))
        kinds = {c["name"]: c["type"] for c in dictionary["columns"]}
        groups = check_parquet(folder, stem, csv, kinds)
        check_stata(folder, stem, csv, kinds)
        print(f"{stem}: {len(csv)} rows, {len(csv.columns)} columns: parquet ({groups} row groups) = csv "
              f"(pyarrow, Polars, DuckDB, pandas), dta = csv (pandas, pyreadstat)")
    if problems:
        print(f"{len(problems)} problems", file=sys.stderr)
        sys.exit(1)


main()
