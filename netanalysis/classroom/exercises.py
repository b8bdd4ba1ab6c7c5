"""Classroom helpers: a five-person network, vital signs, and answer checkers that give hints.

For ``notebooks/03_classroom_exercise.ipynb`` (students) and
``notebooks/04_teacher_solution.ipynb`` (the worked answers).  Every
``check_*`` function returns one message (a ``str``) and never gives the
expected answer away:

* ``"Write your answer in my_answer ..."`` while the answer is still ``None``;
* ``"Correct: ..."`` when it matches the library;
* ``"Not quite: ..."`` / ``"Almost: ..."`` with a hint where to look, naming
  the likely mistake when the answer matches one (no decay, mutual rows left
  out, counts instead of shares, ...).

The checkers compare with the library's own numbers: tie strength with
:func:`netanalysis.analysis.ties.tie_table`, Blau's index with
``rev.diversity.blau_effort``, Burt's constraint with
``rev.matchmaking.constraint``, a diagnosis with the persona's defining rule
(:data:`netanalysis.sample.PERSONAS`, which is the headline of its review).

>>> check_diagnosis("taker", None)
"Write your answer in my_answer: a rule such as 'purpose' (the rules are in ADVICE)."
>>> check_diagnosis("taker", "reciprocity")
'Correct: the taker most needs to hear "give at least as much as you get".'
>>> check_diagnosis("taker", "depth")
'Not quite (taker): Compare the value received with the value given.'
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from .._format import whole_percent
from ..vocab import PRIVATE_CIRCLES, RULES
from .hints import TOLERANCE
from .hints import as_number as _number
from .hints import check_parts as _check_parts
from .hints import strength_hint as _strength_hint

__all__ = ["FIVE_PEOPLE", "FIVE_PEOPLE_AS_OF", "ADVICE", "write_five_people", "vital_signs", "compare",
           "check_diagnosis", "check_strength", "check_blau", "check_constraint", "check_introductions"]

#: The review date of the five-person network (the sample personas' export day).
FIVE_PEOPLE_AS_OF = "2026-11-01"

#: The five-person network's files: small enough to compute every metric on paper.
#: Cai's rows are 0, 180 and 360 days old (decay 1, 1/2, 1/4 at the default half-life
#: of 180 days); Bo has one row older than the 365-day review window; Emil was at Dina's
#: event (``with``), which is a day in touch for him too.
FIVE_PEOPLE = {
    "Connections.csv": (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Berg,https://www.linkedin.com/in/ann-berg,,Nordlys Analytics,Data Scientist,01 Nov 2021\n"
        "Bo,Dahl,https://www.linkedin.com/in/bo-dahl,,Nordlys Analytics,Sales Lead,15 Mar 2019\n"
        "Cai,Eriksen,https://www.linkedin.com/in/cai-eriksen,,Region Hovedstaden,Procurement Officer,01 Nov 2022\n"
        "Dina,Falk,https://www.linkedin.com/in/dina-falk,,DTU,Associate Professor,10 Jun 2024\n"
        "Emil,Gade,https://www.linkedin.com/in/emil-gade,,Carlsberg,Brewer,20 Aug 2020\n"),
    "interactions.csv": (
        "date,contact,kind,direction,value,purpose,channel,with,notes\n"
        "2026-10-20,Ann Berg,meeting,mutual,3,learning,offline,,\n"
        "2026-08-03,Ann Berg,call,gave,2,job,online,,\n"
        "2026-02-04,Ann Berg,advice,received,3,learning,online,,\n"
        "2026-09-27,Bo Dahl,coffee,mutual,2,sales,offline,,\n"
        "2026-04-10,Bo Dahl,call,received,2,sales,online,,\n"
        "2025-05-10,Bo Dahl,meeting,gave,3,sales,offline,,older than the review window\n"
        "2026-11-01,Cai Eriksen,meeting,received,4,sales,offline,,\n"
        "2026-05-05,Cai Eriksen,coffee,mutual,2,learning,offline,,\n"
        "2025-11-06,Cai Eriksen,email,gave,1,sales,online,,\n"
        "2026-06-15,Dina Falk,event,mutual,2,learning,offline,Emil Gade,met at the brewery talk\n"
        "2026-09-01,Dina Falk,intro,gave,4,learning,online,Ann Berg,introduced Dina to Ann\n"
        "2026-03-01,Emil Gade,meal,mutual,3,,offline,,\n"),
    "contacts.csv": (
        "contact,circle,chemistry,cadence_days,status,offers,needs,knows,notes\n"
        "Ann Berg,colleague,5,,develop,python,industry data,,\n"
        "Bo Dahl,colleague,3,,keep,,,,\n"
        "Cai Eriksen,client,4,,develop,,python,Bo Dahl,\n"
        "Dina Falk,community,4,,develop,industry data,,,\n"
        "Emil Gade,friend,5,,keep,,,,\n"),
}

#: Each rule of the review and the piece of the seed essays' advice it stands for.
ADVICE = {
    "purpose": "define the purpose: why network?",
    "chemistry": "let desire and chemistry drive networking",
    "reciprocity": "give at least as much as you get",
    "depth": "think in deep rather than broad relations",
    "renewal": "don't get stuck in old networks",
    "family": "keep family and close friends out of the professional network",
    "staleness": "look after your relations: trust needs upkeep",
    "follow-up": "a business card is not a relation: follow up",
    "matchmaking": "be your network's matchmaker",
}

# Where to look, by the rule the persona really breaks (never names the rule).
_LOOK = {
    "depth": "compare the number of connections with the strong ties, and how many were never met",
    "reciprocity": "compare the value received with the value given",
    "renewal": "look at the share of effort on the old circle (colleagues and former colleagues) "
               "and on relations begun in the last year",
    "staleness": "look at how much of the strong ties' weight is past its cadence",
    "follow-up": "look at the connections made in the last 90 days",
    "matchmaking": "this network is healthy on most counts; look at who could help whom",
    "family": "look at the effort on family and friends",
    "chemistry": "look at the effort on contacts rated low for chemistry",
    "purpose": "look at how well the effort matches the mission",
}
_TOLERANCE = TOLERANCE


def write_five_people(folder) -> Path:
    """Write the five-person network (:data:`FIVE_PEOPLE`) to ``folder``; return the folder.

    >>> import tempfile, netanalysis
    >>> net = netanalysis.load(write_five_people(tempfile.mkdtemp()))
    >>> sorted(net.people["contact"])
    ['Ann Berg', 'Bo Dahl', 'Cai Eriksen', 'Dina Falk', 'Emil Gade']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in FIVE_PEOPLE.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder


