"""The user's own files: ``interactions.csv``, ``contacts.csv`` and ``goals.toml``.

The people in the log (*subjects*) are some connections plus a few people off
LinkedIn (a family member, an old friend).  Each subject gets a circle, an
effort weight, a first and a last contact (days before ``as_of``), and the log
rows are spread over them with a multinomial draw, so every subject has at
least one row and the row count is exact.  A subject is written by display
name, or by profile URL when another connection shares the name's match key.
"""
from __future__ import annotations

from bisect import bisect
from dataclasses import dataclass

import numpy as np
from anyascii import anyascii

from ..io.text import match_key
from ..vocab import CIRCLES, KINDS, PURPOSES
from ._names import NOTES, SKILLS
from ._people import People, day_strings, write_csv
from ._personas import Persona

__all__ = ["Subjects", "make_subjects", "interactions_csv", "contacts_csv", "goals_toml",
           "INTERACTION_HEADER", "CONTACT_HEADER"]

INTERACTION_HEADER = ("date", "contact", "kind", "direction", "value", "purpose", "channel", "with", "notes")
CONTACT_HEADER = ("contact", "circle", "chemistry", "cadence_days", "status", "offers", "needs", "knows", "notes")
_KIND_NAMES = tuple(KINDS)
_BASE_KINDS = dict(coffee=.13, meeting=.16, call=.12, message=.15, email=.12, meal=.04, event=.07,
                   intro=.03, referral=.02, advice=.07, help=.04, endorsement=.02,
                   recommendation=.01, gift=.02)
_ONE_WAY = ("intro", "referral", "advice", "help", "endorsement", "recommendation", "gift")
_PRIVATE_KINDS = ("meal", "call", "gift", "help", "message")
#: circle -> weights of (sales, job, learning, lobbying) as the subject's main purpose.
_CIRCLE_PURPOSE = {"colleague": (0, .2, .6, .2), "former-colleague": (.1, .5, .3, .1),
                   "client": (.9, 0, .1, 0), "partner": (.5, 0, .2, .3),
                   "community": (.1, .1, .5, .3), "mentor": (0, .4, .6, 0),
                   "friend": (0, .4, .6, 0), "family": (0, .5, .5, 0), "other": (.25, .25, .25, .25)}
_CADENCE = {"colleague": 30, "former-colleague": 90, "client": 60, "partner": 60, "community": 180,
            "mentor": 90, "friend": 60, "family": 14, "other": 365}
_CIRCLE_NOTES = {"colleague": ("same team", "sits next to me", ""),
                 "former-colleague": ("old boss", "ex-{emp}", ""),
                 "client": ("key account", "signed in spring, renewal due", ""),
                 "partner": ("co-applicant, EU bid", ""), "community": ("met at IDA", "PyData Copenhagen", ""),
                 "mentor": ("my mentor", ""), "friend": ("friend from uni", ""), "family": ("cousin", ""),
                 "other": ("", "")}
_OFF_LINKEDIN = (("family", 0.015, ("Grete", "Poul", "Ellen", "Karl-Otto"), "my {rel}, not on LinkedIn"),
                 ("friend", 0.010, ("Rune Mølgaard", "Stine Ebbesen", "Morten Kragh Vind"), "old friend from school"),
                 ("mentor", 0.010, ("Ib Krarup", "Lisbeth Aagaard", "Villy Sand"), "retired, my first boss"))


@dataclass
class Subjects:
    """The people in the log; arrays are indexed by subject."""

    conn: np.ndarray            # index into People, -1 if off LinkedIn
    ident: list[str]            # how the log and contacts.csv name them
    circle: list[str]
    weight: np.ndarray
    first_ago: np.ndarray
    last_ago: np.ndarray
    new: np.ndarray
    chemistry: np.ndarray
    purpose: list[str]          # main purpose ('' for none)
    pairs: list[tuple[int, int, str]]   # planted introductions: (offers, needs, skill)
    notes: list[str]

    def __len__(self) -> int:
        return len(self.ident)


