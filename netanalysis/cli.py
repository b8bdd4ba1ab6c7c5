"""Command line: parse options, call one library function, map errors to exit codes.

No analysis happens here.  This is the only module that reads the clock
(the default ``--as-of`` is today).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

__all__ = ["main", "build_parser", "COMMANDS"]

COMMANDS = ("report", "contacts", "check", "sample", "anonymize", "class")
EXIT_INPUT = 1


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not an ISO date like 2026-03-14") from None


def _add_inputs(parser: argparse.ArgumentParser, *, folder_optional: bool = True) -> None:
    group = parser.add_argument_group("inputs (a folder, or files one by one)")
    group.add_argument("folder", nargs="?" if folder_optional else None, type=Path,
                       help="folder holding Connections.csv, interactions.csv, contacts.csv, goals.toml "
                            "and LinkedIn archive files by their usual names (or the archive .zip)")
    group.add_argument("--connections", type=Path, metavar="FILE", help="LinkedIn Connections.csv")
    group.add_argument("--interactions", type=Path, metavar="FILE", help="your interaction log")
    group.add_argument("--contacts", type=Path, metavar="FILE", help="your contact annotations")
    group.add_argument("--goals", type=Path, metavar="FILE", help="goals.toml")
    group.add_argument("--archive", type=Path, metavar="DIR|ZIP", help="LinkedIn data archive, folder or zip")
    parser.add_argument("--as-of", type=_date, metavar="DATE",
                        help="review date, ISO (default: today); pins every output")


def _inputs(args) -> dict:
    return {"connections": args.connections, "interactions": args.interactions, "contacts": args.contacts,
            "goals": args.goals, "archive": args.archive}


def _has_inputs(args) -> bool:
    return args.folder is not None or any(v is not None for v in _inputs(args).values())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m netanalysis",
        description="A strategic review of your professional network from your LinkedIn export "
                    "and your own interaction log.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("report", help="the HTML review (with no inputs: the bundled sample)",
                       description="Write the strategic review as one self-contained HTML file.")
    _add_inputs(p)
    p.add_argument("-o", "--output", type=Path, default=Path("report.html"), help="HTML file (default report.html)")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the review summary as JSON")
    p.add_argument("--show-emails", action="store_true", help="show e-mail addresses (hidden by default)")
    p.add_argument("--anonymize", action="store_true", help="render the review with pseudonyms")

    p = sub.add_parser("contacts", help="the per-contact table as CSV",
                       description="Write the per-contact table as CSV (stdout by default).")
    _add_inputs(p)
    p.add_argument("-o", "--output", type=Path, help="CSV file (default: standard output)")

    p = sub.add_parser("check", help="every problem in the inputs, with file:line",
                       description="List every problem in the inputs and a summary; exit 1 on any error.")
    _add_inputs(p)

    p = sub.add_parser("sample", help="seeded synthetic data in the real formats",
                       description="Write a synthetic persona's files in LinkedIn's and netanalysis' formats.")
    p.add_argument("--persona", default=None, help="collector, taker, loyalist, drifter, matchmaker (default), student")
    p.add_argument("--connections", type=int, metavar="N", help="number of connections (default: the persona's)")
    p.add_argument("--interactions", type=int, metavar="M", help="number of log rows (default: the persona's)")
    p.add_argument("--messages", type=int, metavar="K", help="number of archive messages (default: the persona's)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder to write")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .errors import NetanalysisError

    try:
        return _run(args)
    except NetanalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


def _run(args) -> int:
    today = dt.date.today()  # the one clock read; everything below takes a date
    as_of = getattr(args, "as_of", None) or today
    from . import commands

    if args.command == "check":
        ok = commands.check(args.folder, **_inputs(args), out=sys.stdout)
        return 0 if ok else EXIT_INPUT
    if args.command == "contacts":
        commands.contacts(args.folder, **_inputs(args), as_of=as_of, output=args.output, out=sys.stdout)
        return 0
    if args.command == "sample":
        written = commands.sample(args.output, persona=args.persona, connections=args.connections,
                                  interactions=args.interactions, messages=args.messages, seed=args.seed,
                                  force=args.force)
        print(f"wrote {len(written)} files to {args.output}")
        return 0
    if args.command == "report":
        where = commands.report(args.folder, **_inputs(args), as_of=args.as_of, today=today,
                                output=args.output, json_path=args.json, show_emails=args.show_emails,
                                anonymize=args.anonymize)
        print(f"wrote {where}")
        return 0
    raise AssertionError(args.command)  # pragma: no cover
