"""Write a pseudonymised network back to files, in the formats the readers take.

``Connections.csv`` in LinkedIn's 2023+ layout (``Notes:`` preamble, ``URL``
column, ``04 Jul 2023`` dates, hidden members as rows holding only a date);
``interactions.csv`` and ``contacts.csv`` in netanalysis' columns (text
cells a spreadsheet would take for a formula get a leading ``'``, which the
readers take off again); ``goals.toml`` written again from what was read,
scrubbed; and the archive files that were present, in
LinkedIn's 2024 layouts: ``Profile.csv`` (the owner's name only),
``messages.csv``, ``Invitations.csv``, ``Endorsement_Received_Info.csv`` /
``Endorsement_Given_Info.csv`` (accepted endorsements) and
``Recommendations_Received.csv`` / ``Recommendations_Given.csv``.  Drafts,
sponsored messages and endorsements not accepted, which the readers drop, are
not written.  Free text (message subjects and contents, conversation titles,
invitation messages, recommendation texts, notes) is empty unless
``keep_notes``, and then scrubbed of known names.  The calendar and the
mailbox are written by :mod:`~netanalysis.anonymize.evidence_files`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import Problems
from ..io.spreadsheet import escape_cell
from ..io.write import to_csv_text as _csv
from ..io.connections import CONNECTED_ON_FORMATS, read_raw_connections
from ..io.csvfile import read_csv_table
from ..io.dates import parse_dates
from ..io.inputs import connections_source
from ..io.linkedin.formats import (CONNECTIONS_HEADER, CONNECTIONS_PREAMBLE, ENDORSEMENT_GIVEN_HEADER,
                                   ENDORSEMENT_HEADER, INVITATION_HEADER, MESSAGE_HEADER, PROFILE_HEADER,
                                   RECOMMENDATION_HEADER, linkedin_day, us_time, utc_time)
from .network import scrub_field
from .pseudonyms import Pseudonymiser

__all__ = ["Extras", "read_extras", "write_network", "contact_cells", "goals_text", "INTERACTIONS_HEADER",
           "CONTACTS_HEADER"]

INTERACTIONS_HEADER = ("date", "contact", "kind", "direction", "value", "purpose", "channel", "with", "notes")
CONTACTS_HEADER = ("contact", "circle", "chemistry", "cadence_days", "status", "offers", "needs", "knows", "notes")


@dataclass
class Extras:
    """What the loaded network does not keep but the files need."""

    hidden_rows: list[tuple[int, str]] = field(default_factory=list)  # (line, "04 Jul 2023" or "")
    contacts: pd.DataFrame | None = None  # read_contacts() of contacts.csv
    message_texts: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # line -> title, subject, content
    invitation_texts: dict[int, str] = field(default_factory=dict)
    recommendation_texts: dict[tuple[str, int], str] = field(default_factory=dict)  # (direction, line) -> text


def read_extras(inputs, net, *, keep_notes: bool) -> Extras:
    """Read the hidden members' rows, ``contacts.csv`` as written and (with ``keep_notes``) the archive texts."""
    from ..io.contacts import read_contacts

    extras = Extras()
    problems = Problems()
    source = connections_source(inputs, problems)
    if source is not None:
        table = read_raw_connections(source[0], display=source[1], problems=problems)
        if table is not None:
            listed = set(net.people.loc[net.people["on_linkedin"], "line"].astype(int))
            raw = table.frame[~table.frame["line"].isin(listed)]
            dates, _ = parse_dates(raw["connectedon"], CONNECTED_ON_FORMATS)
            extras.hidden_rows = [(int(line), "" if pd.isna(day) else linkedin_day(day.date()))
                                  for line, day in zip(raw["line"], dates)]
    if inputs.contacts is not None:
        extras.contacts = read_contacts(inputs.contacts)
    if keep_notes and inputs.archive is not None:
        extras.message_texts = {line: (title, subject, content) for line, title, subject, content in _texts(
            inputs.archive, "messages.csv", {"from": "FROM", "to": "TO", "date": "DATE"},
            ["conversationtitle", "subject", "content"])}
        extras.invitation_texts = {line: message for line, message in _texts(
            inputs.archive, "Invitations.csv", {"from": "From", "to": "To", "sentat": "Sent At",
                                                "direction": "Direction"}, ["message"])}
        for name, direction in (("Recommendations_Received.csv", "received"),
                                ("Recommendations_Given.csv", "given")):
            for line, text in _texts(inputs.archive, name, {"firstname": "First Name", "lastname": "Last Name",
                                                            "creationdate": "Creation Date"}, ["text"]):
                extras.recommendation_texts[(direction, line)] = text
    return extras


def _texts(archive: Path, name: str, required: dict, columns: list[str]) -> list[tuple]:
    from ..io.linkedin.archive import read_archive_file

    problems = Problems()
    found = read_archive_file(archive, name, problems=problems)
    if found is None:
        return []
    table = read_csv_table(found[1], display=found[0], required=required,
                           optional={c: c for c in columns}, problems=problems)
    if table is None:
        return []
    frame = table.frame
    return list(zip(frame["line"].astype(int), *(frame[c] for c in columns)))


