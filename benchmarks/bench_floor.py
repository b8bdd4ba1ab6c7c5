"""What the report cannot go below at LinkedIn's maximum, step by step.

The speed goal of the report (full report <= 3x a bare pandas read of the
same files) leaves, beyond the read itself, twice the read's time for
everything else.  This script times a handful of steps that any report the
design asks for must take, each done the cheapest way the project's
libraries allow, on the same 30,000-connection / 100,000-row sample as
``bench_scale.py`` (no archive, the case where the read is cheapest):

* ``bare``:    ``pandas.read_csv`` of Connections.csv, interactions.csv, contacts.csv
* ``dates``:   ``pandas.to_datetime`` of the log's and the connections' dates
* ``match``:   each log row's contact cell looked up among the connections'
  URLs (distinct cells once, no normalisation at all)
* ``graph``:   the networkx ego graph with "me" tied to each contact (no ties
  between contacts)
* ``egogram``: one figure of 30,000 points serialised to JSON (a plain-dict plotly.js spec and
  ``json.dumps``, as the report embeds figures; no plotly.py)
* ``charts``:  eight small bar charts serialised the same way (the report's other sections)
* ``html``:    plotly.js (the report's basic bundle) and the figures written into one file

Community detection, the ties between contacts, the tie strengths and every other metric
are left out, as are validation messages and name normalisation, so the sum
is far below what the report really needs: a floor.

Run:  .venv/bin/python benchmarks/bench_floor.py   (after bench_scale.py made the data)
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from netanalysis.plots import plotly_js  # noqa: E402
from netanalysis.plots.embed import script_json  # noqa: E402

FOLDER = Path(__file__).resolve().parent / "_data" / "max"


def timed(func, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    if not (FOLDER / "Connections.csv").exists():
        raise SystemExit("run benchmarks/bench_scale.py first (it generates the data)")
    files = {"Connections.csv": 3, "interactions.csv": 0, "contacts.csv": 0}

    def bare():
        return [pd.read_csv(FOLDER / name, skiprows=skip, dtype=str) for name, skip in files.items()]

    connections, log, _ = bare()
    urls = connections["URL"].fillna("").tolist()
    rng = np.random.default_rng(7)
    js = plotly_js()
    x = rng.random(len(urls))

    def dates():
        pd.to_datetime(log["date"], format="%Y-%m-%d", errors="coerce")
        pd.to_datetime(connections["Connected On"], format="%d %b %Y", errors="coerce")

    def match():
        index = {url: position for position, url in enumerate(urls)}
        codes, cells = pd.factorize(log["contact"].to_numpy(dtype=object))
        found = np.array([index.get(cell, -1) for cell in cells])
        return found[codes]

    def graph():
        g = nx.Graph()
        g.add_weighted_edges_from(("me", url, 0.5) for url in urls)
        return g

    def egogram():
        xy = np.round(x, 3).tolist()             # as the report rounds its coordinates
        return script_json({"data": [{"type": "scatter", "x": xy, "y": xy, "mode": "markers",
                                      "text": urls}], "layout": {}})

    def charts():
        return [script_json({"data": [{"type": "bar", "x": list("abcdef"), "y": rng.random(6).tolist()}],
                             "layout": {}}) for _ in range(8)]

    figures = [egogram(), *charts()]

    def html():
        with tempfile.TemporaryFile("w", encoding="utf-8") as out:
            out.write(f"<html><script>{js}</script>" + "".join(f"<script>{f}</script>" for f in figures))

    steps = {"bare": bare, "dates": dates, "match": match, "graph": graph, "egogram": egogram, "charts": charts, "html": html}
    results = {name: timed(func) for name, func in steps.items()}
    for name, seconds in results.items():
        print(f"  {name:<8} {seconds:7.3f} s")
    floor = sum(results.values())
    print(f"  floor (sum) {floor:.3f} s = {floor / results['bare']:.1f}x the bare read; "
          f"the goal allows {3 * results['bare']:.3f} s")


if __name__ == "__main__":
    main()
