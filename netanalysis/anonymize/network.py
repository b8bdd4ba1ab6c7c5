"""A loaded :class:`~netanalysis.model.Network` with every person pseudonymised.

:func:`pseudonymise_network` returns a copy in which names, first and last
names, profile URLs and slugs, person ids, the log's ``contact`` and ``with``
cells, ``contacts.csv``'s ``knows``, the archive's counterparts, senders and
conversation ids and the owner are replaced by pseudonyms
(:class:`~netanalysis.anonymize.pseudonyms.Pseudonymiser`); e-mail addresses
and ``urn:li:member`` ids are emptied, the owner's ``[me] emails`` too;
companies become pseudonyms and positions a coarse level (unless
``keep_companies``); free-text notes are dropped (or scrubbed with
``keep_notes``); every other text that is kept (circles, offers, needs,
kinds, purposes, skills, the mission, the warnings) is scrubbed of names,
addresses, links and phone numbers; file and folder names are replaced by
the inputs' usual names.  Every number of the review is unchanged: the
pseudonyms keep who is who.

``report --anonymize`` renders the review of this copy; ``anonymize`` writes
the copy back to files (:mod:`netanalysis.anonymize.writers`, and
:mod:`netanalysis.anonymize.evidence_files` for the calendar and the mail).
"""
from __future__ import annotations

import dataclasses
from pathlib import PurePosixPath

import pandas as pd

from ..io.inputs import ARCHIVE_NAMES, USUAL_NAMES
from ..io.text import clean_text, looks_like_url, match_key, profile_slug
from .pseudonyms import HIDDEN_SENDER, Pseudonymiser, coarse_position

__all__ = ["pseudonymise_network", "pseudonymiser_for", "scrub_field", "ANONYMOUS_SOURCES"]

#: What ``sources`` say in a pseudonymised network: the role's usual file name, never the user's.
ANONYMOUS_SOURCES = {"connections": "Connections.csv", "interactions": "interactions.csv",
                     "contacts": "contacts.csv", "goals": "goals.toml", "archive": "LinkedIn archive",
                     "calendar": "calendar.ics", "mail": "mail.mbox"}
_CANONICAL = {name.lower(): name for name in ("Connections.csv", "interactions.csv", "contacts.csv", "goals.toml",
                                              "Profile.csv", "messages.csv", "Invitations.csv",
                                              "Endorsement_Received_Info.csv", "Endorsement_Given_Info.csv",
                                              "Recommendations_Received.csv", "Recommendations_Given.csv")
             if name.lower() in {*USUAL_NAMES.values(), *ARCHIVE_NAMES}}


def scrub_field(pz: Pseudonymiser, text: str, *, lower: bool = False) -> str:
    """A kept text field (circle, offers, a kind, a skill...) scrubbed by ``pz``; lower-cased if the reader does.

    >>> pz = Pseudonymiser("s", names=["Perpetua Lockridge"])
    >>> scrub_field(pz, "perpetua lockridge family rt.circle@example.dk", lower=True).split()[-2:]
    ['family', '[e-mail]']
    """
    if not text:
        return text
    out = pz.scrub(text)
    return out.lower() if lower else out


