"""Command line: parse options, call one library function, map errors to exit codes.

No analysis happens here.  This is the only module that reads the clock
(the default ``--as-of`` is today).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

__all__ = ["main", "build_parser"]

EXIT_INPUT = 1


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not an ISO date like 2026-03-14") from None


def _add_inputs(parser: argparse.ArgumentParser, *, folder_optional: bool = True, as_of: bool = True) -> None:
    group = parser.add_argument_group("inputs (a folder, or files one by one)")
    group.add_argument("folder", nargs="?" if folder_optional else None, type=Path,
                       help="folder holding Connections.csv, interactions.csv, contacts.csv, goals.toml "
                            "and LinkedIn archive files by their usual names (or the archive .zip)")
    group.add_argument("--connections", type=Path, metavar="FILE", help="LinkedIn Connections.csv")
    group.add_argument("--interactions", type=Path, metavar="FILE", help="your interaction log")
    group.add_argument("--contacts", type=Path, metavar="FILE", help="your contact annotations")
    group.add_argument("--goals", type=Path, metavar="FILE", help="goals.toml")
    group.add_argument("--archive", type=Path, metavar="DIR|ZIP", help="LinkedIn data archive, folder or zip")
    if as_of:
        parser.add_argument("--as-of", type=_date, metavar="DATE",
                            help="review date, ISO (default: today); pins every output")


def _inputs(args) -> dict:
    return {"connections": args.connections, "interactions": args.interactions, "contacts": args.contacts,
            "goals": args.goals, "archive": args.archive}


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

    p = sub.add_parser("anonymize", help="pseudonymised copies of every input, for hand-in",
                       description="Write pseudonymised copies of every input, in the same formats, to a new "
                                   "folder: names become stable pseudonyms; e-mails and free text are dropped.")
    _add_inputs(p, as_of=False)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                   help="folder to write (not inside an input's folder)")
    p.add_argument("--salt", help="secret the pseudonyms are made from (default: random, so hand-ins cannot be joined)")
    p.add_argument("--keep-notes", action="store_true",
                   help="keep free text (notes, messages, recommendations) with known names replaced")
    p.add_argument("--coarsen", action="store_true",
                   help="also pseudonymise companies and reduce positions to a coarse level")
    p.add_argument("--force", action="store_true", help="write into a non-empty folder, replacing its input files")

    p = sub.add_parser("class", help="one page comparing a class's hand-ins",
                       description="Compare the hand-ins in a folder (anonymised input folders, zips, or "
                                   "report --json files) on one self-contained HTML page.")
    p.add_argument("folder", type=Path, help="folder with one sub-folder, .zip or .json file per student")
    p.add_argument("-o", "--output", type=Path, default=Path("class.html"), help="HTML file (default class.html)")
    p.add_argument("--as-of", type=_date, metavar="DATE",
                   help="review date for the input folders, ISO (default: today)")

    p = sub.add_parser("figures", help="the egogram and the charts as static images (matplotlib)",
                       description="Write the egogram and each chart of the review as PNG or SVG files, for "
                                   "slides, print and hand-ins (with no inputs: the bundled sample).")
    _add_inputs(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder to write the images to")
    p.add_argument("--format", choices=("png", "svg"), default="png", help="image format (default png)")
    p.add_argument("--anonymize", action="store_true", help="draw the review with pseudonyms")

    p = sub.add_parser("notebook", help="the walkthrough notebook, pointed at your inputs",
                       description="Write a copy of the walkthrough notebook whose parameters cell holds your "
                                   "inputs and review date (with no inputs: the bundled sample); run it with "
                                   "--execute.")
    _add_inputs(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="notebook to write (.ipynb)")
    p.add_argument("--execute", action="store_true", help="run every cell and store the outputs (needs nbclient)")
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
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
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
    if args.command == "anonymize":
        written = commands.anonymize(args.folder, **_inputs(args), output=args.output, salt=args.salt,
                                     keep_notes=args.keep_notes, coarsen=args.coarsen, force=args.force)
        print(f"wrote {len(written)} files to {args.output}")
        return 0
    if args.command == "figures":
        written = commands.figures(args.folder, **_inputs(args), as_of=args.as_of, today=today, output=args.output,
                                   fmt=args.format, anonymize=args.anonymize)
        print(f"wrote {len(written)} files to {args.output}")
        return 0
    if args.command == "notebook":
        where = commands.notebook(args.folder, **_inputs(args), as_of=args.as_of, today=today, output=args.output,
                                  execute=args.execute)
        print(f"wrote {where}")
        return 0
    if args.command == "class":
        where = commands.class_view(args.folder, as_of=as_of, output=args.output)
        print(f"wrote {where}")
        return 0
    raise AssertionError(args.command)  # pragma: no cover