def write_network(anon, pz: Pseudonymiser, inputs, extras: Extras, *, keep_notes: bool,
                  connection_emails: dict[int, str] | None = None,
                  contact_emails: dict[str, str] | None = None) -> dict[str, str]:
    """Every file of the pseudonymised network ``anon``: ``{file name: text}`` (to write all or none).

    ``anon`` comes from :func:`~netanalysis.anonymize.network.pseudonymise_network` with ``pz``;
    ``extras`` from :func:`read_extras` on the original inputs.  Addresses are
    emptied, except the pseudonymous ones the copy's calendar and mail need
    (:mod:`~netanalysis.anonymize.evidence_files`): ``connection_emails``
    (Connections.csv line -> address) and ``contact_emails`` (contacts.csv
    ``contact`` cell as written -> address, in an ``email`` column).
    """
    written: dict[str, str] = {}

    def write(name: str, text: str) -> None:
        written[name] = text

    write("Connections.csv", _connections(anon.people, extras.hidden_rows, connection_emails or {}))
    if inputs.interactions is not None:
        write("interactions.csv", _interactions(anon.log))
    if extras.contacts is not None:
        write("contacts.csv", _contacts(extras.contacts, pz, keep_notes=keep_notes, emails=contact_emails or {}))
    if inputs.goals is not None:
        write("goals.toml", goals_text(anon.goals))
    archive = anon.archive
    if archive is None:
        return written
    present = {Path(f.replace("\\", "/")).name.lower() for f in archive.files}
    owner, owner_url = archive.owner, archive.owner_url
    scrub = pz.scrub if keep_notes else (lambda text: "")
    if archive.owner or "profile.csv" in present:
        write("Profile.csv", _csv([(*pz.split(owner), *[""] * (len(PROFILE_HEADER) - 2))], PROFILE_HEADER))
    if archive.messages is not None:
        texts = {line: tuple(scrub(t) for t in parts) for line, parts in extras.message_texts.items()}
        write("messages.csv", _messages(archive.messages, owner, owner_url, texts))
    if archive.invitations is not None:
        write("Invitations.csv", _invitations(archive.invitations, owner, owner_url,
                                              {k: scrub(v) for k, v in extras.invitation_texts.items()}))
    for direction, name, header in (("received", "Endorsement_Received_Info.csv", ENDORSEMENT_HEADER),
                                    ("given", "Endorsement_Given_Info.csv", ENDORSEMENT_GIVEN_HEADER)):
        if name.lower() in present:
            write(name, _endorsements(archive.endorsements, direction, header, pz))
    for direction, name in (("received", "Recommendations_Received.csv"), ("given", "Recommendations_Given.csv")):
        if name.lower() in present:
            texts = {line: scrub(text) for (d, line), text in extras.recommendation_texts.items() if d == direction}
            write(name, _recommendations(archive.recommendations, direction, pz, texts))
    return written


def _connections(people: pd.DataFrame, hidden_rows: list[tuple[int, str]], emails: dict[int, str]) -> str:
    linked = people[people["on_linkedin"]]
    dates = [linkedin_day(d.date()) if not pd.isna(d) else "" for d in linked["connected_on"]]
    rows = [(int(line), (first, last, url, emails.get(int(line), ""), company, position, day))
            for line, first, last, url, company, position, day in zip(
                linked["line"], linked["first_name"], linked["last_name"], linked["url"], linked["company"],
                linked["position"], dates)]
    rows += [(line, ("", "", "", "", "", "", day)) for line, day in hidden_rows]
    rows.sort(key=lambda r: r[0])
    return CONNECTIONS_PREAMBLE + _csv([r[1] for r in rows], CONNECTIONS_HEADER)


def _interactions(log: pd.DataFrame) -> str:
    log = log.sort_values("line", kind="stable")
    dates = [d.strftime("%Y-%m-%d") if not pd.isna(d) else "" for d in log["date"]]
    rows = zip(dates, log["contact"], log["kind"], log["direction"], log["value"].astype(int), log["purpose"],
               log["channel"], log["with"], log["notes"])
    return _csv(([_safe(cell) for cell in row] for row in rows), INTERACTIONS_HEADER, final_newline=True)


def _safe(cell):
    return escape_cell(cell) if isinstance(cell, str) else cell


def contact_cells(contacts: pd.DataFrame, pz: Pseudonymiser) -> list[str]:
    """The ``contact`` cells of the copy's contacts.csv (before spreadsheet escaping)."""
    return [pz.cell(cell) for cell in contacts["contact"]]


