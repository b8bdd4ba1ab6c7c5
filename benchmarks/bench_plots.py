"""Time the figures on a 30,000-connection network (the egogram above all).

Builds a synthetic tie table (``--met`` met contacts ranked into Dunbar's
layers, the rest never met, ``--clusters`` clusters) and prints, for each
figure, the time to build it, to serialise it (``figure_to_html``) and the
size of the embedded ``<div>``.

Run::

    python benchmarks/bench_plots.py [--connections 30000] [--met 3000] [--repeat 3]

The target is < 2 s for the egogram at 30,000 connections on a 2-core machine.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from netanalysis import plots  # noqa: E402


def tie_table(connections: int, met: int, clusters: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rank = np.arange(1, met + 1)
    layer = pd.array(list(np.select([rank <= 5, rank <= 15, rank <= 50, rank <= 150], [1, 2, 3, 4], 5))
                     + [pd.NA] * (connections - met), dtype="Int64")
    days = rng.integers(0, 900, connections)
    return pd.DataFrame({
        "contact": [f"Person {i} Ætternavn" for i in range(connections)],
        "layer": layer,
        "strength": np.concatenate([np.sort(rng.random(met))[::-1], np.zeros(connections - met)]),
        "cluster": rng.choice([f"cluster {i}" for i in range(clusters)], connections,
                              p=np.arange(clusters, 0, -1) / np.arange(clusters, 0, -1).sum()),
        "circle": "",
        "last_contact": pd.Timestamp("2026-06-01") - pd.to_timedelta(days, unit="D"),
        "days_since_last": pd.Series(days).where(np.arange(connections) < met).astype("Int64").array,
        "cadence_used": np.where(np.arange(connections) < met, 90.0, np.nan),
        "given": np.where(np.arange(connections) < met, rng.integers(0, 12, connections), 0),
        "received": np.where(np.arange(connections) < met, rng.integers(0, 12, connections), 0),
    }, index=pd.Index([f"p{i}" for i in range(connections)], name="person_id"))


def timed(label: str, build, repeat: int) -> None:
    times, fig = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        fig = build()
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    html = plots.figure_to_html(fig, div_id="bench")
    serialise = time.perf_counter() - start
    points = sum(len(t.r if hasattr(t, "r") and t.r is not None else (t.x if t.x is not None else ()))
                 for t in fig.data)
    kinds = sorted({t.type for t in fig.data})
    print(f"{label:<22} build {min(times):6.3f} s (best of {repeat})   html {serialise:6.3f} s   "
          f"{len(html) / 1e6:6.2f} MB   {points:>6,} values   {', '.join(kinds)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30000)
    parser.add_argument("--met", type=int, default=3000)
    parser.add_argument("--clusters", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    ties = tie_table(args.connections, args.met, args.clusters)
    print(f"tie table: {len(ties):,} rows ({args.met:,} met) in {time.perf_counter() - start:.2f} s")
    timed("egogram", lambda: plots.egogram(ties), args.repeat)
    timed("egogram (all points)", lambda: plots.egogram(ties, max_points=10 ** 9), args.repeat)
    timed("reciprocity_scatter", lambda: plots.reciprocity_scatter(ties), args.repeat)
    timed("staleness_chart", lambda: plots.staleness_chart(ties), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
