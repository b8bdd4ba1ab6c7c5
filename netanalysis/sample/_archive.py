"""The LinkedIn archive files ("Get a copy of your data", 2024+ layouts).

``Profile.csv``, ``messages.csv``, ``Invitations.csv``, the two endorsement and
the two recommendation files.  Times are seconds before the export moment
(``as_of`` 08:00 UTC), so no timestamp falls after ``as_of``.  The messages are
built column-wise with numpy so 300,000 of them take about a second.
"""
from __future__ import annotations

import base64
from datetime import date, datetime, timedelta

import numpy as np

from ..io.linkedin.formats import (ENDORSEMENT_GIVEN_HEADER, ENDORSEMENT_HEADER, INVITATION_HEADER,
                               MESSAGE_HEADER, PROFILE_HEADER, PROFILE_PREFIX, RECOMMENDATION_HEADER, us_time)
from ._log import Subjects
from ._names import (INVITE_NOTES, LINKEDIN_SKILLS, MESSAGES, NAME_GROUPS, OPENERS, RECOMMENDATIONS,
                     STUDENT_INVITE)
from ._people import People, owner_url, slugify, write_csv
from ._personas import Persona

__all__ = ["archive_files"]

_SPONSORED = ("Invitation: Executive MBA info evening",
              "Hi {first}, are you ready for your next career move? Join our free webinar.")
_DAY = 86400


def archive_files(rng: np.random.Generator, persona: Persona, people: People, subj: Subjects,
                  n_messages: int, as_of: date) -> dict[str, str]:
    """All archive files, by their usual names."""
    export = datetime(as_of.year, as_of.month, as_of.day, 8, 0, 0)
    weights = _contact_weights(people, subj)
    received, given = _endorsements(rng, persona, people, weights, export)
    rec_received, rec_given = _recommendations(rng, persona, people, subj, export)
    return {
        "Profile.csv": _profile(persona),
        "messages.csv": _messages(rng, persona, people, subj, weights, n_messages, export),
        "Invitations.csv": _invitations(rng, persona, people, export),
        "Endorsement_Received_Info.csv": received,
        "Endorsement_Given_Info.csv": given,
        "Recommendations_Received.csv": rec_received,
        "Recommendations_Given.csv": rec_given,
    }


def _profile(persona: Persona) -> str:
    o = persona.owner
    site = f"[PERSONAL:https://example.com/{slugify(o.name, True)}]" if persona.name == "matchmaker" else ""
    row = (o.first, o.last, "", "", o.birth, o.headline, o.summary, o.industry, o.zip_code, o.geo,
           "", site, "")
    return write_csv([row], PROFILE_HEADER)


def _contact_weights(people: People, subj: Subjects) -> np.ndarray:
    """How likely each connection is to appear in the archive: the log's people far more."""
    weights = np.where(people.hidden, 0.0, 1.0)
    k = subj.conn >= 0
    if k.any():
        w = subj.weight[k]
        weights[subj.conn[k]] += 30 * w / w.mean()
    return weights / weights.sum() if weights.sum() else weights


def _active_days(rng, people: People, subj: Subjects, who: np.ndarray) -> np.ndarray:
    """Days before the export of an exchange with connection ``who``: within the logged tie if any."""
    first = people.connected_ago[who].astype(float)
    last = np.zeros(len(who))
    lookup = np.full(len(people), -1)
    lookup[subj.conn[subj.conn >= 0]] = np.flatnonzero(subj.conn >= 0)
    s = lookup[who]
    logged = s >= 0
    first[logged] = np.minimum(first[logged], subj.first_ago[s[logged]])
    last[logged] = subj.last_ago[s[logged]]
    return (last + (first - last) * rng.random(len(who))).astype(np.int64)


def _stamp(export: datetime, seconds: np.ndarray) -> np.ndarray:
    """``YYYY-MM-DDTHH:MM:SS`` strings for ``seconds`` before ``export``."""
    moments = np.datetime64(export, "s") - seconds.astype("timedelta64[s]")
    return np.datetime_as_string(moments, unit="s")