def _contacts(contacts: pd.DataFrame, pz: Pseudonymiser, *, keep_notes: bool, emails: dict[str, str]) -> str:
    def number(value) -> str:
        return "" if pd.isna(value) else str(int(value))

    def field(text: str) -> str:
        return scrub_field(pz, text, lower=True)

    rows = []
    for row in contacts.sort_values("line", kind="stable").itertuples(index=False):
        contact = pz.cell(row.contact)
        cells = [contact, field(row.circle), number(row.chemistry), number(row.cadence_days), row.status,
                 field(row.offers), field(row.needs), pz.cells(row.knows), pz.scrub(row.notes) if keep_notes else ""]
        if emails:
            cells.insert(-1, emails.get(contact, ""))
        rows.append([_safe(cell) for cell in cells])
    header = CONTACTS_HEADER if not emails else (*CONTACTS_HEADER[:-1], "email", CONTACTS_HEADER[-1])
    return _csv(rows, header, final_newline=True)


def goals_text(goals) -> str:
    """``goals.toml`` for a :class:`~netanalysis.io.goals.Goals` (already scrubbed), without ``[me]``.

    >>> from netanalysis.io.goals import Goals, read_goals
    >>> g = Goals(statement='Win "two" clients', purposes={"sales": 0.6, "job": 0.4}, given=True)
    >>> read_goals(goals_text(g).encode()) == g
    True
    """
    import json

    lines = ["[mission]", f"statement = {json.dumps(goals.statement, ensure_ascii=False)}", "", "[purposes]"]
    lines += [f"{json.dumps(name, ensure_ascii=False)} = {share!r}" for name, share in goals.purposes.items()]
    lines += ["", "[review]"]
    for key in ("window_days", "half_life_days", "actions_per_week", "trusted_strength", "max_meeting_size"):
        lines.append(f"{key} = {getattr(goals, key)!r}")
    return "\n".join(lines) + "\n"


def _messages(frame: pd.DataFrame, owner: str, owner_url: str, texts: dict) -> str:
    """One row per message: the reader's one row per (message, counterpart) folded back by line."""
    frame = frame.sort_values("line", kind="stable")
    rows = []
    current = None
    names: list[str] = []
    urls: list[str] = []

    def flush() -> None:
        if current is None:
            return
        line, date, conversation, direction, sender, sender_url = current
        title, subject, content = texts.get(line, ("", "", ""))
        if direction == "sent":
            row = (conversation, title, owner or sender, owner_url or sender_url, ",".join(names),
                   ",".join(urls) if any(urls) else "")
        else:
            row = (conversation, title, names[0], urls[0], owner, owner_url)
        rows.append((*row, utc_time(pd.Timestamp(date)), subject, content, "INBOX", "", "No", "No"))

    for line, date, conversation, direction, sender, sender_url, name, url in zip(
            frame["line"], frame["date"], frame["conversation"], frame["direction"], frame["sender"],
            frame["sender_url"], frame["counterpart"], frame["counterpart_url"]):
        if current is None or line != current[0]:
            flush()
            current = (int(line), date, conversation, direction, sender, sender_url)
            names, urls = [], []
        names.append(name)
        urls.append(url)
    flush()
    return _csv(rows, MESSAGE_HEADER)


def _invitations(frame: pd.DataFrame, owner: str, owner_url: str, texts: dict) -> str:
    rows = []
    for line, date, name, url, direction in zip(frame["line"], frame["date"], frame["counterpart"],
                                                frame["counterpart_url"], frame["direction"]):
        message = texts.get(int(line), "")
        if direction == "sent":
            rows.append((owner, name, us_time(pd.Timestamp(date), pad=False), message, "OUTGOING", owner_url, url))
        else:
            rows.append((name, owner, us_time(pd.Timestamp(date), pad=False), message, "INCOMING", url, owner_url))
    return _csv(rows, INVITATION_HEADER)


def _endorsements(frame: pd.DataFrame | None, direction: str, header: tuple, pz: Pseudonymiser) -> str:
    rows = []
    if frame is not None:
        part = frame[frame["direction"] == direction].sort_values("line", kind="stable")
        for date, name, url, skill in zip(part["date"], part["counterpart"], part["counterpart_url"],
                                          part["skill"]):
            first, last = pz.split(name)
            rows.append((utc_time(pd.Timestamp(date), "/"), skill, first, last, url.removeprefix("https://"), "ACCEPTED"))
    return _csv(rows, header)


def _recommendations(frame: pd.DataFrame | None, direction: str, pz: Pseudonymiser, texts: dict) -> str:
    rows = []
    if frame is not None:
        part = frame[frame["direction"] == direction].sort_values("line", kind="stable")
        for line, date, name, company, position in zip(part["line"], part["date"], part["counterpart"],
                                                       part["company"], part["position"]):
            first, last = pz.split(name)
            rows.append((first, last, company, position, texts.get(int(line), ""), us_time(pd.Timestamp(date), pad=True),
                         "VISIBLE"))
    return _csv(rows, RECOMMENDATION_HEADER)