def pseudonymiser_for(net, *, salt: str | None = None, cells=()) -> Pseudonymiser:
    """A :class:`Pseudonymiser` over every name, slug, company and conversation in ``net``.

    ``cells`` adds name or URL cells from elsewhere (``contacts.csv`` as written).
    """
    all_names: list[str] = []
    slugs: list[str] = []

    def add_cell(cell: str) -> None:
        cell = clean_text(cell)
        if not cell:
            return
        if looks_like_url(cell):
            slugs.append(profile_slug(cell))
        else:
            all_names.append(cell)

    for cell in cells:
        add_cell(cell)
    log = net.log
    for cell in log["contact"].unique():
        add_cell(cell)
    for cell in log["with"].unique():
        for item in (cell.split(";") if cell else []):
            add_cell(item)
    for cell in net.people.get("knows", pd.Series(dtype=object)).unique():
        for item in (cell.split(";") if cell else []):
            add_cell(item)
    all_names.append(net.owner or "")
    parts = [net.owner or ""]
    company_values = list(net.people["company"].unique())
    conversations: list[str] = []
    archive = net.archive
    if archive is not None:
        all_names.append(archive.owner or "")
        parts.append(archive.owner or "")
        slugs.append(profile_slug(archive.owner_url or ""))
        for frame in _frames(archive):
            for column in ("counterpart", "sender"):
                if column in frame:
                    all_names.extend(frame[column].unique())
                    parts.extend(v for v in frame[column].unique() if match_key(v) != match_key(HIDDEN_SENDER))
            for column in ("counterpart_url", "sender_url"):
                if column in frame:
                    slugs.extend(profile_slug(u) for u in frame[column].unique() if u)
            if "company" in frame:
                company_values.extend(frame["company"].unique())
        if archive.messages is not None:
            conversations = [str(c) for c in archive.messages["conversation"].unique()]
    return Pseudonymiser(salt, people=net.people, names=all_names, slugs=slugs, companies=company_values,
                         conversations=conversations, name_parts=parts)


def pseudonymise_network(net, *, salt: str | None = None, keep_notes: bool = False,
                         keep_companies: bool = False, coarsen: bool | None = None,
                         pseudonymiser: Pseudonymiser | None = None):
    """A copy of ``net`` with every person pseudonymised (see module docstring).

    Parameters
    ----------
    net : Network
        From :func:`netanalysis.load`; not changed.
    salt : str, optional
        The HMAC key of the pseudonyms; random when not given, so two runs
        (and two students) never share pseudonyms.
    keep_notes : bool
        Keep free-text notes, scrubbed (default: notes are dropped).
    keep_companies : bool
        Keep companies and positions (scrubbed) instead of ``Company 1A2B``
        pseudonyms and a coarse level.
    coarsen : bool, optional
        Accepted for old callers; pseudonymised companies are the default.
    pseudonymiser : Pseudonymiser, optional
        Use this one (built with :func:`pseudonymiser_for`) instead of a new one.

    Returns
    -------
    Network
        A copy with pseudonyms for every name, profile URL and company,
        e-mails and member ids emptied, free text dropped (or scrubbed with
        ``keep_notes``), every other text scrubbed; dates, values and the
        vocabularies the review reads are kept, so its review gives the same
        numbers.

    Examples
    --------
    >>> import tempfile, netanalysis
    >>> from netanalysis.sample import write_sample
    >>> folder = tempfile.mkdtemp()
    >>> _ = write_sample(folder, "student", seed=1)
    >>> net = netanalysis.load(folder)
    >>> anon = pseudonymise_network(net, salt="demo")
    >>> set(anon.people["contact"]) & set(net.people["contact"])
    set()
    >>> bool((anon.people["email"] == "").all()), anon.owner.split()[0]
    (True, 'Person')
    """
    pz = pseudonymiser or pseudonymiser_for(net, salt=salt)
    people, ids = _people(net.people, pz, keep_notes=keep_notes, keep_companies=keep_companies)
    log = _log(net.log, pz, ids, keep_notes=keep_notes)
    archive = _archive(net.archive, pz, keep_companies=keep_companies) if net.archive is not None else None
    owner = pz.name(net.owner) if net.owner else ""
    problems = [_scrub_problem(p, pz, net.sources) for p in net.problems]
    goals = net.goals
    goals = dataclasses.replace(goals, statement=scrub_field(pz, goals.statement), me_emails=(),
                                purposes={scrub_field(pz, k, lower=True): v for k, v in goals.purposes.items()})
    sources = {key: ANONYMOUS_SOURCES.get(key, "input file") for key in net.sources}
    # Calendar and mail: only person ids and opaque keys (no address, name or subject) to replace.
    evidence = {name: _with_ids(getattr(net, name, None), ids) for name in ("meetings", "mails")}
    found = getattr(net, "evidence", None)
    return dataclasses.replace(net, people=people, log=log, archive=archive, owner=owner, problems=problems,
                               sources=sources, goals=goals, matcher=None, **evidence,
                               evidence=found.without_addresses() if found is not None else None)


