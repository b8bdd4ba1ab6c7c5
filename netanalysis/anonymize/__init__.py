"""Pseudonymised copies of a network: for hand-in, for sharing, for ``report --anonymize``.

``python -m netanalysis anonymize [INPUTS] -o DIR`` writes a pseudonymised
copy of every input, in the same formats, so that every command runs on it
and gives the same numbers (:func:`anonymize_inputs`).  ``report
--anonymize`` renders the review of a pseudonymised network
(:func:`pseudonymise_network`).

What happens to each field
--------------------------
* names (connections, log, ``contacts.csv``, archive, the owner): a
  pseudonym ``Person 4F2A`` from ``HMAC-SHA256(salt, match key)``, one per
  person, the same in every file, so matching still works (see
  :mod:`netanalysis.anonymize.pseudonyms`);
* profile URLs: a pseudonymous slug; a log cell written as a URL stays a URL;
* e-mail addresses and ``urn:li:member`` ids: emptied (see below for the calendar and mail);
* free text (log and ``contacts.csv`` notes, message subjects, contents and
  conversation titles, invitation messages, recommendation texts): dropped,
  or with ``keep_notes`` kept and scrubbed (see below);
* companies: ``Company 1A2B``, the same for one company in every file (so
  same-employer ties survive); positions: a coarse level (Leadership,
  Manager, Professional, Student).  With ``keep_companies`` both are kept,
  scrubbed;
* every other text that is kept (circles, offers, needs, kinds, purposes,
  endorsed skills, the mission statement, the purposes' names) is scrubbed:
  any name of any person in the inputs (the owner too) becomes that person's
  pseudonym or ``[name]``, and e-mail addresses, links and phone numbers go,
  wherever they are (:class:`~netanalysis.anonymize.scrub.Scrubber`; names
  spelled otherwise stay: read free text before handing in);
* dates, directions, values, channels, chemistry, cadences, statuses: kept
  (they are the review);
* ``goals.toml``: written again from what was read, scrubbed, without the
  ``[me]`` addresses;
* calendars and mailboxes: written again, as one ``calendar.ics`` and one
  ``mail.mbox``, from what the loader kept (``Network.meetings`` and
  ``Network.mails``), never from their text
  (:mod:`netanalysis.anonymize.evidence_files`).  Kept: the UTC day of each
  meeting and mail, who of your people was there or wrote (their
  pseudonyms, with pseudonymous ``.invalid`` addresses), online or not, the
  number of people at each meeting, who sent each mail and who was on it
  together.  Dropped: subjects, locations, descriptions, bodies, times of
  day, UIDs and Message-IDs, every address (yours too) and name, the
  identities of the people who match nobody (they become nameless
  stand-ins), and whatever counted for nothing (declined, cancelled and
  lone meetings, newsletters, drafts, mail from strangers never answered).
  Repeating events are written one occurrence each up to the day the
  calendar was read to (``as_of``).  ``check`` on the copy counts fewer
  events and mails read (only those that count); the review is the same;
* the owner's ``Profile.csv``: the pseudonymous name only;
* ``Connections.csv``'s and ``contacts.csv``'s addresses: emptied, but for
  the few people a pseudonym alone would not tell apart in the copy's
  calendar and mail (namesakes the original told apart by address), who get
  their pseudonymous address there;
* file and folder names: never copied (the copy has the usual names, and a
  report of a pseudonymised network names its inputs by their roles).

The salt is random unless given, so two hand-ins cannot be joined; give the
same salt to get the same pseudonyms again.

Examples
--------
>>> import tempfile, pathlib, netanalysis
>>> from netanalysis.sample import write_sample
>>> from netanalysis.io.inputs import resolve_inputs
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = write_sample(tmp / "mine", "student", seed=1)
>>> written = anonymize_inputs(resolve_inputs(tmp / "mine"), tmp / "hand-in", salt="s")
>>> sorted(p.name for p in written)[:3]
['Connections.csv', 'Endorsement_Given_Info.csv', 'Endorsement_Received_Info.csv']
>>> a = netanalysis.review(netanalysis.load(tmp / "mine"), as_of="2026-11-01")
>>> b = netanalysis.review(netanalysis.load(tmp / "hand-in"), as_of="2026-11-01")
>>> a.depth.strong_ties == b.depth.strong_ties, a.headline.rule == b.headline.rule
(True, True)
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import NetanalysisError
from ..io.inputs import ARCHIVE_NAMES, USUAL_NAMES, Inputs, resolve_inputs
from ..io.write import Outputs
from .network import pseudonymise_network, pseudonymiser_for
from .pseudonyms import Pseudonymiser, coarse_position, new_salt

__all__ = ["anonymize", "anonymize_inputs", "pseudonymise_network", "pseudonymiser_for", "Pseudonymiser",
           "AnonymizeError", "coarse_position", "new_salt"]

_KNOWN_FILES = frozenset([*USUAL_NAMES.values(), *ARCHIVE_NAMES])
_EXPORTS = (".ics", ".mbox")  # calendars and mailboxes: read by their extension, whatever their name
_FIRST_ROW = 5  # Connections.csv: 3 preamble lines, the header, then the rows


class AnonymizeError(NetanalysisError):
    """The pseudonymised copy cannot be written where asked (inside an input, or over other files)."""


def anonymize(folder=None, *, output: str | Path, connections=None, interactions=None, contacts=None,
              goals=None, archive=None, calendar=None, mail=None, as_of=None, salt: str | None = None,
              keep_notes: bool = False, keep_companies: bool = False, coarsen: bool | None = None,
              force: bool = False) -> list[Path]:
    """:func:`anonymize_inputs` with the inputs given like :func:`netanalysis.load` (a folder and/or files)."""
    inputs = resolve_inputs(folder, connections=connections, interactions=interactions, contacts=contacts,
                            goals=goals, archive=archive, calendar=calendar, mail=mail)
    return anonymize_inputs(inputs, Path(output), as_of=as_of, salt=salt, keep_notes=keep_notes,
                            keep_companies=keep_companies, force=force)


def anonymize_inputs(inputs: Inputs, output: Path, *, as_of=None, salt: str | None = None,
                     keep_notes: bool = False, keep_companies: bool = False, coarsen: bool | None = None,
                     force: bool = False, mapping: dict | None = None) -> list[Path]:
    """Write pseudonymised copies of every input to the folder ``output``.

    Parameters
    ----------
    inputs : Inputs
        From :func:`netanalysis.io.inputs.resolve_inputs`.  They are read with
        the project's readers (every quirk of the exports is handled) and
        never written to; inputs with errors raise
        :class:`~netanalysis.errors.InputError` (run ``check`` first).
    output : Path
        A folder (created if needed), even when the input was a zip.  It may
        not be, or be inside, a folder holding an input, nor hold an input.
    as_of : date or ISO string, optional
        The day the calendars are read up to (repetitions expanded; each
        occurrence up to it is written to the copy) and after which mail does
        not count, as :func:`netanalysis.load` takes it.  When not given, like
        ``load``: up to the latest dated evidence of the inputs.  The command
        line passes ``--as-of``, or today.  A review of the copy at a later
        date than this one misses the repetitions after it.
    salt : str, optional
        HMAC key of the pseudonyms; random (:func:`new_salt`) when not given.
    keep_notes : bool
        Keep free text, scrubbed (see the module docstring).
    keep_companies : bool
        Keep companies and positions (scrubbed) instead of pseudonyms and
        coarse levels: the copy then shows where the contacts work.
    coarsen : bool, optional
        Accepted for old callers and ignored: companies are pseudonymised and
        positions coarsened by default.
    force : bool
        Write into a non-empty folder; files there with an input's usual name
        (and calendars ``*.ics`` and mailboxes ``*.mbox``, which are read
        whatever their name) that this copy does not write are removed, so the
        folder holds one hand-in only.
    mapping : dict, optional
        Filled with ``{person id in the original: person id in the copy}``,
        to compare the two reviews contact by contact (also the ``person_id``
        of ``Network.meetings`` and ``Network.mails``).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    AnonymizeError
        The output is inside an input folder, holds an input, is a file, or is
        not empty (without ``force``); or it holds a mailbox folder (``*.mbox``)
        that would be read with the copy.
    InputError
        The inputs have errors.
    OutputError
        A file cannot be written (the disk is full, the folder read-only):
        then none is.

    Examples
    --------
    >>> import tempfile, pathlib, netanalysis
    >>> from netanalysis.io.inputs import resolve_inputs
    >>> from netanalysis.sample import write_sample
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_sample(tmp / "mine", "student", seed=1)
    >>> mapping = {}
    >>> written = anonymize_inputs(resolve_inputs(tmp / "mine"), tmp / "hand-in", salt="s", mapping=mapping)
    >>> len(written), netanalysis.load(tmp / "hand-in").owner.startswith("Person ")
    (13, True)
    >>> sorted(p.name for p in written if p.suffix in (".ics", ".mbox"))
    ['calendar.ics', 'mail.mbox']
    >>> len(mapping) == len(netanalysis.load(tmp / "mine").people)
    True
    """
    from ..model import load_inputs
    from .evidence_files import evidence_copy
    from .writers import contact_cells, read_extras, write_network

    output = Path(output)
    _check_output(inputs, output, force=force)
    net = load_inputs(inputs, as_of=as_of)
    extras = read_extras(inputs, net, keep_notes=keep_notes)
    cells: list[str] = []
    if extras.contacts is not None:
        cells = list(extras.contacts["contact"]) + [k for cell in extras.contacts["knows"]
                                                    for k in (cell.split(";") if cell else [])]
    pz = pseudonymiser_for(net, salt=salt, cells=cells)
    anon = pseudonymise_network(net, keep_notes=keep_notes, keep_companies=keep_companies, pseudonymiser=pz)
    evidence = evidence_copy(net, anon, pz, calendar=bool(inputs.calendar), mail=bool(inputs.mail),
                             contact_cells=contact_cells(extras.contacts, pz) if extras.contacts is not None else ())
    files = write_network(anon, pz, inputs, extras, keep_notes=keep_notes,
                          connection_emails=evidence.connection_emails, contact_emails=evidence.contact_emails)
    for name, text in (("calendar.ics", evidence.calendar), ("mail.mbox", evidence.mail)):
        if text is not None:
            files[name] = text
    outputs = Outputs(inputs.files())
    for name, data in files.items():
        outputs.add(output / name, data, option="-o", shown=str(output / name))
    written = outputs.commit()  # every file of the copy, or none
    if force:
        keep = {p.name.lower() for p in written}
        for child in output.iterdir():
            name = child.name.lower()
            if child.is_file() and (name in _KNOWN_FILES or name.endswith(_EXPORTS)) and name not in keep:
                child.unlink()
    if mapping is not None:
        mapping.update(_copy_ids(net.people, anon.people, extras.hidden_rows))
    return written


def _check_output(inputs: Inputs, output: Path, *, force: bool) -> None:
    target = output.resolve()
    for key, path in inputs.given().items():
        path = Path(path).resolve()
        folder = path if path.is_dir() else path.parent
        if target == folder or folder in target.parents:
            raise AnonymizeError(f"{output}: is inside the folder of your {key} input ({folder}); the anonymised "
                                 "copy must not mix with your own files. Fix: choose a folder elsewhere with -o")
        if target in path.parents:
            raise AnonymizeError(f"{output}: holds your {key} input ({path}). Fix: choose an empty folder "
                                 "elsewhere with -o")
    if target.exists() and not target.is_dir():
        raise AnonymizeError(f"{output}: is a file, not a folder. Fix: give a folder with -o")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise AnonymizeError(f"{output}: is not empty; refusing to overwrite. Fix: choose an empty folder, "
                             "or pass --force to replace the anonymised files there")
    if target.is_dir():
        for child in sorted(target.iterdir()):
            if child.is_dir() and child.name.lower().endswith(".mbox") and not child.name.startswith("."):
                raise AnonymizeError(f"{output}: holds the mailbox folder {child.name}, which would be read with "
                                     "the copy. Fix: choose an empty folder, or move that folder away")


def _copy_ids(people: pd.DataFrame, anon: pd.DataFrame, hidden_rows) -> dict[str, str]:
    """Original person id -> the id the loader gives the person in the written copy.

    Connections are renumbered (the copy always has the preamble); ids made
    from a line (no URL, or a duplicate URL) follow the new line.
    """
    linked = anon[anon["on_linkedin"]]
    order = sorted([(int(line), 0, old) for old, line in zip(people.index[people["on_linkedin"]], linked["line"])]
                   + [(int(line), 1, None) for line, _ in hidden_rows])
    new_line = {old: _FIRST_ROW + i for i, (_, _, old) in enumerate(order) if old is not None}
    slugs = dict(zip(people.index, anon["slug"]))
    mapping = {}
    seen: set[str] = set()
    for old in sorted(new_line, key=new_line.get):
        slug = slugs[old]
        new = f"c:{slug}" if slug else f"c#{new_line[old]}"
        if new in seen:
            new = f"{new}#{new_line[old]}"
        seen.add(new)
        mapping[old] = new
    for old, new in zip(people.index[~people["on_linkedin"]], anon.index[~anon["on_linkedin"]]):
        mapping[old] = new
    return mapping
