"""Benchmark at LinkedIn's maximum scale: load, review, report vs a bare pandas read.

Generates (once, cached in benchmarks/_data/) the sample persona at
30,000 connections, 100,000 log rows and 300,000 messages, and the same at
half size for the doubling check, then times each stage in a fresh process
(median of --repeat runs, the stages taking turns; imports excluded; peak RSS per process):

* bare:   ``pandas.read_csv`` of every input CSV, nothing else
* load:   ``netanalysis.load`` (read, validate, match)
* review: load + ``netanalysis.review``
* report: load + review + the HTML report written to disk

Run:  .venv/bin/python benchmarks/bench_scale.py [--repeat 3] [--no-archive]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
AS_OF = "2026-11-01"

STAGE = r'''
import json, resource, sys, time, glob
from pathlib import Path
stage, folder, archive = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "1"
import pandas as pd
import netanalysis
# Import cost outside the timing, including the modules the run would import
# lazily (readers, figures, templates; scipy.sparse, which networkx imports
# inside nx.constraint).  Cold start is measured separately (cli_time).
import netanalysis.model, netanalysis.io.linkedin.archive, netanalysis.analysis.evidence, netanalysis.plots
import netanalysis.report.context, scipy.sparse
from netanalysis import analysis as _r
from netanalysis.report import write_report
t0 = time.perf_counter()
if stage == "bare":
    for path in sorted(folder.glob("*.csv")):
        if not archive and path.name not in ("Connections.csv", "interactions.csv", "contacts.csv"):
            continue
        pd.read_csv(path, skiprows=3 if path.name == "Connections.csv" else 0, dtype=str)
else:
    kwargs = {} if archive else {"archive": None}
    if archive:
        net = netanalysis.load(folder)
    else:
        net = netanalysis.load(connections=folder / "Connections.csv", interactions=folder / "interactions.csv",
                               contacts=folder / "contacts.csv", goals=folder / "goals.toml")
    if stage in ("review", "report"):
        rev = netanalysis.review(net, as_of="%s")
    if stage == "report":
        write_report(rev, net, folder.parent / (folder.name + "-report.html"))
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mib": peak}))
''' % AS_OF


def ensure(name: str, connections: int, interactions: int, messages: int) -> Path:
    folder = DATA / name
    if not (folder / "Connections.csv").exists():
        subprocess.run([sys.executable, "-m", "netanalysis", "sample", "--connections", str(connections),
                        "--interactions", str(interactions), "--messages", str(messages), "--seed", "7",
                        "-o", str(folder), "--force"], check=True)
    return folder


def run_once(stage: str, folder: Path, archive: bool) -> dict:
    out = subprocess.run([sys.executable, "-c", STAGE, stage, str(folder), "1" if archive else "0"],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(jobs: dict[str, tuple[str, Path]], archive: bool, repeat: int) -> dict[str, dict]:
    """Times and peak memory of each job (name -> (stage, folder)), with their medians.

    The jobs take turns (bare, load, ..., bare, load, ...) so that a change
    in the machine's speed during the run hits every job alike.
    """
    runs: dict[str, list[dict]] = {name: [] for name in jobs}
    for _ in range(repeat):
        for name, (stage, folder) in jobs.items():
            runs[name].append(run_once(stage, folder, archive))
    return {name: {"times": [r["seconds"] for r in results],
                   "median_s": statistics.median(r["seconds"] for r in results),
                   "peak_mib": max(r["peak_mib"] for r in results)} for name, results in runs.items()}


def ratio(results: dict, top: str, bottom: str) -> str:
    """``top / bottom`` as the ratio of the medians, and the median of the per-round ratios."""
    of_medians = results[top]["median_s"] / results[bottom]["median_s"]
    per_round = statistics.median(a / b for a, b in zip(results[top]["times"], results[bottom]["times"]))
    return f"{of_medians:.2f}x (median of the rounds' ratios {per_round:.2f}x)"


def help_time(repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "netanalysis", "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli_time(folder: Path, archive: bool, repeat: int) -> float:
    """Wall time of the whole ``python -m netanalysis report`` command, imports included."""
    inputs = [str(folder)] if archive else [f"--{n.split('.')[0].lower()}={folder / n}" for n in (
        "Connections.csv", "interactions.csv", "contacts.csv", "goals.toml")]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "netanalysis", "report", *inputs, "--as-of", AS_OF,
                        "-o", str(folder.parent / (folder.name + "-cli.html"))], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-archive", action="store_true", help="connections + log + contacts only")
    parser.add_argument("--stages", default="bare,load,review,report")
    args = parser.parse_args()
    archive = not args.no_archive
    full = ensure("max", 30_000, 100_000, 300_000)
    half = ensure("half", 15_000, 50_000, 150_000)
    stages = args.stages.split(",")
    print(f"inputs: 30,000 connections, 100,000 log rows{', 300,000 messages' if archive else ''}; "
          f"median of {args.repeat}, imports excluded")
    last = stages[-1]
    results = run({**{stage: (stage, full) for stage in stages}, "half": (last, half)}, archive, args.repeat)
    for stage in stages:
        print(f"  {stage:<7} {results[stage]['median_s']:7.3f} s   peak {results[stage]['peak_mib']:6.0f} MiB")
    if "bare" in results:
        for stage in stages:
            if stage != "bare":
                print(f"  {stage} / bare read = {ratio(results, stage, 'bare')}")
    if "load" in results and "review" in results:
        print(f"  review beyond loading = {results['review']['median_s'] - results['load']['median_s']:.3f} s")
    report_file = full.parent / (full.name + "-report.html")
    if "report" in results and report_file.exists():
        print(f"  report file: {report_file.stat().st_size / 1e6:.2f} MB")
    print(f"  doubling the input: {last} {results['half']['median_s']:.3f} s -> {results[last]['median_s']:.3f} s "
          f"= {ratio(results, last, 'half')}")
    print(f"  python -m netanalysis report (whole command, imports included): "
          f"{cli_time(full, archive, args.repeat):.3f} s")
    print(f"  python -m netanalysis --help: {help_time(args.repeat):.3f} s")


if __name__ == "__main__":
    main()
