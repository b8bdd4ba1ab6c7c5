"""What each CLI command does, as library functions (the CLI only parses options).

Each function takes the inputs like :func:`netanalysis.load` and plain
options, and returns a value the CLI prints; errors are
:class:`~netanalysis.errors.NetanalysisError` s.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TextIO

from .errors import InputError, Problems, format_problems
from .io.inputs import Inputs, outputs_for, resolve_inputs
from .io.write import Outputs

__all__ = ["check", "contacts", "sample", "report", "anonymize", "class_view", "log_add", "log_draft", "figures", "notebook",
           "outputs_for"]

def check(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
          calendar=None, mail=None, as_of: dt.date | None = None, out: TextIO, today: dt.date | None = None) -> bool:
    """Print every problem in the inputs and a summary; return True if there is no error.

    ``as_of``: the review date the calendar is expanded to (see :func:`netanalysis.load`).
    With ``today``, archive rows dated after it are warnings too.
    """
    from .model import load_inputs

    inputs = resolve_inputs(folder, connections=connections, interactions=interactions, contacts=contacts,
                            goals=goals, archive=archive, calendar=calendar, mail=mail)
    problems = Problems()
    net = load_inputs(inputs, problems=problems, as_of=as_of)
    if today is not None:
        problems.items.extend(net.dated_after(today))
    for line in format_problems(problems.items):
        print(line, file=out)
    people = net.people
    matched = net.log["person_id"].notna().sum() if len(net.log) else 0
    print("", file=out)
    print("summary:", file=out)
    for key, name in net.sources.items():
        print(f"  file ({key}): {name}", file=out)
    print(f"  connections: {int(people['on_linkedin'].sum())} (+ {net.hidden_members} hidden or deleted members)",
          file=out)
    print(f"  people off LinkedIn: {int((~people['on_linkedin']).sum())}", file=out)
    print(f"  interaction log: {len(net.log)} rows, {matched} matched to a person", file=out)
    if net.owner or net.archive is not None:
        source = getattr(net.archive, "owner_source", "")
        if net.owner:
            print(f"  me: {net.owner} (from {source})", file=out)
        else:
            print("  me: unknown (no Profile.csv, no outgoing invitations, no messages)", file=out)
    if net.evidence is not None:
        _print_evidence(net, out)
    for missing in net.missing():
        print(f"  not given: {missing}", file=out)
    print(f"  {len(problems.errors)} error(s), {len(problems.warnings)} warning(s)", file=out)
    return not problems.errors


def _print_evidence(net, out: TextIO) -> None:
    """The calendar's and mail's lines of ``check``'s summary."""
    from ._format import quantity as q

    found = net.evidence
    if "calendar" in net.sources:
        print(f"  calendar: {q(found.events, 'event occurrence')} read up to {found.until}, {found.meetings} "
              f"attended ({q(found.large_events, 'large event')}), {q(found.people_met, 'person', 'people')} "
              "matched", file=out)
    if "mail" in net.sources:
        print(f"  mail: {q(found.mails, 'mail')} read, {found.exchanges} exchanged with "
              f"{q(found.correspondents, 'correspondent')}, {q(found.people_written, 'person', 'people')} matched",
              file=out)
    print(f"  calendar and mail: {q(found.unmatched, 'address or name', 'addresses or names')} "
          "matching nobody", file=out)
    if found.owner_emails:
        print(f"  me (calendar and mail): {', '.join(found.owner_emails)} (from {found.owner_source})", file=out)
    else:
        print("  me (calendar and mail): no address of yours found (set [me] emails in goals.toml)", file=out)


def contacts(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
             calendar=None, mail=None, as_of: dt.date, output: Path | None = None,
             out: TextIO | None = None) -> str:
    """Write the per-contact table as CSV to ``output`` (or ``out``); return the CSV text.

    Text cells a spreadsheet would take for a formula get a leading ``'``
    (:mod:`netanalysis.io.spreadsheet`); numbers are written as numbers.
    """
    from .io.spreadsheet import spreadsheet_safe
    from .model import load_inputs

    inputs = resolve_inputs(folder, connections=connections, interactions=interactions, contacts=contacts,
                            goals=goals, archive=archive, calendar=calendar, mail=mail)

    def make() -> str:
        table = spreadsheet_safe(_review_table(load_inputs(inputs, as_of=as_of), as_of))
        buffer = io.StringIO()
        table.to_csv(buffer, index=False, lineterminator="\n")
        return buffer.getvalue()

    return _write_text(inputs, folder, output, out, make)


