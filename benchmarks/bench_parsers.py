"""Would another CSV parser reach the speed goal?  pandas' parser against polars'.

Reads the maximum sample's ``messages.csv`` (76 MB, 300,000 rows) three ways:

* ``pandas``: ``pandas.read_csv`` with the options ``netanalysis.io.csvfile`` uses
* ``polars``: ``polars.read_csv``, every column as text, nothing turned into Python objects
* ``polars + to Python``: the same, then the nine columns the messages reader
  uses turned into Python strings (what the rest of the pipeline works on)

and then shows inputs on which the two parsers disagree without an error:
malformed quoting that pandas reads one way and polars another, and a
record with a field too many that polars keeps quiet about.  A fast path
through polars must give pandas' answer or step aside; the checks that
decide that (quote framing, fields per record) scan the whole file and
cost about as much as they save (see the README's Performance section).

polars is not a dependency of netanalysis.  Run:
    .venv/bin/pip install polars && .venv/bin/python benchmarks/bench_parsers.py
"""
from __future__ import annotations

import io
import warnings
from pathlib import Path

import pandas as pd
from netanalysis.io.csvfile import READ_OPTIONS

from bench_floor import timed  # this folder is on sys.path when the script runs

FILE = Path(__file__).resolve().parent / "_data" / "max" / "messages.csv"
USED = ["CONVERSATION ID", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", "DATE", "FOLDER",
        "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]
DISAGREE = [b'a,b\n1,""x""\n', b'a,b\n1,"x"y""\n', b'a,b\n\n\n,x,']


def main() -> None:
    try:
        import polars as pl
    except ImportError:
        raise SystemExit("polars is not installed: .venv/bin/pip install polars") from None
    if not FILE.exists():
        raise SystemExit("run benchmarks/bench_scale.py first (it generates the data)")
    data = FILE.read_bytes()

    def polars_read():
        return pl.read_csv(data, infer_schema=False, empty_string_is_null=False)

    def polars_python():
        table = polars_read()
        return [table.get_column(name).to_list() for name in USED]

    for name, func in {"pandas": lambda: pd.read_csv(io.BytesIO(data), **READ_OPTIONS), "polars": polars_read,
                       "polars + to Python": polars_python}.items():
        print(f"  {name:<20} {timed(func):6.3f} s")
    print("  where they disagree:")
    for sample in DISAGREE:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ours = pd.read_csv(io.BytesIO(sample), **READ_OPTIONS).to_numpy().tolist()
        theirs = [list(row) for row in pl.read_csv(sample, infer_schema=False, empty_string_is_null=False).rows()]
        said = f" (pandas warns: {str(caught[0].message).strip()})" if caught else ""
        print(f"    {sample!r}: pandas {ours}{said}, polars {theirs}")


if __name__ == "__main__":
    main()