def make_subjects(rng: np.random.Generator, persona: Persona, people: People, n_rows: int,
                  window: int) -> Subjects:
    """Pick and describe the people of the log; revise their ``connected_ago``."""
    visible = np.flatnonzero(~people.hidden)
    counts: dict[str, int] = {}
    for i in visible.tolist():
        counts[people.key[i]] = counts.get(people.key[i], 0) + 1
    off = []                                  # off-LinkedIn people whose names match nobody
    surname = persona.owner.last.split()[-1]
    n_off = (0 if len(visible) else min(1, n_rows)) if n_rows < 10 else 2 if n_rows < 300 else 3
    for circle, share, names, note in _OFF_LINKEDIN[:n_off]:
        for name in names:
            name = f"{name} {surname}" if circle == "family" else name
            if match_key(name) not in counts:
                rel = "father" if name.split()[0] in ("Poul", "Karl-Otto") else "mother"
                off.append((name, circle, share, note.format(rel=rel)))
                break
    k = int(round(n_rows / persona.rows_per_person))
    k = max(0, min(k, int(0.7 * len(visible)), n_rows - len(off)))
    if n_rows > len(off) and len(visible):
        k = max(k, 1)
    conn = rng.choice(visible, size=k, replace=False) if k else np.zeros(0, dtype=np.int64)

    names = [c for c in CIRCLES if c in persona.circles]
    shares = np.array([persona.circles[c][0] for c in names])
    effort = np.array([persona.circles[c][1] for c in names])
    ci = rng.choice(len(names), size=k, p=shares / shares.sum())
    weight = rng.lognormal(0.0, persona.effort_sigma, size=k) * (effort / shares)[ci]
    new = rng.random(k) < persona.new_share
    first_ago = np.where(new, rng.uniform(14, 365, k), rng.uniform(365, window, k))
    # Cold ties: no contact for 9+ months; the strongest ones if cold_by_effort.
    old = np.flatnonzero(~new)
    n_cold = min(int(round(persona.cold_share * k)), len(old))
    score = weight[old] * rng.lognormal(0, 0.5, len(old)) if persona.cold_by_effort else rng.random(len(old))
    cold = np.zeros(k, dtype=bool)
    cold[old[np.argsort(-score, kind="stable")[:n_cold]]] = True
    if persona.cold_by_effort:
        first_ago[cold] = rng.uniform(max(365, 0.62 * window), window, cold.sum())
    u = rng.random(k)
    last_ago = np.where(cold, 275 + (np.minimum(first_ago, 0.6 * window) - 275) * u,
                        np.where(new, first_ago * 0.5 * u, np.minimum(first_ago, 120 * u)))
    weight = np.where(cold, weight, weight * persona.warm_effort)
    first_ago, last_ago = first_ago.astype(np.int64), last_ago.astype(np.int64)

    # Off-LinkedIn people: warm, old, a fixed share of the effort.
    n_off = len(off)
    total = weight.sum() if k else 1.0
    off_share = sum(o[2] for o in off)
    weight = np.concatenate([weight, [o[2] * total / max(1e-9, 1 - off_share) for o in off]])
    first_ago = np.concatenate([first_ago, rng.integers(400, window, n_off)])
    last_ago = np.concatenate([last_ago, rng.integers(3, 60, n_off)])
    new = np.concatenate([new, np.zeros(n_off, dtype=bool)])
    circle = [names[c] for c in ci.tolist()] + [o[1] for o in off]
    conn = np.concatenate([conn, -np.ones(n_off, dtype=np.int64)])
    ident = [people.display[c] if counts[people.key[c]] == 1 else people.url[c] for c in conn[:k].tolist()]
    ident += [o[0] for o in off]

    # Connected before the first meeting, or just after it (then rarely before the span).
    span = int(persona.connection_years * 365)
    before = rng.random(k) < 0.75
    ago = np.where(before, first_ago[:k] + rng.integers(0, 700, k), first_ago[:k] - rng.integers(0, 8, k))
    people.connected_ago[conn[:k]] = np.clip(ago, 0, max(span, window))

    n = k + n_off
    chemistry = rng.choice(np.arange(1, 6), size=n, p=[.04, .1, .3, .36, .2])
    chemistry[k:] = 5
    goal = np.array([persona.goals.get(p, 0.25) for p in PURPOSES]) + 0.15
    cumulative = {c: np.cumsum(w / w.sum()).tolist() for c in _CIRCLE_PURPOSE
                  for w in [np.array(_CIRCLE_PURPOSE[c]) * goal] if w.sum()}
    purpose = [PURPOSES[min(bisect(cumulative[c], x), 3)] if c in cumulative else ""
               for c, x in zip(circle, rng.random(n).tolist())]
    pairs = _plant_pairs(rng, persona, weight[:k], cold, circle, chemistry)
    # A sprinkle of effort on a low-chemistry contact.
    busiest = [i for i in np.argsort(-weight[:k], kind="stable")[:12].tolist()
               if all(i not in p[:2] for p in pairs)]
    if len(busiest) > 3:
        chemistry[busiest[3]] = 1 + int(rng.integers(0, 2))
    emp = persona.owner.former_employer
    notes = [_CIRCLE_NOTES[c][int(x * len(_CIRCLE_NOTES[c]))].format(emp=emp)
             for c, x in zip(circle[:k], rng.random(k).tolist())] + [o[3] for o in off]
    return Subjects(conn, ident, circle, weight, first_ago, last_ago, new, chemistry, purpose, pairs, notes)