def vital_signs(rev) -> dict[str, object]:
    """A dozen headline numbers of a review, one or two per rule (shares in whole percent).

    Missing values (a share of nothing) are ``None``.
    """
    d, r, s, v, p, m = rev.depth, rev.reciprocity, rev.staleness, rev.diversity, rev.purpose, rev.matchmaking
    return {
        "connections": d.connections,
        "strong ties": d.strong_ties,
        "never met (% of connections)": whole_percent(d.cards_share),
        "met only once (% of those met)": whole_percent(d.met_once / d.met if d.met else math.nan),
        "value received (% of all exchanged, recent)": whole_percent(r.received_share_recent),
        "effort on (former) colleagues (%)": whole_percent(v.lock_in_old),
        "effort on relations begun this year (%)": whole_percent(v.newness),
        "strong ties' weight past cadence (%)": whole_percent(s.shares["late_weighted"]),
        "connected in the last 90 days (% of connections)": whole_percent(
            s.counts["recent_connections"] / d.connections if d.connections else math.nan),
        "new connections not followed up (%)": whole_percent(s.shares["follow_up"]),
        "well-matched introductions waiting": m.distinct_best,
        "effort on family and friends (%)": whole_percent(v.family_effort),
        "effort on low chemistry (%)": whole_percent(p.low_chemistry_share),
        "effort matching the mission (%)": whole_percent(p.alignment),
    }


def compare(reviews: dict) -> pd.DataFrame:
    """:func:`vital_signs` of several reviews side by side (one column each, ``Int64``).

    ``reviews`` maps a column name (a persona, or "my goals") to a review.
    """
    frame = pd.DataFrame({name: vital_signs(rev) for name, rev in reviews.items()})
    return frame.astype("Int64")