def _with_ids(frame, ids: dict):
    return None if frame is None else frame.assign(person_id=frame["person_id"].map(lambda p: ids.get(p, p)))


def _people(people: pd.DataFrame, pz: Pseudonymiser, *, keep_notes: bool, keep_companies: bool):
    out = people.copy()
    display = [pz.person(pid) for pid in people.index]
    slugs = [pz.slug(s) for s in people["slug"]]
    on = people["on_linkedin"].to_numpy(dtype=bool)
    first = [pz.split(d)[0] if linked else "" for d, linked in zip(display, on)]
    last = [pz.split(d)[1] if linked else "" for d, linked in zip(display, on)]
    ids = {}
    for old, new_display, old_slug, new_slug in zip(people.index, display, people["slug"], slugs):
        ids[old] = _new_id(old, new_display, old_slug, new_slug)
    if len(set(ids.values())) != len(ids):  # cannot happen with injective pseudonyms; stay safe
        ids = {old: f"{new}#{n}" for n, (old, new) in enumerate(ids.items())}
    out["contact"] = display
    out["first_name"] = first
    out["last_name"] = last
    out["slug"] = slugs
    out["url"] = ["https://www.linkedin.com/in/" + s if s else "" for s in slugs]
    out["email"] = ""
    out["member_urn"] = ""
    out["key"] = [match_key(d) for d in display]
    out["company"], out["position"] = _work(people["company"], people["position"], pz, keep_companies)
    for column in ("circle", "offers", "needs"):
        if column in out:
            out[column] = _each(people[column], lambda v: scrub_field(pz, v, lower=True))
    if "knows" in out:
        out["knows"] = [pz.cells(k) for k in people["knows"]]
    if "knows_ids" in out:
        out["knows_ids"] = [tuple(ids.get(i, i) for i in known) for known in people["knows_ids"]]
    if "notes" in out:
        out["notes"] = [pz.scrub(n) for n in people["notes"]] if keep_notes else ""
    out.index = pd.Index([ids[i] for i in people.index], name=people.index.name)
    return out, ids


def _new_id(old: str, display: str, old_slug: str, new_slug: str) -> str:
    """The person id the loader would give the pseudonymised person (see ``netanalysis.model``)."""
    if old.startswith("c:") and old_slug and old[2:].startswith(old_slug):
        return "c:" + new_slug + old[2 + len(old_slug):]
    if old.startswith("x:"):
        return "x:" + (match_key(display) or display)
    return old  # "c#<line>": a connection without URL keeps its line


def _log(log: pd.DataFrame, pz: Pseudonymiser, ids: dict, *, keep_notes: bool) -> pd.DataFrame:
    out = log.copy()
    contact = {c: pz.cell(c) for c in log["contact"].unique()}
    out["contact"] = log["contact"].map(contact)
    together = {c: pz.cells(c) for c in log["with"].unique()}
    out["with"] = log["with"].map(together)
    if "person_id" in out:
        out["person_id"] = log["person_id"].map(lambda p: ids.get(p, p) if isinstance(p, str) else p)
    if "with_ids" in out:
        out["with_ids"] = [tuple(ids.get(i, i) for i in row) for row in log["with_ids"]]
    out["notes"] = log["notes"].map(pz.scrub) if keep_notes else ""
    for column in ("kind", "purpose"):
        out[column] = _each(log[column], lambda v: scrub_field(pz, v, lower=True))
    out.attrs = {}
    return out


