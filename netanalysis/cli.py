"""Command line: parse options, call one library function, map errors to exit codes.

No analysis happens here.  This is the only module that reads the clock
(the default ``--as-of`` is today).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import sys
from pathlib import Path

__all__ = ["main", "build_parser", "EXIT_INPUT", "EXIT_USAGE", "EXIT_BUG", "DEBUG_VARIABLE"]

EXIT_INPUT = 1
EXIT_USAGE = 2
#: Exit code of an unexpected error: a bug in netanalysis, never the user's input.
EXIT_BUG = 3
#: Set to 1 to see the traceback of an unexpected error.
DEBUG_VARIABLE = "NETANALYSIS_DEBUG"
REPORT_TO = "the netanalysis maintainers (the project's issue tracker)"
_FIRST_YEAR, _LAST_YEAR = 1900, 2100  # as netanalysis.io.dates (not imported: --help stays light)


def _date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not an ISO date like 2026-03-14") from None
    if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        raise argparse.ArgumentTypeError(f"'{text}' is not a review date: give a day from {_FIRST_YEAR} "
                                         f"to {_LAST_YEAR}, like 2026-03-14")
    return day


def _add_inputs(parser: argparse.ArgumentParser, *, folder_optional: bool = True, as_of: bool = True,
                evidence: bool = True) -> None:
    group = parser.add_argument_group("inputs (a folder, or files one by one)")
    group.add_argument("folder", nargs="?" if folder_optional else None, type=Path,
                       help="folder holding Connections.csv, interactions.csv, contacts.csv, goals.toml, "
                            "LinkedIn archive files, *.ics calendars and *.mbox mailboxes (or the archive .zip)")
    group.add_argument("--connections", type=Path, metavar="FILE", help="LinkedIn Connections.csv")
    group.add_argument("--interactions", type=Path, metavar="FILE", help="your interaction log")
    group.add_argument("--contacts", type=Path, metavar="FILE", help="your contact annotations")
    group.add_argument("--goals", type=Path, metavar="FILE", help="goals.toml")
    group.add_argument("--archive", type=Path, metavar="DIR|ZIP", help="LinkedIn data archive, folder or zip")
    if evidence:
        group.add_argument("--calendar", type=Path, metavar="FILE|DIR|ZIP", action="append",
                           help="calendar export (.ics, a folder or zip of them; Google, Outlook, Apple); repeatable")
        group.add_argument("--mail", type=Path, metavar="FILE|DIR", action="append",
                           help="mailbox export (mbox, or a folder of them; Google Takeout, Thunderbird, "
                                "Apple Mail); repeatable")
    if as_of:
        parser.add_argument("--as-of", type=_date, metavar="DATE",
                            help="review date, ISO (default: today); pins every output")


def _inputs(args) -> dict:
    return {"connections": args.connections, "interactions": args.interactions, "contacts": args.contacts,
            "goals": args.goals, "archive": args.archive, "calendar": args.calendar, "mail": args.mail}


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
    p.add_argument("--since", type=Path, metavar="PREVIOUS.json",
                   help="an earlier review's --json summary: add what changed since then")

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
    p.add_argument("--connections", type=int, metavar="N",
                   help="number of connections, at most 30000 (LinkedIn's limit; default: the persona's)")
    p.add_argument("--interactions", type=int, metavar="M",
                   help="number of log rows, at most 100000 (default: the persona's)")
    p.add_argument("--messages", type=int, metavar="K",
                   help="number of archive messages, at most 300000 (default: the persona's)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder to write")
    p.add_argument("--force", action="store_true", help="overwrite existing files")

    p = sub.add_parser("anonymize", help="pseudonymised copies of every input, for hand-in",
                       description="Write pseudonymised copies of every input, in the same formats, to a new "
                                   "folder: names become stable pseudonyms; e-mails and free text are dropped; "
                                   "calendars and mail are written again from the meetings and mails that count.")
    _add_inputs(p, as_of=False)
    p.add_argument("--as-of", type=_date, metavar="DATE",
                   help="the day calendars are read up to, their repetitions written out, ISO (default: today)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                   help="folder to write (not inside an input's folder)")
    p.add_argument("--salt", help="secret the pseudonyms are made from (default: random, so hand-ins cannot be joined)")
    p.add_argument("--keep-notes", action="store_true",
                   help="keep free text (notes, messages, recommendations) with known names replaced")
    p.add_argument("--keep-companies", action="store_true",
                   help="keep companies and positions (scrubbed of names, addresses and numbers); by default "
                        "companies become pseudonyms and positions a coarse level")
    p.add_argument("--coarsen", action="store_true",
                   help="the default now (companies pseudonymised, positions coarse); kept for old scripts")
    p.add_argument("--force", action="store_true", help="write into a non-empty folder, replacing its input files")

    p = sub.add_parser("class", help="one page comparing a class's hand-ins",
                       description="Compare the hand-ins in a folder (anonymised input folders, zips, or "
                                   "report --json files) on one self-contained HTML page.")
    p.add_argument("folder", type=Path, help="folder with one sub-folder, .zip or .json file per student")
    p.add_argument("-o", "--output", type=Path, default=Path("class.html"), help="HTML file (default class.html)")
    p.add_argument("--as-of", type=_date, metavar="DATE",
                   help="review date for the input folders, ISO (default: today)")

    p = sub.add_parser("log", help="add to your interaction log, or draft rows from calendar and mail",
                       description="Your interaction log: add one row (the only command that writes one of your "
                                   "files, and only by appending), or draft rows from calendar and mail.")
    log = p.add_subparsers(dest="log_command", metavar="ACTION", required=True)
    q = log.add_parser("add", help="check one interaction and append it to interactions.csv",
                       description="Check one interaction as the log's reader does (dates, kinds, directions, "
                                   "values, names against your connections) and append it to interactions.csv, "
                                   "keeping the file's delimiter, encoding, line endings and columns. Nothing "
                                   "is written when the row has an error.")
    q.add_argument("contact", metavar="CONTACT", help="the person: a name as on LinkedIn, or a profile URL")
    q.add_argument("kind", metavar="KIND", help="coffee, meeting, call, message, email, meal, event, intro, ...")
    q.add_argument("direction", metavar="DIRECTION", help="gave, received or mutual")
    q.add_argument("--date", metavar="DATE", help="the day, ISO 2026-03-14 or day-first 14-03-2026 (default: today)")
    q.add_argument("--value", default="", metavar="N", help="1-5, what it was worth to the receiver (default: by kind)")
    q.add_argument("--purpose", default="", metavar="P", help="';'-separated: sales, job, learning, lobbying, ...")
    q.add_argument("--channel", default="", metavar="C", help="online or offline (default: by kind)")
    q.add_argument("--with", dest="with_", default="", metavar="A;B", help="';'-separated others present")
    q.add_argument("--notes", default="", metavar="T", help="free text")
    _add_inputs(q, as_of=False, evidence=False)
    q = log.add_parser("draft", help="calendar and mail evidence not yet in the log, as rows to annotate",
                       description="Write the meetings and mail of your calendar and mailbox that are not yet in "
                                   "interactions.csv as rows of it, direction and value left for you to fill in. "
                                   "The draft holds subjects and addresses: it is your own file.")
    _add_inputs(q)
    q.add_argument("--since", type=_date, metavar="DATE", help="only evidence from this day on, ISO")
    q.add_argument("-o", "--output", type=Path, help="CSV file (default: standard output)")

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
    """Run one command; return its exit code.

    0 done; 1 bad input or an output that cannot be written (one clear
    message each: file, line, column, value, fix; nothing written); 2 bad
    options; 3 an unexpected error, which is a bug: one line saying so and
    how to report it (``NETANALYSIS_DEBUG=1`` shows the traceback).
    """
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and getattr(args, "log_command", None) == "add" and args.folder is None and len(extra) == 1 \
            and not extra[0].startswith("-"):
        args.folder = Path(extra[0])  # `log add A coffee gave --date D FOLDER`: the folder after the options
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    from .errors import NetanalysisError

    try:
        return _run(args)
    except NetanalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # the readers and writers name their files; this is the last net for the rest
        name = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {name}{exc.strerror or exc}. Fix: check the path and its permissions", file=sys.stderr)
        return EXIT_INPUT
    except MemoryError:
        print("error: out of memory. Fix: close other programs, or check that the inputs are the right files; "
              "if they are, this is a bug: " + _how_to_report(argv), file=sys.stderr)
        return EXIT_BUG
    except Exception as exc:  # noqa: BLE001 - the last resort: a bug, said in one line
        if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
            raise
        what = " ".join(str(exc).split())[:200]
        print(f"error: internal error, a bug in netanalysis ({type(exc).__name__}: {what}). "
              + _how_to_report(argv), file=sys.stderr)
        return EXIT_BUG


def _how_to_report(argv: list[str] | None) -> str:
    command = shlex.join(["python", "-m", "netanalysis", *(sys.argv[1:] if argv is None else argv)])
    return (f"Please report it to {REPORT_TO} with this line and the command you ran: {command} "
            f"(run it again with {DEBUG_VARIABLE}=1 to see the traceback)")


def _run(args) -> int:
    today = dt.date.today()  # the one clock read; everything below takes a date
    as_of = getattr(args, "as_of", None) or today
    from . import commands

    if args.command == "check":
        ok = commands.check(args.folder, **_inputs(args), as_of=as_of, out=sys.stdout, today=today)
        return 0 if ok else EXIT_INPUT
    if args.command == "log":
        return _log(args, today, as_of)
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
                                anonymize=args.anonymize, since=args.since)
        print(f"wrote {where}")
        return 0
    if args.command == "anonymize":
        written = commands.anonymize(args.folder, **_inputs(args), as_of=as_of, output=args.output,
                                     salt=args.salt, keep_notes=args.keep_notes, keep_companies=args.keep_companies,
                                     force=args.force, err=sys.stderr)
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


def _log(args, today: dt.date, as_of: dt.date) -> int:
    from . import commands

    if args.log_command == "add":
        from .errors import InputError

        inputs = {key: getattr(args, key) for key in ("connections", "interactions", "contacts", "goals", "archive")}
        try:
            row = commands.log_add(args.contact, args.kind, args.direction, date=args.date or today.isoformat(),
                                   value=args.value, purpose=args.purpose, channel=args.channel, with_=args.with_,
                                   notes=args.notes, folder=args.folder, **inputs)
        except InputError as exc:  # every error of the row, one per line; nothing was written
            for problem in exc.problems:
                print(f"{problem.severity}: {problem}", file=sys.stderr)
            return EXIT_INPUT
        for warning in row.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(f"added line {row.line} to {row.path}")
        return 0
    commands.log_draft(args.folder, **_inputs(args), as_of=as_of, since=args.since, output=args.output,
                       out=sys.stdout)
    if args.output is not None:
        print(f"wrote {args.output}")
    return 0