def check_diagnosis(persona: str, rule: str | None, *, rev=None, name: str = "my_answer") -> str:
    """Check the rule a student names as ``persona``'s main problem.

    ``rev`` (the persona's review) lets the hint say when the answer is one
    of its findings but not the headline.
    """
    from ..sample import PERSONAS

    if persona not in PERSONAS:
        return f"There is no persona {persona!r}: use one of {', '.join(PERSONAS)}."
    if rule is None:
        return f"Write your answer in {name}: a rule such as 'purpose' (the rules are in ADVICE)."
    answer = str(rule).strip().lower().replace("_", "-").replace("follow up", "follow-up")
    if answer not in RULES:
        return f"Not quite: {rule!r} is not one of the rules; use one of: {', '.join(RULES)}."
    expected = PERSONAS[persona].rule
    if answer == expected:
        return f'Correct: the {persona} most needs to hear "{ADVICE[expected]}".'
    found = {f.rule for f in rev.findings} if rev is not None else set()
    also = f" {answer} is one of its findings, but not the most severe." if answer in found else ""
    return f"Not quite ({persona}):{also} {_LOOK[expected].capitalize()}."


def check_strength(my_value, net, contact: str, *, as_of, parts: dict | None = None,
                   name: str = "my_strength") -> str:
    """Check a tie strength worked out by hand (formula in :mod:`netanalysis.analysis.ties`).

    ``parts`` may hold the student's ``I``, ``T``, ``M``, ``D``; each is
    checked on its own, so a wrong total can be traced to its part.
    """
    from ..analysis.ties import tie_table

    ties = tie_table(net, as_of)
    person = _person(ties, contact)
    if person is None:
        return f"There is no {contact!r} in this network: write the name as in rev.ties['contact']."
    library = float(ties.at[person, "strength"])
    mine = _number(my_value)
    lines = []
    if parts:
        lines += _check_parts(parts, net, person, as_of)
    if my_value is None:
        lines.append(f"Write your answer in {name} (a number between 0 and 1).")
    elif mine is None:
        lines.append(f"Not quite: {name} should be a number like 0.25, not {my_value!r}.")
    elif abs(mine - library) <= _TOLERANCE:
        lines.append(f"Correct: {mine:.4f} is the library's strength of {contact} "
                     "(netanalysis.analysis.ties.tie_table) to 3 decimals.")
    elif not 0 <= mine <= 1:
        lines.append("Not quite: a tie strength lies between 0 and 1: F = I / (I + 1) is below 1, "
                     "and the bracket 0.55 + 0.15·T + 0.15·M + 0.15·D is at most 1.")
    else:
        lines.append("Not quite: " + _strength_hint(mine, net, person, as_of))
    return "\n".join(lines)


def check_blau(my_value, rev, *, name: str = "my_blau") -> str:
    """Check Blau's index of effort across the clusters (``rev.diversity.blau_effort``)."""
    expected = rev.diversity.blau_effort
    mine = _number(my_value)
    if my_value is None:
        return f"Write your answer in {name} (a number between 0 and 1)."
    if mine is None:
        return f"Not quite: {name} should be a number like 0.5, not {my_value!r}."
    if abs(mine - expected) <= _TOLERANCE:
        return f"Correct: {mine:.3f} is rev.diversity.blau_effort."
    table = rev.diversity.clusters_table
    grouped = table[table["cluster"] != "unclustered"]
    share = grouped["effort"] / grouped["effort"].sum()
    if abs(mine - expected * 100) <= 100 * _TOLERANCE:
        return "Almost: give the index as a share between 0 and 1, not in percent."
    if abs(mine - float((share ** 2).sum())) <= _TOLERANCE:
        return "Not quite: that is Σ p², the chance that two units of effort fall in the same circle; " \
               "Blau's index is 1 minus it."
    if abs(mine - rev.diversity.blau_contacts) <= _TOLERANCE:
        return "Not quite: you shared out the people; the question is about effort (days in touch in the " \
               "review window) per circle."
    if abs(mine - _blau_of_rows(rev)) <= _TOLERANCE:
        return "Not quite: you counted only the rows where each person is the contact; being present at a " \
               "logged coffee, meeting, meal, event or call (the `with` column) is a day in touch too."
    if mine < 0:
        return "Not quite: turn the effort per circle into shares p = effort / total effort first."
    return "Not quite: count each person's days in touch in the last 365 days (older days are not " \
           "effort; presence through `with` counts), add them up per circle, turn them into shares p, " \
           "then compute 1 - Σ p²."