def _plant_pairs(rng, persona, weight, cold, circle, chemistry) -> list[tuple[int, int, str]]:
    """Trusted, warm contacts in different circles, one offering what the other needs."""
    wanted = persona.matches if len(weight) >= 8 else 0
    order = np.argsort(-weight, kind="stable").tolist()
    pool = [i for i in order if not cold[i] and circle[i] not in ("family", "friend")][: 5 * wanted]
    pairs, used = [], set()
    offset = int(rng.integers(0, len(SKILLS)))
    for a in pool:
        if len(pairs) >= wanted or a in used:
            continue
        b = next((b for b in pool if b not in used and b != a and circle[b] != circle[a]), None)
        if b is None:
            continue
        used.update((a, b))
        pairs.append((a, b, SKILLS[(offset + len(pairs)) % len(SKILLS)]))
        chemistry[a], chemistry[b] = 4 + int(rng.integers(0, 2)), 4 + int(rng.integers(0, 2))
    return pairs


def interactions_csv(rng: np.random.Generator, persona: Persona, people: People, subj: Subjects,
                     n_rows: int, as_of) -> str:
    """The log: ``n_rows`` rows over the subjects, sorted by date."""
    n = len(subj)
    if n == 0 or n_rows == 0:
        return write_csv([], INTERACTION_HEADER, final_newline=True)
    p = subj.weight / subj.weight.sum()
    per = 1 + rng.multinomial(n_rows - n, p)
    who = np.repeat(np.arange(n), per)
    rank = np.arange(n_rows) - np.repeat(np.cumsum(per) - per, per)
    first, last = subj.first_ago[who], subj.last_ago[who]
    ago = last + (first - last) * rng.random(n_rows) ** (1 / persona.old_skew)
    ago = np.where(rank == 0, first, np.where(rank == 1, last, ago)).astype(np.int64)

    kp = np.array([persona.intro_share if k == "intro" else _BASE_KINDS[k] for k in _KIND_NAMES])
    kp[[k != "intro" for k in _KIND_NAMES]] *= (1 - persona.intro_share) / (1 - _BASE_KINDS["intro"])
    kind = rng.choice(len(_KIND_NAMES), size=n_rows, p=kp / kp.sum())
    private = np.isin(np.array(subj.circle, dtype=object)[who], ("family", "friend"))
    kind[private] = rng.choice([_KIND_NAMES.index(k) for k in _PRIVATE_KINDS], size=private.sum())
    is_intro = kind == _KIND_NAMES.index("intro")

    g, r, m = persona.direction
    direction = rng.choice(3, size=n_rows, p=[g, r, m])
    one_way = np.isin(kind, [_KIND_NAMES.index(k) for k in _ONE_WAY])
    ratio = g / (g + r)
    direction = np.where(one_way & (direction == 2), (rng.random(n_rows) >= ratio).astype(int), direction)
    direction = np.where(is_intro, (rng.random(n_rows) >= min(0.8, 2 * ratio)).astype(int), direction)
    tilt = rng.choice(3, size=n, p=[0.05 * g, 0.05 * r, 1 - 0.05 * (g + r)])   # 0: only gets, 1: only gives
    direction = np.where(tilt[who] < 2, tilt[who], direction)
    _rebalance(rng, direction, (tilt[who] == 2) & ~is_intro, ratio)

    defaults = np.array([KINDS[k][0] for k in _KIND_NAMES])
    value = np.clip(defaults[kind] + rng.integers(-1, 2, n_rows), 1, 5)
    value_text = np.where(rng.random(n_rows) < 0.15, "", value.astype(str))
    x = rng.random(n_rows)
    second = rng.integers(0, len(PURPOSES), n_rows)
    channels = np.array([KINDS[k][1] for k in _KIND_NAMES], dtype=object)[kind]
    c = rng.random(n_rows)
    flip = {"online": "offline", "offline": "online"}

    # `with`: the person introduced (another circle), or people met together (same circle).
    by_circle = np.argsort(np.array(subj.circle), kind="stable")
    circ = np.array(subj.circle)[by_circle]
    starts = {cc: int(np.searchsorted(circ, cc)) for cc in set(subj.circle)}
    sizes = {cc: int((circ == cc).sum()) for cc in starts}
    other = rng.integers(0, n, n_rows)
    same = rng.random(n_rows)
    together = np.isin(kind, [_KIND_NAMES.index(k) for k in ("meeting", "coffee", "meal", "call")])
    chance = np.where(kind == _KIND_NAMES.index("event"), 0.3, np.where(together, 0.1, 0.0))
    mention = is_intro | (rng.random(n_rows) < chance)
    banned = {frozenset(pr[:2]) for pr in subj.pairs}
    pick = rng.integers(0, 1 << 30, n_rows)
    pools = [NOTES.get(k, NOTES[""]) for k in _KIND_NAMES]
    notes = [pools[k][p % len(pools[k])] for k, p in zip(kind.tolist(), pick.tolist())]
    subj_circle = subj.circle
    ascii_of: dict[int, str] = {}
    rows = []
    order = np.lexsort((np.arange(n_rows), -ago))
    dates = day_strings(ago[order], as_of, lambda d: d.isoformat())
    for j, i in enumerate(order.tolist()):
        s = int(who[i])
        contact = subj.ident[s]
        cn = subj.conn[s]
        if cn >= 0 and c[i] < 0.02:
            contact = people.url[cn]
        elif cn >= 0 and people.latin[cn] and contact == people.display[cn] and c[i] > 0.85:
            contact = ascii_of.get(s) or ascii_of.setdefault(s, _plain(contact))
        purpose = subj.purpose[s]
        if purpose and x[i] < 0.12:
            purpose = ";".join(dict.fromkeys((purpose, PURPOSES[second[i]])))
        elif x[i] > 0.82 or subj_circle[s] == "family":
            purpose = ""
        channel = channels[i] if c[i] < 0.62 else "" if c[i] < 0.92 else flip[channels[i]]
        with_ = ""
        if mention[i] and n > 1:
            cc = subj_circle[s]
            if is_intro[i]:             # the person introduced, preferably from another circle
                present = [int(other[i])] if subj_circle[other[i]] != cc or n <= 10 else []
            else:                       # met together: one or two from the same circle
                present = [int(by_circle[starts[cc] + int(same[i] * sizes[cc])])]
                if pick[i] % 5 == 0:
                    present.append(int(by_circle[starts[cc] + (pick[i] >> 3) % sizes[cc]]))
            group = [s]
            for t in present:
                if t not in group and all(frozenset((t, x)) not in banned for x in group):
                    group.append(t)
            with_ = ";".join(subj.ident[t] for t in group[1:])
        rows.append((dates[j], contact, _KIND_NAMES[kind[i]], ("gave", "received", "mutual")[direction[i]],
                     value_text[i], purpose, channel, with_, notes[i]))
    return write_csv(rows, INTERACTION_HEADER, final_newline=True)


