"""The time to build and embed all of the report's figures at LinkedIn's maximum: specs against plotly.py.

In fresh processes, taking turns (median of ``--repeat`` each), loads and
reviews the maximum sample (30,000 connections, 100,000 log rows, 300,000
messages, seed 7; made in benchmarks/_data/ as ``bench_scale.py`` does;
untimed), then times building and embedding the report's eight figures the
first time (what one ``report`` command pays, plotly.py's first use
included) and warm (median of 3):

* ``specs``: what the report does: every figure as a plain-dict spec
  (``netanalysis.plots.*_spec``) embedded with ``figure_to_html`` (``json.dumps``);
* ``plotly.py``: the same figures as validated ``plotly.graph_objects.Figure`` s
  (the public functions, what the notebooks get) serialised by ``plotly.io.to_html``,
  which is what the report did before.

Run:  .venv/bin/python benchmarks/bench_figures.py [--repeat 5] [--folder DIR]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from bench_scale import AS_OF, ensure  # noqa: E402


def report_figures(rev, net) -> list[tuple[str, str, tuple, dict]]:
    """(div id, figure name, args, options) of every figure, as netanalysis.report.context draws them."""
    from netanalysis.analysis.timeline import monthly_ledger

    contacts = rev.ties.reset_index()
    cadence = contacts.assign(cadence=contacts.get("cadence_used"))
    depth = rev.depth
    return [
        ("fig-egogram", "egogram", (rev.ties,), {}),
        ("fig-breadth-depth", "breadth_depth", ({"breadth": depth.breadth, "depth": depth.depth,
                                                 "quadrant": depth.quadrant, "label": net.owner or "you"},), {}),
        ("fig-layers", "layer_effort", (depth.layers,), {}),
        ("fig-reciprocity", "reciprocity", (rev.reciprocity.per_contact,), {}),
        ("fig-balance", "balance", (monthly_ledger(net.log, rev.as_of),), {}),
        ("fig-staleness", "staleness", (cadence[cadence["layer"].fillna(9) <= 3],), {}),
        ("fig-clusters", "clusters", (rev.diversity.clusters_table,), {}),
        ("fig-purpose", "purpose", (rev.purpose.purposes,), {}),
    ]


PUBLIC = {"egogram": "egogram", "breadth_depth": "breadth_depth_chart", "layer_effort": "layer_effort_chart",
          "reciprocity": "reciprocity_scatter", "balance": "balance_timeline", "staleness": "staleness_chart",
          "clusters": "clusters_chart", "purpose": "purpose_chart"}


def child(path: str, folder: Path, repeat: int) -> dict:
    """In a fresh process: load and review (untimed), then build and embed every figure by ``path``:
    the first time (what one report command pays, first use of plotly.py included) and warm."""
    import json

    import netanalysis
    from netanalysis import plots

    net = netanalysis.load(folder)
    rev = netanalysis.review(net, as_of=AS_OF)
    figures = report_figures(rev, net)

    def specs() -> int:
        return sum(len(plots.figure_to_html(getattr(plots, f"{name}_spec")(*a, **o), div_id=div))
                   for div, name, a, o in figures)

    def plotly_py() -> int:
        import plotly.io as pio

        return sum(len(pio.to_html(getattr(plots, PUBLIC[name])(*a, **o), include_plotlyjs=False, full_html=False,
                                   include_mathjax=False, div_id=div, validate=False))
                   for div, name, a, o in figures)

    job = specs if path == "specs" else plotly_py
    start = time.perf_counter()
    size = job()
    first = time.perf_counter() - start
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        warm.append(time.perf_counter() - start)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] == "plotly")
    print(json.dumps({"first": first, "warm": statistics.median(warm), "bytes": size, "ties": len(rev.ties),
                      "plotly_modules": len(loaded)}))


def main(argv=None) -> int:
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes per path (and warm rounds in each)")
    parser.add_argument("--folder", type=Path, help="the input folder (default: the maximum sample)")
    parser.add_argument("--child", choices=["specs", "plotly"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    folder = args.folder or ensure("max", 30000, 100000, 300000)
    if args.child:
        child(args.child, folder, args.repeat)
        return 0
    names = {"specs": "specs (the report)", "plotly": "plotly.py Figures"}
    results = {path: [] for path in names}
    for round_number in range(args.repeat):
        for path in (list(names) if round_number % 2 == 0 else list(names)[::-1]):
            out = subprocess.run([sys.executable, __file__, "--child", path, "--folder", str(folder),
                                  "--repeat", "3"], capture_output=True, text=True, check=True)
            results[path].append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"8 figures of {folder} ({results['specs'][0]['ties']:,} ties); medians of {args.repeat} fresh processes:")
    for path, runs in results.items():
        first = statistics.median(r["first"] for r in runs)
        warm = statistics.median(r["warm"] for r in runs)
        print(f"  {names[path]:<20} first {first:6.3f} s   warm {warm:6.3f} s   {runs[0]['bytes'] / 1e3:6.1f} kB   "
              f"plotly modules loaded: {runs[0]['plotly_modules']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