def _write_text(inputs: Inputs, folder, output: Path | None, out: TextIO | None, make) -> str:
    """``make()``'s text to ``output`` (checked before the work, as :func:`outputs_for` says) or to ``out``."""
    outputs = outputs_for(inputs, folder)
    if output is not None:
        outputs.add(output, option="-o")
        outputs.check()
    text = make()
    if output is not None:
        outputs.put(output, text)
        outputs.commit()
    elif out is not None:
        out.write(text)
    return text


def _review_table(net, as_of):
    from .analysis import review

    return review(net, as_of=as_of).contacts


def sample(output: Path, *, persona: str | None = None, connections: int | None = None,
           interactions: int | None = None, messages: int | None = None, seed: int = 7,
           force: bool = False) -> list[Path]:
    """Write a synthetic persona (see :mod:`netanalysis.sample`)."""
    from .sample import DEFAULT_PERSONA, write_sample

    for name, value in (("--connections", connections), ("--interactions", interactions),
                        ("--messages", messages)):
        if value is not None and value < 0:
            raise InputError.from_message(name, "must be 0 or more")
    return write_sample(output, persona or DEFAULT_PERSONA, connections=connections,
                        interactions=interactions, messages=messages, seed=seed, force=force)




def report(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
           calendar=None, mail=None, as_of: dt.date | None = None, today: dt.date | None = None,
           output: Path = Path("report.html"), json_path: Path | None = None, show_emails: bool = False,
           anonymize: bool = False, since: Path | None = None) -> Path:
    """Load, review and write the HTML report (and the JSON summary); return the report's path.

    The review is as of ``as_of``, else ``today``.  With no inputs the bundled
    sample is used, reviewed as of its export date unless ``as_of`` is given.
    ``since`` is an earlier review's ``--json`` summary: the report then says
    what changed since.
    """
    from .model import load_inputs

    given = {"connections": connections, "interactions": interactions, "contacts": contacts, "goals": goals,
             "archive": archive, "calendar": calendar, "mail": mail}
    folder, as_of, bundled = _inputs_or_sample(folder, as_of, today, given)
    inputs = resolve_inputs(folder, **given)
    outputs = outputs_for(inputs, folder)
    if since is not None:
        outputs.protect(since, "the earlier review's summary (--since)")
    if json_path is not None:
        outputs.add(json_path, option="--json")
    outputs.add(output, option="-o")
    outputs.check()  # before the work: a clash is an error at once, and nothing is written
    previous = None
    if since is not None:
        from .io.previous import read_previous

        previous = read_previous(since)
    net = load_inputs(inputs, as_of=as_of, meanwhile=_import_review)
    from .analysis import review
    from .report import render_report

    if today is not None and not bundled:  # the sample is dated as of its own day, not today
        net.problems.extend(net.dated_after(today))
    if anonymize:
        from .anonymize import pseudonymise_network

        net = pseudonymise_network(net)
    rev = review(net, as_of=as_of, previous=previous)
    if json_path is not None:
        outputs.put(json_path, rev.to_json())
    outputs.put(output, render_report(rev, net, show_emails=show_emails))
    outputs.commit()  # the JSON and the page, or neither
    return Path(output)


def _import_review() -> None:
    """Import the review's and the report's modules (about 0.1 s), called while a large archive
    is still being read in a second process."""
    from importlib import import_module

    for name in ("networkx", f"{__package__}.analysis", f"{__package__}.report"):
        import_module(name)


