"""Benchmark the synthetic sample generator at LinkedIn's maximum scale.

Times ``netanalysis.sample.generate("matchmaker", connections=30000,
interactions=100000, messages=300000, seed=7)`` (the target is under 10 s on a
2-core machine) and, for comparison, the default persona, then prints the
seconds (best and median of ``--repeat`` runs) and the size of each file.

Run:  .venv/bin/python benchmarks/bench_sample.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from netanalysis.sample import generate  # noqa: E402

CASES = {
    "default (800/1200/600)": dict(),
    "max (30k/100k/300k)": dict(connections=30_000, interactions=100_000, messages=300_000),
}
LIMIT_SECONDS = 10.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (default 3)")
    args = parser.parse_args(argv)
    slow = False
    for label, counts in CASES.items():
        times, files = [], {}
        for _ in range(max(1, args.repeat)):
            start = time.perf_counter()
            files = generate("matchmaker", seed=7, **counts)
            times.append(time.perf_counter() - start)
        best, median = min(times), statistics.median(times)
        print(f"{label:24s} best {best:6.2f} s   median {median:6.2f} s")
        if counts:
            slow = slow or median > LIMIT_SECONDS
            for name, text in files.items():
                print(f"    {name:32s} {len(text.encode('utf-8')) / 1e6:8.2f} MB")
    if slow:
        print(f"SLOW: the maximum case took more than {LIMIT_SECONDS:.0f} s")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