def _rebalance(rng: np.random.Generator, direction: np.ndarray, free: np.ndarray, ratio: float) -> None:
    """Flip some ``free`` rows between gave (0) and received (1) so gave/(gave+received) = ratio."""
    gave, received = int((direction == 0).sum()), int((direction == 1).sum())
    excess = gave - int(round((gave + received) * ratio))
    source = 0 if excess > 0 else 1
    candidates = np.flatnonzero(free & (direction == source))
    flip = rng.choice(candidates, size=min(abs(excess), len(candidates)), replace=False)
    direction[flip] = 1 - source


def _plain(name: str) -> str:
    """The name typed without accents, if that still matches (``Soren`` for ``Søren``)."""
    plain = anyascii(name)
    return plain if match_key(plain) == match_key(name) else name


def contacts_csv(rng: np.random.Generator, persona: Persona, people: People, subj: Subjects) -> str:
    """Annotations: every subject plus a few connections not (yet) in the log."""
    n = len(subj)
    taken = set(subj.conn.tolist())
    counts: dict[str, int] = {}
    for key in people.key:
        counts[key] = counts.get(key, 0) + 1
    candidates = [i for i in np.argsort(people.connected_ago, kind="stable").tolist()
                  if not people.hidden[i] and i not in taken][:max(3, n // 30)]
    idents = list(subj.ident) + [people.display[i] if counts[people.key[i]] == 1 else people.url[i]
                                 for i in candidates]
    total = len(idents)
    circles = list(subj.circle) + [CIRCLES[int(x)] for x in rng.choice([0, 2, 3, 4, 8], len(candidates))]
    chemistry = np.concatenate([subj.chemistry, rng.integers(3, 6, len(candidates))])
    u = rng.random((6, total))
    offers = [set() for _ in range(total)]
    needs = [set() for _ in range(total)]
    pick = rng.integers(0, len(SKILLS), (3, total))
    for i in range(total):
        if u[0, i] < persona.offers_share:
            offers[i].update(SKILLS[p] for p in pick[:1 + (u[1, i] < 0.4), i])
        if u[2, i] < persona.needs_share and SKILLS[pick[2, i]] not in offers[i]:
            needs[i].add(SKILLS[pick[2, i]])
    partner: dict[int, set[int]] = {}
    for a, b, skill in subj.pairs:
        offers[a].add(skill)
        needs[b].add(skill)
        needs[a].discard(skill)
        offers[b].discard(skill)
        partner.setdefault(a, set()).add(b)
        partner.setdefault(b, set()).add(a)
    by_circle: dict[str, list[int]] = {}
    for i, cc in enumerate(circles):
        by_circle.setdefault(cc, []).append(i)
    rows = []
    big = rng.integers(0, 1 << 30, (4, total))
    for i in range(total):
        knows: list[str] = []
        if u[3, i] < 0.5 and total > 1:
            for t in range(1 + int(big[0, i] % 3)):
                group = by_circle[circles[i]] if (big[1, i] >> t) % 10 < 7 else range(total)
                other = group[int(big[2, i] >> (3 * t)) % len(group)]
                if other != i and other not in partner.get(i, ()) and idents[other] not in knows:
                    knows.append(idents[other])
        cadence = str(_CADENCE[circles[i]]) if u[4, i] < 0.6 else ""
        chem = int(chemistry[i])
        status = ("wind-down" if chem <= 2 and u[5, i] < 0.7 else
                  "develop" if (i >= n or subj.new[i]) and u[5, i] < 0.5 else
                  "keep" if u[5, i] < 0.35 else "")
        note = subj.notes[i] if i < n else "new, follow up"
        rows.append((idents[i], circles[i], chem, cadence, status, ";".join(sorted(offers[i])),
                     ";".join(sorted(needs[i])), ";".join(knows), note))
    return write_csv(rows, CONTACT_HEADER, final_newline=True)


def goals_toml(persona: Persona) -> str:
    """``goals.toml``: mission, target shares per purpose (sum 1), review settings."""
    lines = ["# What the network is for (netanalysis goals)", "[mission]",
             f'statement = "{persona.mission}"', "", "[purposes]   # target share of effort, sums to 1"]
    lines += [f"{p} = {persona.goals.get(p, 0.0)}" for p in PURPOSES]
    lines += ["", "[review]", "window_days = 365", "half_life_days = 180", "actions_per_week = 5", ""]
    return "\n".join(lines)