def _each(values: pd.Series, func) -> pd.Series:
    """``func`` over every cell, called once per distinct cell."""
    table = {v: func(v) if isinstance(v, str) else v for v in values.unique()}
    return values.map(table)


def _work(company: pd.Series, position: pd.Series, pz: Pseudonymiser, keep: bool) -> tuple[pd.Series, pd.Series]:
    """Companies and positions: pseudonyms and coarse levels, or (``keep``) scrubbed as written."""
    if keep:
        return _each(company, pz.scrub), _each(position, pz.scrub)
    return _each(company, pz.company), _each(position, coarse_position)


def _frames(archive) -> list[pd.DataFrame]:
    return [f for f in (archive.messages, archive.invitations, archive.endorsements, archive.recommendations)
            if f is not None]


def _archive(archive, pz: Pseudonymiser, *, keep_companies: bool):
    def names(series: pd.Series) -> pd.Series:
        table = {v: pz.name(v) for v in series.unique()}
        return series.map(table)

    def urls(series: pd.Series) -> pd.Series:
        table = {v: pz.url(v) for v in series.unique()}
        return series.map(table)

    changes = {}
    for attribute in ("messages", "invitations", "endorsements", "recommendations"):
        frame = getattr(archive, attribute)
        if frame is None:
            continue
        frame = frame.copy()
        for column in ("counterpart", "sender"):
            if column in frame:
                frame[column] = names(frame[column])
        for column in ("counterpart_url", "sender_url"):
            if column in frame:
                frame[column] = urls(frame[column])
        if "conversation" in frame:
            table = {v: pz.conversation(str(v)) for v in frame["conversation"].unique()}
            frame["conversation"] = frame["conversation"].map(table)
        if "company" in frame:
            frame["company"], frame["position"] = _work(frame["company"], frame["position"], pz, keep_companies)
        if "skill" in frame:
            frame["skill"] = _each(frame["skill"], pz.scrub)
        frame.attrs = {}
        changes[attribute] = frame
    owner = pz.name(archive.owner) if archive.owner else ""
    owner_url = pz.url(archive.owner_url) if archive.owner_url else ""
    if "messages" in changes:
        changes["messages"].attrs.update(owner=owner, owner_url=owner_url)
    files = [_canonical(f) for f in archive.files]
    return dataclasses.replace(archive, owner=owner, owner_url=owner_url, files=files,
                               dropped=dict(archive.dropped), **changes)


def _canonical(path: str) -> str:
    """A file's usual name for a path as the user's files have it (``Jane-Doe.zip/x/messages.csv``)."""
    name = PurePosixPath(str(path).replace("\\", "/")).name
    if name.lower().endswith(".zip"):
        return "LinkedIn archive"
    if name.lower().endswith((".ics", ".mbox")):  # as the anonymised copy names them
        return "calendar.ics" if name.lower().endswith(".ics") else "mail.mbox"
    return _CANONICAL.get(name.lower(), "input file")


def _scrub_problem(problem, pz: Pseudonymiser, sources: dict[str, str]):
    """A problem with its file named by the usual name, and every text scrubbed (names, paths, addresses)."""
    shown = {display: ANONYMOUS_SOURCES.get(key, "input file") for key, display in sources.items()}
    file = shown.get(problem.file) or _canonical(problem.file)
    if file == "input file" and problem.file in shown.values():
        file = problem.file

    def clean(text: str | None) -> str | None:
        if text is None:
            return None
        for display, generic in sorted(shown.items(), key=lambda kv: -len(kv[0])):
            if display and display not in ANONYMOUS_SOURCES.values():
                text = text.replace(display, generic)
        return pz.scrub(str(text))

    return dataclasses.replace(problem, file=file, message=clean(problem.message), value=clean(problem.value),
                               fix=clean(problem.fix) if problem.fix else problem.fix)
