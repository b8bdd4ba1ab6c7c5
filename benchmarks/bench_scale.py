"""The whole ``report`` command against the floor of a bare pandas read, as a user meets them.

For each input, every round runs two fresh processes, in turns (the order
alternates round by round, so a change in the machine's speed hits both
alike), and times each from start to exit, imports included:

* floor:  ``python -c "import pandas; pandas.read_csv(...)"`` of every CSV file
  the report reads (``dtype=str``, LinkedIn's 3-line preamble skipped);
* report: ``python -m netanalysis report INPUT --as-of 2026-11-01 -o FILE``.

It prints the median of each, the ratio of the medians and the median of
each round's own ratio (which moves less when the machine's speed drifts),
the report's peak memory (the largest resident set of its processes summed:
a large archive is read in a second process) and size, and
the median time of ``python -m netanalysis --help``.

Python's bytecode is kept (``PYTHONDONTWRITEBYTECODE`` is dropped), as in an
installed package; the first, untimed, round writes it.

Inputs: the bundled sample (800 connections), and the sample generator's
LinkedIn maximum, made once in benchmarks/_data/ (30,000 connections, 100,000
log rows, 300,000 messages, seed 7; ``--no-archive`` reads only
Connections.csv, interactions.csv, contacts.csv and goals.toml of it).

Goals (issue 16): report <= 2.5x the floor on the bundled sample and <= 3x at
the maximum with the archive; report <= 1.5 MB; peak memory <= 600 MiB;
``--help`` <= 0.1 s.

Run:  .venv/bin/python benchmarks/bench_scale.py [--repeat 7] [--only bundled|max] [--no-archive] [--breakdown]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "_data"
AS_OF = "2026-11-01"
OWN_FILES = ("Connections.csv", "interactions.csv", "contacts.csv", "goals.toml")

FLOOR = r'''
import sys
import pandas as pd
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as handle:
        preamble = handle.readline().startswith("Notes:")
    pd.read_csv(name, skiprows=3 if preamble else 0, dtype=str)
'''

#: In one process: how long each stage takes (``--breakdown``), imports first.
BREAKDOWN = r'''
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
import netanalysis.commands
from netanalysis.analysis import review
from netanalysis.analysis.summary import summarize
from netanalysis.io.inputs import resolve_inputs
from netanalysis.model import load_inputs
from netanalysis.report.context import build_context
from netanalysis.report.render import render_html
t1 = time.perf_counter()
net = load_inputs(resolve_inputs(**json.loads(sys.argv[1])))
t2 = time.perf_counter()
rev = review(net, as_of=sys.argv[2])
t3 = time.perf_counter()
summary = summarize(rev)
t4 = time.perf_counter()
html = render_html(build_context(summary))
t5 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "review": t3 - t2, "summary": t4 - t3,
                  "context + HTML": t5 - t4}))
'''


def ensure(name: str, connections: int, interactions: int, messages: int) -> Path:
    """The sample persona at this size in ``benchmarks/_data/<name>`` (made once)."""
    folder = DATA / name
    if not (folder / "Connections.csv").exists():
        subprocess.run([sys.executable, "-m", "netanalysis", "sample", "--connections", str(connections),
                        "--interactions", str(interactions), "--messages", str(messages), "--seed", "7",
                        "-o", str(folder), "--force"], check=True, cwd=ROOT)
    return folder


def bundled() -> Path:
    return ROOT / "data" / "sample"


def _env() -> dict:
    """The processes' environment: this checkout first on the path, and bytecode kept (``__pycache__``),
    as an installed package has it: without it every run compiles netanalysis' modules (about 0.1 s)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=_env())
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{error}")
    return elapsed, usage.ru_maxrss / 1024


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def tree_peak(argv: list[str]) -> float:
    """Peak MiB of the process and its children summed (one untimed run, sampled every 10 ms).

    ``report`` reads a large archive in a second process (netanalysis/model/apart.py); the
    pages the two share after the fork are counted twice, so this is an upper bound.
    """
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=_env())
    peak = 0
    while process.poll() is None:
        pids = [process.pid] + _children(process.pid)
        peak = max(peak, sum(_rss_kib(pid) for pid in pids))
        time.sleep(0.01)
    return peak / 1024


def inputs_of(folder: Path, archive: bool) -> tuple[list[str], list[Path]]:
    """The report's input arguments and the CSV files it reads."""
    if archive:
        return [str(folder)], sorted(folder.glob("*.csv"))
    return ([f"--{name.split('.')[0].lower()}={folder / name}" for name in OWN_FILES],
            [folder / name for name in OWN_FILES if name.endswith(".csv")])


