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
from .io.inputs import resolve_inputs
from .io.write import write_atomic

__all__ = ["check", "contacts", "sample", "report", "anonymize", "class_view", "figures", "notebook"]


def check(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
          out: TextIO) -> bool:
    """Print every problem in the inputs and a summary; return True if there is no error."""
    from .model import load_inputs

    inputs = resolve_inputs(folder, connections=connections, interactions=interactions, contacts=contacts,
                            goals=goals, archive=archive)
    problems = Problems()
    net = load_inputs(inputs, problems=problems)
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
    for missing in net.missing():
        print(f"  not given: {missing}", file=out)
    print(f"  {len(problems.errors)} error(s), {len(problems.warnings)} warning(s)", file=out)
    return not problems.errors


def contacts(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
             as_of: dt.date, output: Path | None = None, out: TextIO | None = None) -> str:
    """Write the per-contact table as CSV to ``output`` (or ``out``); return the CSV text."""
    from .model import load_inputs

    inputs = resolve_inputs(folder, connections=connections, interactions=interactions, contacts=contacts,
                            goals=goals, archive=archive)
    net = load_inputs(inputs)
    table = _review_table(net, as_of)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    text = buffer.getvalue()
    if output is not None:
        write_atomic(output, text, inputs=inputs.given())
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
           as_of: dt.date | None = None, today: dt.date | None = None, output: Path = Path("report.html"),
           json_path: Path | None = None, show_emails: bool = False, anonymize: bool = False) -> Path:
    """Load, review and write the HTML report (and the JSON summary); return the report's path.

    The review is as of ``as_of``, else ``today``.  With no inputs the bundled
    sample is used, reviewed as of its export date unless ``as_of`` is given.
    """
    from .model import load_inputs
    from .report import write_report
    from .analysis import review

    given = {"connections": connections, "interactions": interactions, "contacts": contacts, "goals": goals,
             "archive": archive}
    if folder is None and all(v is None for v in given.values()):
        from .sample.bundled import bundled_sample
        from .sample import SAMPLE_AS_OF

        folder = bundled_sample()
        as_of = as_of or SAMPLE_AS_OF
    as_of = as_of or today
    if as_of is None:
        raise InputError.from_message("--as-of", "is needed: give the review date", fix="pass --as-of 2026-03-14")
    inputs = resolve_inputs(folder, **given)
    net = load_inputs(inputs)
    if anonymize:
        from .anonymize import pseudonymise_network

        net = pseudonymise_network(net)
    rev = review(net, as_of=as_of)
    protected = inputs.given()
    if json_path is not None:
        write_atomic(json_path, rev.to_json(), inputs=protected)
    return write_report(rev, net, output, show_emails=show_emails, inputs=protected)


def anonymize(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
              output: Path, salt: str | None = None, keep_notes: bool = False, coarsen: bool = False,
              force: bool = False) -> list[Path]:
    """Write pseudonymised copies of the inputs to ``output`` (see :mod:`netanalysis.anonymize`)."""
    from .anonymize import anonymize_inputs

    inputs = resolve_inputs(folder, connections=connections, interactions=interactions, contacts=contacts,
                            goals=goals, archive=archive)
    return anonymize_inputs(inputs, output, salt=salt, keep_notes=keep_notes, coarsen=coarsen, force=force)


def class_view(folder: Path, *, as_of: dt.date, output: Path = Path("class.html")) -> Path:
    """Summarise a folder of hand-ins and write the class page (see :mod:`netanalysis.classroom.classview`)."""
    from .classroom.classview import class_summary, write_class_report

    return write_class_report(class_summary(folder, as_of=as_of), output)


def figures(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
            as_of: dt.date | None = None, today: dt.date | None = None, output: Path, fmt: str = "png",
            anonymize: bool = False) -> list[Path]:
    """Load, review and write the static figures to the folder ``output``; return the files written.

    The images are drawn from the review's plain summary
    (:func:`netanalysis.plots.static.write_figures`), all or none.  Inputs and
    dates as :func:`report` (no inputs: the bundled sample).
    """
    from .analysis import review
    from .io.write import refuse_inputs
    from .model import load_inputs
    from .plots.static import write_figures

    inputs, as_of = _inputs_or_sample(folder, as_of, today, connections=connections, interactions=interactions,
                                      contacts=contacts, goals=goals, archive=archive)
    refuse_inputs(Path(output), inputs.given())
    net = load_inputs(inputs)
    if anonymize:
        from .anonymize import pseudonymise_network

        net = pseudonymise_network(net)
    summary = review(net, as_of=as_of).to_dict()
    return write_figures(summary, output, fmt=fmt, inputs=inputs.given())


def notebook(folder=None, *, connections=None, interactions=None, contacts=None, goals=None, archive=None,
             as_of: dt.date | None = None, today: dt.date | None = None, output: Path,
             execute: bool = False) -> Path:
    """Write the walkthrough notebook pointed at the inputs and date (run it if ``execute``); return its path.

    See :func:`netanalysis.report.notebook.write_walkthrough`.  No inputs: the
    bundled sample, as of its export date unless ``as_of`` is given.
    """
    from .report.notebook import write_walkthrough

    files = {"connections": connections, "interactions": interactions, "contacts": contacts, "goals": goals,
             "archive": archive}
    files = {key: value for key, value in files.items() if value is not None}
    inputs, as_of = _inputs_or_sample(folder, as_of, today, **files)
    bundled = folder is None and not files
    return write_walkthrough(output, folder=None if bundled else folder, files=files, as_of=as_of,
                             execute=execute, inputs=inputs.given())


def _inputs_or_sample(folder, as_of, today, **given):
    """The inputs (the bundled sample when none is given) and the review date (the sample's, else today)."""
    if folder is None and all(v is None for v in given.values()):
        from .sample import SAMPLE_AS_OF
        from .sample.bundled import bundled_sample

        folder, as_of = bundled_sample(), as_of or SAMPLE_AS_OF
    as_of = as_of or today
    if as_of is None:
        raise InputError.from_message("--as-of", "is needed: give the review date", fix="pass --as-of 2026-03-14")
    return resolve_inputs(folder, **given), as_of