def _messages(rng, persona, people: People, subj: Subjects, weights, n: int, export: datetime) -> str:
    if n <= 0:
        return write_csv([], MESSAGE_HEADER)
    me, my_url = persona.owner.name, owner_url(persona.owner)
    n_conv = max(1, n // 5)
    per = 1 + rng.multinomial(n - n_conv, rng.dirichlet(np.full(n_conv, 0.8)))
    conv = np.repeat(np.arange(n_conv), per)
    head = np.cumsum(per) - per
    sponsored = rng.random(n_conv) < 0.02
    display = np.array(people.display + [""], dtype=object)
    urls = np.array(people.url + [""], dtype=object)
    if weights.sum() == 0:              # nobody to write with: only sponsored messages
        sponsored[:] = True
        who = np.full(n_conv, len(people), dtype=np.int64)
        days = rng.integers(0, 365, n_conv)
    else:
        who = rng.choice(len(people), size=n_conv, p=weights)
        days = _active_days(rng, people, subj, who)
    followed = _follow_ups(rng, persona, people, subj, who, days, sponsored)
    start = days * _DAY + rng.integers(0, _DAY, n_conv)
    gaps = rng.exponential(6 * 3600, n)
    offset = np.cumsum(gaps) - np.repeat(np.cumsum(gaps)[head] - gaps[head], per)
    ago = np.maximum(start[conv] - offset.astype(np.int64), 30)
    mine = rng.random(n) < 0.5
    mine[head] = rng.random(n_conv) < persona.initiative
    mine[head[followed]] = True          # a follow-up is the owner's own first message
    mine &= ~sponsored[conv]
    draft = mine & (rng.random(n) < 0.004)
    if n >= 50 and not draft.any():
        draft[np.flatnonzero(mine)[:1]] = True

    them, their_url = display[who][conv], urls[who][conv]
    them[sponsored[conv]], their_url[sponsored[conv]] = "LinkedIn Member", ""
    body = np.array(MESSAGES, dtype=object)[rng.integers(0, len(MESSAGES), n)]
    opener = rng.integers(0, len(OPENERS), n_conv)
    for c, h in enumerate(head.tolist()):      # personal first message of each conversation
        if sponsored[c]:
            body[h] = _SPONSORED[1].format(first=persona.owner.first)
        elif opener[c] < 2:
            first = people.first[who[c]].strip() if mine[h] else persona.owner.first
            body[h] = OPENERS[opener[c]].format(first=first) + " " + body[h]
    subject = np.where(sponsored[conv], _SPONSORED[0], "")
    raw = rng.bytes(12 * n_conv)
    ids = np.array(["2-" + base64.b64encode(raw[12 * i:12 * i + 12].hex().encode()).decode()
                    for i in range(n_conv)], dtype=object)[conv]
    folder = np.where(rng.random(n_conv) < 0.05, "ARCHIVE", "INBOX")[conv]
    sender = np.where(mine, me, them)
    sender_url = np.where(mine, my_url, their_url)
    to = np.where(mine, them, me)
    to_url = np.where(mine, their_url, my_url)
    order = np.argsort(ago, kind="stable")
    stamps = _stamp(export, ago[order])
    cols = [ids, np.full(n, "", dtype=object), sender, sender_url, to, to_url, None, subject, body,
            folder, np.full(n, "", dtype=object), np.where(draft, "Yes", "No"), np.full(n, "No", dtype=object)]
    lists = [[f"{s[:10]} {s[11:]} UTC" for s in stamps.tolist()] if col is None else col[order].tolist()
             for col in cols]
    return write_csv(zip(*lists), MESSAGE_HEADER)


def _follow_ups(rng, persona, people: People, subj: Subjects, who: np.ndarray, days: np.ndarray,
                sponsored: np.ndarray) -> np.ndarray:
    """Turn some conversations into the owner's follow-ups of recent connections: each connection
    made in the last 90 days and not in the log is followed up with ``persona.followed_up``
    probability, one to four days after connecting.  Returns the conversations changed."""
    in_log = np.zeros(len(people), dtype=bool)
    in_log[subj.conn[subj.conn >= 0]] = True
    recent = np.flatnonzero(~people.hidden & (people.connected_ago <= 90) & ~in_log)
    chosen = recent[rng.random(len(recent)) < persona.followed_up]
    free = np.flatnonzero(~sponsored)
    slots = rng.choice(free, size=min(len(chosen), len(free)), replace=False) if len(free) else free
    chosen = chosen[:len(slots)]
    who[slots] = chosen
    days[slots] = np.maximum(people.connected_ago[chosen] - rng.integers(1, 5, len(chosen)), 0)
    return slots


def _invitations(rng, persona, people: People, export: datetime) -> str:
    """The last six months: accepted invitations of recent connections, plus a few pending."""
    me, my_url = persona.owner.name, owner_url(persona.owner)
    recent = np.flatnonzero(~people.hidden & (people.connected_ago <= 178)).tolist()
    sent = [int(people.connected_ago[i]) * _DAY + int(x) for i, x in
            zip(recent, rng.integers(0, 3 * _DAY, len(recent)))]
    outgoing = (rng.random(len(recent)) < persona.outgoing_invites).tolist()
    others = [(people.display[i], people.url[i]) for i in recent]
    n_pending = len(recent) // 8 + (1 if recent else 0)
    danish = NAME_GROUPS[0]
    for j in range(n_pending):      # invitations not (yet) accepted: people not in the connections
        first, last = (danish[1][int(rng.integers(0, len(danish[1])))],
                       danish[2][int(rng.integers(0, len(danish[2])))])
        slug = slugify(f"{first} {last}", True) + f"-{int(rng.integers(1 << 28, 1 << 32)):08x}"
        others.append((f"{first} {last}", PROFILE_PREFIX + slug))
        sent.append(int(rng.integers(0, 170 * _DAY)))
        outgoing.append(True)
    notes = rng.integers(0, 1 << 30, len(others))
    texts = INVITE_NOTES + (STUDENT_INVITE,) * 4 if persona.name == "student" else INVITE_NOTES
    rows = []
    for j in sorted(range(len(others)), key=lambda j: sent[j]):
        moment = export - timedelta(seconds=min(sent[j], 182 * _DAY))
        name, url = others[j]
        a, b = ((me, my_url), (name, url)) if outgoing[j] else ((name, url), (me, my_url))
        pool = texts if outgoing[j] else INVITE_NOTES
        rows.append((a[0], b[0], us_time(moment, pad=False), pool[notes[j] % len(pool)],
                     "OUTGOING" if outgoing[j] else "INCOMING", a[1], b[1]))
    return write_csv(rows, INVITATION_HEADER)


def _endorsements(rng, persona, people: People, weights, export: datetime) -> tuple[str, str]:
    visible = int((~people.hidden).sum())
    out = []
    for ratio, header, statuses in ((persona.endorse_received, ENDORSEMENT_HEADER, (0.85, 0.05, 0.10)),
                                    (persona.endorse_given, ENDORSEMENT_GIVEN_HEADER, (0.97, 0.0, 0.03))):
        n = int(round(ratio * visible)) if visible else 0
        who = rng.choice(len(people), size=n, p=weights) if n else np.zeros(0, dtype=np.int64)
        skill = rng.integers(0, len(LINKEDIN_SKILLS), n)
        _, keep = np.unique(who * len(LINKEDIN_SKILLS) + skill, return_index=True)
        keep = np.sort(keep)
        who, skill = who[keep], skill[keep]
        ago = np.minimum(people.connected_ago[who], 8 * 365) * rng.random(len(who))
        seconds = (ago * _DAY).astype(np.int64)
        status = rng.choice(["ACCEPTED", "REJECTED", "PENDING"], size=len(who), p=statuses)
        order = np.argsort(seconds, kind="stable").tolist()
        stamps = _stamp(export, seconds)
        rows = [(f"{stamps[i][:10].replace('-', '/')} {stamps[i][11:]} UTC", LINKEDIN_SKILLS[skill[i]],
                 people.first[who[i]], people.last[who[i]],
                 "www.linkedin.com/in/" + people.slug(who[i]), status[i]) for i in order]
        out.append(write_csv(rows, header))
    return out[0], out[1]


def _recommendations(rng, persona, people: People, subj: Subjects, export: datetime) -> tuple[str, str]:
    logged = np.flatnonzero(subj.conn >= 0)
    top = logged[np.argsort(-subj.weight[logged], kind="stable")][:12]
    out = []
    for count, about_me in ((persona.recommendations[1], True), (persona.recommendations[0], False)):
        chosen = rng.permutation(top)[:count].tolist() if len(top) else []
        rows = []
        for s in chosen:
            c = int(subj.conn[s])
            days = int(subj.last_ago[s] + (subj.first_ago[s] - subj.last_ago[s]) * rng.random())
            moment = export - timedelta(days=days, seconds=int(rng.integers(0, _DAY)))
            first = persona.owner.first if about_me else people.first[c].strip()
            text = RECOMMENDATIONS[int(rng.integers(0, len(RECOMMENDATIONS)))].format(first=first)
            rows.append((moment, (people.first[c], people.last[c], people.company[c], people.position[c],
                                  text, us_time(moment, pad=True), "VISIBLE")))
        rows.sort(key=lambda r: r[0], reverse=True)
        out.append(write_csv([r[1] for r in rows], RECOMMENDATION_HEADER))
    return out[0], out[1]