def compare(label: str, folder: Path, archive: bool, repeat: int, output: Path) -> dict:
    """Alternating rounds of floor and report; prints and returns the medians and ratios."""
    arguments, csv_files = inputs_of(folder, archive)
    floor = [sys.executable, "-c", FLOOR, *map(str, csv_files)]
    report = [sys.executable, "-m", "netanalysis", "report", *arguments, "--as-of", AS_OF, "-o", str(output)]
    timed(floor), timed(report)                                          # warm the file cache, untimed
    times = {"floor": [], "report": []}
    peaks = []
    for round_number in range(repeat):
        for name in ("floor", "report") if round_number % 2 == 0 else ("report", "floor"):
            seconds, peak = timed(floor if name == "floor" else report)
            times[name].append(seconds)
            if name == "report":
                peaks.append(peak)
    tree = tree_peak(report) if sys.platform.startswith("linux") else max(peaks)
    medians = {name: statistics.median(values) for name, values in times.items()}
    rounds = statistics.median(r / f for r, f in zip(times["report"], times["floor"]))
    result = {"floor_s": medians["floor"], "report_s": medians["report"],
              "ratio_of_medians": medians["report"] / medians["floor"], "median_round_ratio": rounds,
              "peak_mib": max(max(peaks), tree), "report_mb": output.stat().st_size / 1e6}
    print(f"{label}: {len(csv_files)} CSV files, {sum(p.stat().st_size for p in csv_files) / 1e6:.1f} MB; "
          f"median of {repeat} alternating rounds")
    for name, values in times.items():
        print(f"  {name:<7} median {medians[name]:6.3f} s   runs {', '.join(f'{v:.2f}' for v in values)}")
    print(f"  report / floor: {result['ratio_of_medians']:.2f}x (ratio of the medians), "
          f"{rounds:.2f}x (median of the rounds' ratios)")
    print(f"  report peak memory {result['peak_mib']:.0f} MiB (its processes summed; the largest alone "
          f"{max(peaks):.0f} MiB), file {result['report_mb']:.2f} MB")
    return result


def breakdown(folder: Path, archive: bool, repeat: int) -> None:
    """Median seconds of each stage inside one report process."""
    given = {"folder": str(folder)} if archive else {n.split(".")[0].lower(): str(folder / n) for n in OWN_FILES}
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", BREAKDOWN, json.dumps(given), AS_OF], capture_output=True,
                             text=True, check=True, cwd=ROOT, env=_env())
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print("  in one process: " + ", ".join(f"{k} {statistics.median(r[k] for r in runs):.3f} s" for k in runs[0]))


def help_time(repeat: int) -> float:
    timed([sys.executable, "-m", "netanalysis", "--help"])               # bytecode written, untimed
    return statistics.median(timed([sys.executable, "-m", "netanalysis", "--help"])[0] for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=("bundled", "max"))
    parser.add_argument("--no-archive", action="store_true", help="at the maximum: connections + log + contacts")
    parser.add_argument("--breakdown", action="store_true", help="also time each stage inside one process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = []
        if args.only in (None, "bundled"):
            cases.append(("bundled sample (800 connections, with its archive)", bundled(), True, 2.5))
        if args.only in (None, "max"):
            folder = ensure("max", 30_000, 100_000, 300_000)
            cases.append(("LinkedIn's maximum (30,000 connections, 100,000 log rows"
                          + (")" if args.no_archive else ", 300,000 messages)"), folder, not args.no_archive,
                          3.0 if not args.no_archive else None))
        for label, folder, archive, goal in cases:
            result = compare(label, folder, archive, args.repeat, Path(tmp) / "report.html")
            if goal:
                print(f"  goal <= {goal}x: {'met' if result['median_round_ratio'] <= goal else 'NOT met'}; "
                      f"<= 1.5 MB: {'met' if result['report_mb'] <= 1.5 else 'NOT met'}; "
                      f"<= 600 MiB: {'met' if result['peak_mib'] <= 600 else 'NOT met'}")
            if args.breakdown:
                breakdown(folder, archive, args.repeat)
    print(f"python -m netanalysis --help: median {help_time(max(args.repeat, 5)):.3f} s (goal <= 0.1 s)")


if __name__ == "__main__":
    main()
