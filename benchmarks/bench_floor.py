"""What the report cannot go below at LinkedIn's maximum, step by step.

The speed goal of the report (full report <= 3x a bare pandas read of the
same files) leaves, beyond the read itself, twice the read's time for
everything else.  This script times a handful of steps that any report the
design asks for must take, each done the cheapest way the project's
libraries allow, on the same 30,000-connection / 100,000-row sample as
``bench_scale.py`` (no archive, the case where the read is cheapest):

* ``bare``:   ``pandas.read_csv`` of Connections.csv, interactions.csv, contacts.csv
* ``dates``:  ``pandas.to_datetime`` of the log's and the connections' dates
* ``graph``:  a networkx ego graph (me + 30,000 contacts, ego ties + the contact ties)
* ``louvain``: ``nx.community.louvain_communities`` on 2,000 contact ties
* ``figure``: one plotly figure of 30,000 points (``Scattergl``) serialised to JSON
* ``html``:   plotly.js and that JSON written into one file

None of these steps validates a cell, matches a name or computes a metric,
so their sum is far below what the report really needs; it is a floor.

Run:  .venv/bin/python benchmarks/bench_floor.py   (after bench_scale.py made the data)
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

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
    ids = [f"p{i}" for i in range(len(connections))]
    rng = np.random.default_rng(7)
    pairs = {tuple(sorted(rng.choice(len(ids), 2, replace=False))) for _ in range(29_459)}
    alter = [(ids[a], ids[b], 0.5) for a, b in pairs]
    core = nx.Graph()
    core.add_weighted_edges_from(alter[:2000])
    js = get_plotlyjs()
    x = rng.random(len(ids))

    def dates():
        pd.to_datetime(log["date"], format="%Y-%m-%d", errors="coerce")
        pd.to_datetime(connections["Connected On"], format="%d %b %Y", errors="coerce")

    def graph():
        g = nx.Graph()
        g.add_node("me")
        g.add_nodes_from(ids)
        g.add_weighted_edges_from(("me", p, 0.5) for p in ids)
        g.add_weighted_edges_from(alter)

    def figure():
        return pio.to_json(go.Figure(go.Scattergl(x=x, y=x, mode="markers", text=ids)))

    spec = figure()

    def html():
        with tempfile.TemporaryFile("w", encoding="utf-8") as out:
            out.write(f"<html><script>{js}</script><script>{spec}</script></html>")

    steps = {"bare": bare, "dates": dates, "graph": graph,
             "louvain": lambda: nx.community.louvain_communities(core, weight="weight", seed=0),
             "figure": figure, "html": html}
    results = {name: timed(func) for name, func in steps.items()}
    for name, seconds in results.items():
        print(f"  {name:<8} {seconds:7.3f} s")
    floor = sum(results.values())
    print(f"  floor (sum) {floor:.3f} s = {floor / results['bare']:.1f}x the bare read; "
          f"the goal allows {3 * results['bare']:.3f} s")


if __name__ == "__main__":
    main()