def _blau_of_rows(rev) -> float:
    """Blau's index of effort counted as log rows with the person as contact (the wrong way)."""
    rows = rev.rows
    age = (pd.Timestamp(rev.as_of) - rows["date"]).dt.days
    window = rows[age < int(rev.summary["goals"]["window_days"])]
    circles = rev.ties["circle"].reindex(window["person_id"]).fillna("").to_numpy()
    counts = pd.Series(circles[circles != ""]).value_counts()
    share = counts / counts.sum() if counts.sum() else counts
    return float(1 - (share ** 2).sum()) if len(share) else math.nan


def check_constraint(my_value, rev, *, name: str = "my_constraint") -> str:
    """Check Burt's constraint of ``"me"`` (``rev.matchmaking.constraint``, weighted)."""
    import networkx as nx

    expected = rev.matchmaking.constraint
    mine = _number(my_value)
    if my_value is None:
        return f"Write your answer in {name} (a number, usually between 0 and 1)."
    if mine is None:
        return f"Not quite: {name} should be a number, not {my_value!r}."
    if math.isnan(expected):
        return "This network has no ties between your contacts: constraint is undefined (nan) here."
    if abs(mine - expected) <= _TOLERANCE:
        return f"Correct: {mine:.3f} is rev.matchmaking.constraint."
    sub = _active_graph(rev)
    if abs(mine - nx.constraint(sub)["me"]) <= _TOLERANCE:
        return "Not quite: you counted every tie as 1; weigh them (ties to you: strength; between " \
               "contacts: the edge weight) when you compute p_ij."
    weights = pd.Series({v: d["weight"] for v, d in sub.adj["me"].items()}, dtype=float)
    if abs(mine - float(((weights / weights.sum()) ** 2).sum())) <= _TOLERANCE:
        return "Not quite: you left out the indirect part Σ_q p_mq · p_qj (through contacts who know each other)."
    return "Not quite: build p_ij = w_ij / Σ_k w_ik for every node (its row of weights divided by the " \
           "row sum), then constraint = Σ_j (p_me,j + Σ_q p_me,q · p_q,j)² over your contacts j."


def check_introductions(pairs, rev, *, name: str = "my_introductions") -> str:
    """Check three proposed introductions ``[(a, b, reason), ...]`` against the review's rules.

    A sound introduction joins two strong ties (you can vouch for them), in
    different clusters, who don't know each other yet, neither family nor a
    friend, nor someone you are winding down, rate 2 or less for chemistry, or
    who only takes, with a reason to meet (one offers what the other needs, or
    both are people you rate 4+ for chemistry), and ``reason`` says what it is.
    """
    if pairs is None:
        return f"Write your answer in {name}: a list of three (name, name, reason) tuples."
    if isinstance(pairs, (str, bytes)) or not hasattr(pairs, "__len__") or len(pairs) != 3:
        return f"Not quite: {name} should be a list of exactly three (name, name, reason) tuples."
    trusted = float(rev.summary["goals"]["trusted_strength"])
    library = {frozenset((a, b)) for a, b in zip(rev.matchmaking.introductions["a_id"],
                                                  rev.matchmaking.introductions["b_id"])}
    lines, good, seen, shared = [], 0, set(), 0
    for number, pair in enumerate(pairs, 1):
        message, key = _check_pair(pair, rev, trusted, seen)
        good += message.startswith("Good")
        shared += key in library
        lines.append(f"{number}. {message}")
    if good == 3:
        lines.insert(0, f"Correct: all three introductions hold up ({shared} of them also in "
                        "rev.matchmaking.introductions).")
    else:
        lines.insert(0, f"Not quite: {good} of 3 hold up.")
    return "\n".join(lines)


