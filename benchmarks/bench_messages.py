"""Time :func:`netanalysis.io.linkedin.messages.read_messages` on a 300,000-row messages.csv.

Generates a 2024-layout ``messages.csv`` (8% group chats, 1% drafts, 1%
sponsored messages, multi-line and HTML content, names with commas, non-ASCII
names) into a temporary folder with its own quick generator, then prints the time to
load it with :func:`read_messages` and the time of a bare ``pandas.read_csv`` of
the same file, for comparison.

Run::

    python benchmarks/bench_messages.py [--rows 300000] [--repeat 3]

The target (issue 6) is <= 3 s for 300,000 rows on a 2-core machine.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from netanalysis.errors import Problems  # noqa: E402
from netanalysis.io.linkedin.messages import read_messages  # noqa: E402

HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
          "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
          "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]
FIRST = ["Anna", "Søren", "Mette", "Lars", "Jane", "John", "Ahmed", "Li", "Maria", "Jens", "Ole", "Ida"]
LAST = ["Hansen", "Jensen", "Nielsen", "Doe", "Smith", "Khan", "Wang", "García", "Møller", "Berg"]
OWNER = ("Kim Owner", "https://www.linkedin.com/in/kim-owner-1a2b3c")


def generate(path: Path, rows: int, seed: int = 1) -> None:
    """Write a ``rows``-row messages.csv in the 2024 layout to ``path``."""
    rng = random.Random(seed)
    people = []
    for i in range(4000):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if i % 50 == 0:
            name += ", PhD"
        slug = name.lower().replace(" ", "-").replace(",", "")
        slug = slug.encode().decode("ascii", "ignore") or "x"
        people.append((name, f"https://www.linkedin.com/in/{slug}-{i:x}"))
    start = datetime(2019, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        written = 0
        conversation = 0
        while written < rows:
            conversation += 1
            group = rng.random() < 0.08
            others = rng.sample(people, rng.randint(2, 4) if group else 1)
            conv_id = f"2-{conversation:012x}=="
            when = start + timedelta(seconds=rng.randint(0, 5 * 365 * 86400))
            for _ in range(min(rng.randint(1, 12), rows - written)):
                when += timedelta(minutes=rng.randint(1, 3000))
                mine = rng.random() < 0.5
                if mine:
                    sender = OWNER
                    recipients = others
                else:
                    sender = rng.choice(others)
                    recipients = [OWNER] + [o for o in others if o is not sender]
                folder = "INBOX"
                draft = "No"
                r = rng.random()
                if r < 0.01:
                    sender, folder = ("LinkedIn Member", ""), "SPONSORED"
                elif r < 0.02 and mine:
                    draft = "Yes"
                content = rng.choice([
                    "Hi, thanks for connecting!",
                    "Hello,\nit was good to meet you.\n\nBest regards",
                    "<p>See <a href=\"https://example.com\">this</a>, ok?</p>",
                    "Tak for sidst 🙂",
                ])
                writer.writerow([
                    conv_id, "", sender[0], sender[1],
                    ",".join(p[0] for p in recipients), ",".join(p[1] for p in recipients),
                    when.strftime("%Y-%m-%d %H:%M:%S UTC"), "", content, folder, "", draft, "No",
                ])
                written += 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "messages.csv"
        t0 = time.perf_counter()
        generate(path, args.rows)
        print(f"generated {args.rows:,} rows ({path.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - t0:.1f} s")
        bare, ours = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            pd.read_csv(path, dtype=str, keep_default_na=False)
            bare.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            problems = Problems()
            dropped: dict[str, int] = {}
            frame = read_messages(path, problems=problems, dropped=dropped)
            ours.append(time.perf_counter() - t0)
        print(f"bare pandas.read_csv: best {min(bare):.2f} s")
        print(f"read_messages:        best {min(ours):.2f} s -> {len(frame):,} rows, "
              f"dropped {dropped}, {len(problems)} problem(s), owner {frame.attrs.get('owner')!r}")


if __name__ == "__main__":
    main()