def anonymize(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
              calendar=None, mail=None, as_of: dt.date | None = None, output: Path, salt: str | None = None,
              keep_notes: bool = False, coarsen: bool = False, keep_companies: bool = False, force: bool = False,
              err: TextIO | None = None) -> list[Path]:
    """Write pseudonymised copies of the inputs to ``output`` (see :mod:`netanalysis.anonymize`).

    ``as_of`` is the day calendars are read up to (their occurrences up to it
    are written to the copy) and mail after which does not count; ``None``:
    the latest dated evidence of the inputs (the command line passes today).
    ``coarsen`` is accepted for old scripts: companies are pseudonymised and
    positions coarsened by default now, unless ``keep_companies``.  The
    anonymiser's warnings, if any, are printed to ``err``.
    """
    import warnings

    from .anonymize import anonymize_inputs

    inputs = resolve_inputs(folder, connections=connections, interactions=interactions, contacts=contacts,
                            goals=goals, archive=archive, calendar=calendar, mail=mail)
    options = dict(as_of=as_of, salt=salt, keep_notes=keep_notes, keep_companies=keep_companies, force=force)
    if err is None:
        return anonymize_inputs(inputs, output, **options)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        written = anonymize_inputs(inputs, output, **options)
    for warning in caught:
        if issubclass(warning.category, UserWarning):
            print(f"warning: {warning.message}", file=err)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return written


def log_add(contact: str, kind: str, direction: str, *, date: str, value: str = "", purpose: str = "",
            channel: str = "", with_: str = "", notes: str = "", folder=None, interactions=None, connections=None,
            contacts=None, goals=None, archive=None):
    """Check one interaction as the log's reader does and append it to the log; return the
    :class:`~netanalysis.model.quicklog.LogRow` appended (with its warnings).

    The log is ``interactions`` if given, else ``interactions.csv`` in ``folder``
    (created with its header when missing).  Names are matched against the
    folder's people (or those of ``connections``, ``contacts`` and ``archive``).
    """
    from .io.inputs import USUAL_NAMES
    from .io.logfile import append_atomic
    from .io.write import refuse_inputs
    from .model.quicklog import prepare_log_row

    if interactions is not None:
        target = Path(interactions)
        if target.is_dir():
            raise InputError.from_message(str(target), "is a folder, not a file",
                                          fix="give the log file to --interactions, or the folder as FOLDER")
    elif folder is not None and Path(folder).is_dir():
        base = Path(folder)
        name = USUAL_NAMES["interactions"]
        target = next((c for c in sorted(base.iterdir()) if c.is_file() and c.name.lower() == name), base / name)
    else:
        raise InputError.from_message("log add", "does not know which log to add to",
                                      fix="give the folder that holds interactions.csv, or --interactions FILE")
    inputs = resolve_inputs(folder if folder is not None else target.parent, connections=connections,
                            interactions=target if target.exists() else None, contacts=contacts, goals=goals,
                            archive=archive)
    others = {key: path for key, path in inputs.given().items() if key != "interactions"}
    refuse_inputs(target, others)
    values = {"date": date, "contact": contact, "kind": kind, "direction": direction, "value": value,
              "purpose": purpose, "channel": channel, "with": with_, "notes": notes}
    row = prepare_log_row(target, values, inputs)
    append_atomic(target, row.before, row.addition)
    return row


def log_draft(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
              calendar=None, mail=None, as_of: dt.date, since: dt.date | None = None,
              output: Path | None = None, out: TextIO | None = None) -> str:
    """Write the calendar and mail evidence not yet in the log as rows to annotate (CSV, the log's columns)
    to ``output`` (or ``out``); return the CSV text (see :mod:`netanalysis.model.draft`)."""
    from .io.logfile import LOG_HEADER
    from .io.write import to_csv_text
    from .model.draft import log_draft as draft_rows

    inputs = resolve_inputs(folder, connections=connections, interactions=interactions, contacts=contacts,
                            goals=goals, archive=archive, calendar=calendar, mail=mail)

    def make() -> str:
        rows = draft_rows(inputs, as_of=as_of, since=since)
        return to_csv_text(rows[list(LOG_HEADER)].itertuples(index=False), LOG_HEADER, final_newline=True)

    return _write_text(inputs, folder, output, out, make)