def _check_pair(pair, rev, trusted: float, seen: set) -> tuple[str, frozenset | None]:
    if not isinstance(pair, (tuple, list)) or len(pair) not in (2, 3):
        return f"Not quite: write each introduction as (name, name, reason), not {pair!r}.", None
    names = [str(x).strip() for x in pair[:2]]
    reason = str(pair[2]).strip() if len(pair) == 3 and pair[2] is not None else ""
    ties = rev.ties
    ids = [_person(ties, n) for n in names]
    for n, pid in zip(names, ids):
        if pid is None:
            return f"Not quite: there is no {n!r} in rev.ties['contact']; copy the name exactly.", None
    a, b = ids
    key = frozenset(ids)
    label = f"{ties.at[a, 'contact']} and {ties.at[b, 'contact']}"
    if a == b:
        return f"Not quite: {label} are the same person.", None
    if key in seen:
        return f"Not quite: {label} are already in your list.", key
    seen.add(key)
    for pid in ids:
        row = ties.loc[pid]
        if row["circle"] in PRIVATE_CIRCLES:
            return (f"Not quite: {row['contact']} is {row['circle']}: keep family and close friends out of the "
                    "professional network (ask them to introduce you instead)."), key
        if row["status"] == "wind-down":
            return f"Not quite: you are winding down the relation with {row['contact']}.", key
        if pd.notna(row["chemistry"]) and int(row["chemistry"]) <= 2:
            return (f"Not quite: you rate {row['contact']} {int(row['chemistry'])} of 5 for chemistry; "
                    "let desire and chemistry drive your networking, and introduce people you like."), key
        if bool(row.get("taker", False)):
            return (f"Not quite: {row['contact']} has taken much more than given back; an introduction for "
                    "them is one more favour. Ask them for something in return first."), key
    if rev.graph.has_edge(a, b):
        why = ", ".join(rev.graph.edges[a, b].get("reasons", [])) or "a tie in the data"
        return f"Not quite: {label} already know each other ({why}); an introduction adds nothing new.", key
    cluster_a, cluster_b = ties.at[a, "cluster"], ties.at[b, "cluster"]
    if cluster_a == cluster_b and cluster_a not in ("", "unclustered"):
        return (f"Not quite: {label} are in the same cluster; an introduction across clusters brings "
                "people together who would not meet otherwise."), key
    weakest = min(float(ties.at[a, "strength"]), float(ties.at[b, "strength"]))
    if weakest < trusted:
        who = ties.at[a, "contact"] if float(ties.at[a, "strength"]) == weakest else ties.at[b, "contact"]
        return (f"Not quite: can you vouch for {who}? Introduce your strong ties "
                f"(strength {trusted:g} or more)."), key
    items = sorted((_items(ties.at[a, "offers"]) & _items(ties.at[b, "needs"]))
                   | (_items(ties.at[b, "offers"]) & _items(ties.at[a, "needs"])))
    chemistry = all(int(ties.at[p, "chemistry"]) >= 4 if pd.notna(ties.at[p, "chemistry"]) else False
                    for p in ids)
    if not items and not chemistry:
        return f"Not quite: what would {label} gain from meeting? Look at their offers and needs.", key
    if not reason:
        return f"Almost: {label} would make a sound pair; add a reason (what does one bring the other?).", key
    text = reason.lower()
    if items and not any(item in text for item in items):
        return (f"Almost: {label} would make a sound pair, but your reason does not name what one offers that "
                "the other needs; look at their offers and needs.", key)
    if not items and "chemistry" not in text:
        return f"Almost: {label} would make a sound pair; say why (how do you rate them both?).", key
    return f"Good: {label}.", key


def _active_graph(rev):
    """``"me"`` and the contacts of layers 1-4, with their weights (as the matchmaking module)."""
    layer = rev.ties["layer"].astype("Float64").fillna(6.0)
    nodes = ["me", *[p for p in rev.ties.index[(layer <= 4).to_numpy()] if p in rev.graph]]
    return rev.graph.subgraph(nodes)


def _person(ties: pd.DataFrame, name: str) -> str | None:
    """The id of the one contact whose display name is ``name`` (case and spaces ignored)."""
    key = " ".join(str(name).split()).casefold()
    found = ties.index[ties["contact"].astype(str).map(lambda n: " ".join(n.split()).casefold()) == key]
    return found[0] if len(found) else None


def _items(cell) -> set[str]:
    return {x.strip().lower() for x in str(cell or "").split(";") if x.strip()}
