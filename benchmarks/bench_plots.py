"""Time the figures on a 30,000-connection network (the egogram above all).

Builds a synthetic tie table (``--met`` met contacts ranked into Dunbar's
layers, the rest never met, ``--clusters`` clusters) and prints, for each
figure, the time to build its spec (plain dicts, what the report embeds) and
its validated plotly Figure (what a notebook gets), to serialise the spec
(``figure_to_html``) and the size of the embedded ``<div>``.

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
    """Best-of-``repeat`` times of building the spec (what the report does) and the validated plotly
    Figure (what a notebook gets), of embedding the spec, and its size."""
    def best(func):
        times, result = [], None
        for _ in range(repeat):
            start = time.perf_counter()
            result = func()
            times.append(time.perf_counter() - start)
        return min(times), result

    spec_time, spec = best(build)
    figure_time, _ = best(lambda: plots.as_figure(build()))
    html_time, html = best(lambda: plots.figure_to_html(spec, div_id="bench"))
    points = sum(len(t.get("x") or ()) for t in spec["data"])
    kinds = sorted({t["type"] for t in spec["data"]})
    print(f"{label:<22} spec {spec_time:6.3f} s   Figure {figure_time:6.3f} s   html {html_time:6.3f} s   "
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
    timed("egogram", lambda: plots.egogram_spec(ties), args.repeat)
    timed("egogram (all points)", lambda: plots.egogram_spec(ties, max_points=10 ** 9), args.repeat)
    timed("reciprocity", lambda: plots.reciprocity_spec(ties), args.repeat)
    timed("staleness", lambda: plots.staleness_spec(ties), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