def class_view(folder: Path, *, as_of: dt.date, output: Path = Path("class.html")) -> Path:
    """Summarise a folder of hand-ins and write the class page (see :mod:`netanalysis.classroom.classview`).

    The page may not replace any hand-in, nor be written where it would be
    read as one the next time.
    """
    from .classroom.classview import class_summary, handin_files, is_handin_name, render_class_report
    from .io.inputs import INPUT_NAMES

    reads, folders = handin_files(folder)
    guard = {Path(folder): is_handin_name, **{f: INPUT_NAMES for f in folders}}
    outputs = Outputs(reads, guard=guard)
    outputs.add(output, option="-o")
    outputs.check()
    outputs.put(output, render_class_report(class_summary(folder, as_of=as_of)))
    return outputs.commit()[0]


def figures(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
            calendar=None, mail=None, as_of: dt.date | None = None, today: dt.date | None = None, output: Path,
            fmt: str = "png", anonymize: bool = False) -> list[Path]:
    """Load, review and write the static figures to the folder ``output``; return the files written.

    The images are drawn from the review's plain summary
    (:mod:`netanalysis.plots.static`), all or none: the files are checked
    before the review (none may be an input, nor take an input's name in the
    inputs' folder), drawn, then written together.  Inputs and dates as
    :func:`report` (no inputs: the bundled sample).
    """
    from .analysis import review
    from .model import load_inputs
    from .plots.static import figure_paths, figure_payloads

    given = {"connections": connections, "interactions": interactions, "contacts": contacts, "goals": goals,
             "archive": archive, "calendar": calendar, "mail": mail}
    folder, as_of, _ = _inputs_or_sample(folder, as_of, today, given)
    inputs = resolve_inputs(folder, **given)
    outputs = outputs_for(inputs, folder)
    if Path(output).is_file():
        raise InputError.from_message(f"-o {output}", "is a file; figures are written to a folder",
                                      fix="give a folder (it is created if needed)")
    paths = figure_paths(output, fmt)
    for path in paths.values():
        outputs.add(path, option="-o")
    outputs.check()  # before the work: a clash is an error at once, and nothing is written
    net = load_inputs(inputs, as_of=as_of)
    if anonymize:
        from .anonymize import pseudonymise_network

        net = pseudonymise_network(net)
    payloads = figure_payloads(review(net, as_of=as_of).to_dict(), fmt)
    for name, path in paths.items():
        outputs.put(path, payloads[name])
    return outputs.commit()


def notebook(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
             calendar=None, mail=None, as_of: dt.date | None = None, today: dt.date | None = None, output: Path,
             execute: bool = False) -> Path:
    """Write the walkthrough notebook pointed at the inputs and date (run it if ``execute``); return its path.

    See :func:`netanalysis.report.notebook.write_walkthrough`.  No inputs: the
    bundled sample, as of its export date unless ``as_of`` is given.
    """
    from .report.notebook import write_walkthrough

    given = {"connections": connections, "interactions": interactions, "contacts": contacts, "goals": goals,
             "archive": archive, "calendar": calendar, "mail": mail}
    files = {key: value for key, value in given.items() if value is not None}
    where, as_of, bundled = _inputs_or_sample(folder, as_of, today, given)
    inputs = resolve_inputs(where, **given)
    outputs = outputs_for(inputs, where)
    outputs.add(output, option="-o")
    outputs.check()
    return write_walkthrough(output, folder=None if bundled else folder, files=files, as_of=as_of,
                             execute=execute, outputs=outputs)


def _inputs_or_sample(folder, as_of, today, given: dict):
    """``(folder, as_of, bundled)``: the bundled sample's folder and export date when no input is given,
    else ``folder`` and ``as_of`` (default ``today``)."""
    bundled = folder is None and all(v is None for v in given.values())
    if bundled:
        from .sample import SAMPLE_AS_OF
        from .sample.bundled import bundled_sample

        folder, as_of = bundled_sample(), as_of or SAMPLE_AS_OF
    as_of = as_of or today
    if as_of is None:
        raise InputError.from_message("--as-of", "is needed: give the review date", fix="pass --as-of 2026-03-14")
    return folder, as_of, bundled
