"""The by-wave job (see wfh_common.py) in DuckDB SQL over each wave's file."""
import sys

import duckdb

from wfh_common import columns, files, header, report

shares = []
con = duckdb.connect()
for number, letter, path in files(sys.argv[1]):
    names, weight = columns(number, letter, header(path))
    w = letter + "_"
    col = lambda name: f'"{name}"' if name in names else "-8"
    worker = f"({col(w + 'jbhas')} = 1 OR {col(w + 'jboff')} = 1)"
    home = f"({worker} AND ({col(w + 'jbpl')} = 1 OR {col(w + 'jspl')} IN (1, 2) OR {col(w + 'jbwah')} IN (1, 2, 3)))"
    query = (f"SELECT sum(CASE WHEN {home} THEN \"{weight}\" ELSE 0 END) / sum(CASE WHEN {worker} THEN \"{weight}\" ELSE 0 END) "
             f"FROM read_csv('{path}', delim = '\\t', header = true) "
             f"WHERE {col(w + 'strata')} >= 0 AND {col(w + 'psu')} >= 0 AND \"{weight}\" > 0")
    shares.append((number, con.execute(query).fetchall()[0][0]))
report(shares)
