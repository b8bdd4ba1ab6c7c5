"""Reciprocity: do you give at least as much as you get, overall and with each contact?

Rule ``reciprocity``, after the seeds' advice "du skal give (mindst) lige så
meget, som du får": nobody keeps coming to meetings where the value only goes
one way.  The norm of reciprocity (Gouldner 1960) makes every favour received
a debt; in exchange networks, relations where the giving is balanced over time
last longer and grow more trusting (Uehara 1995; Flynn 2005).  Everything is
read from the tie table (:mod:`netanalysis.analysis.ties`); the LinkedIn archive
adds who takes the initiative.

Ledger
------
Over all contacts, ``given_total = Σ given`` and ``received_total = Σ
received`` (sums of ``value`` over ``gave`` / ``received`` rows, accepted
endorsements and recommendations included; ``mutual`` rows count in neither),
``ratio = given_total / received_total`` (``None`` with a reason when nothing
was received).  The time-decayed ledger uses the tie table's ``given_recent``
/ ``received_recent`` (each row weighted by ``2 ** (-age / half_life)``): ``G =
Σ given_recent``, ``R = Σ received_recent``, ``ratio_recent = G / R``.

Per contact (``per_contact``: everyone with any exchange), with ``g`` and
``r`` the contact's decayed given and received::

    balance        = given - received
    balance_recent = g - r

* **you owe** (``you_owe``): the state ``owed`` of
  :mod:`netanalysis.analysis.state` (``r - g >= 3``, ``g <= r / 3``, received
  at least three times), ranked by the gap ``r - g``;
* **only takes** (``only_takes``): the state ``taker`` (``g - r >= 3``,
  ``r <= g / 3``, given to at least three times), ranked by ``g - r``.

Initiative (with the LinkedIn archive, rows dated on or before ``as_of``):
the share of conversations the user opened (the first message of each
conversation, by date then line, was sent), messages sent and received,
invitations sent and received, endorsements and recommendations given and
received.  Without an archive ``initiative`` is ``None`` with a reason.

Severity of ``reciprocity`` (reach × distance)
----------------------------------------------
Value going one way is what the seeds warn about, for the whole network and
for each relation, in either direction::

    taking      T = clip((R / (G + R) - 0.5) / 0.35, 0, 1)     (whole network; even -> 0, 85% received -> 1)
    one-way     U = Σ_{takers and owed} |g - r| / Σ_all (g + r) (share of the exchange that flows one way)
    confidence  C = min(1, (G + R) / 20)                        (about seven fresh exchanges)
    severity    = C · max(T, U)

``T`` touches the whole exchange (reach 1) at the distance of the imbalance;
``U`` is the share of the exchange, each one-way relation counted by how far
it is from even.  A client who took 22 points and gave nothing, in a network
where 60 points changed hands, gives ``U = 22/60``: a finding even when the
totals balance.  No finding without decayed exchange (``G + R = 0``).

Actions
-------
``give back`` to the top five you owe, ``ask`` the top three takers for
something in return (or pause giving), and ``thank`` contacts in touch within
:data:`THANK_DAYS` days who recently gave at least one big item's worth
(``received_recent >= 4 · 2^(-30 / half_life)``, a value-4 item 30 days ago);
each :func:`~netanalysis.analysis.result.plan_priority` of the severity with
urgency ``min(1, gap / 12)`` (thanks: ``min(1, received_recent / 10) / 2``).

References
----------
Gouldner, A. W. (1960). The norm of reciprocity: a preliminary statement. American
Sociological Review 25(2).
Uehara, E. S. (1995). Reciprocity reconsidered: Gouldner's "moral norm of reciprocity" and
social support. Journal of Social and Personal Relationships 12(4).
Flynn, F. J. (2005). Identity orientations and forms of social exchange in organizations.
Academy of Management Review 30(4).
Gourani, S. & Weber, H.; "Du skal give (mindst) lige så meget, som du får" (the seed essays).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._format import plural, quantity
from .ledger import as_timestamp
from .result import Action, Finding, Result, finding_tone, plan_priority
from .state import TAKER_POINTS, TAKER_RATIO

__all__ = ["Reciprocity", "reciprocity", "findings", "actions", "initiative", "taking", "OWE_POINTS", "THANK_DAYS"]

#: Decayed value points of imbalance that make a "you owe" / "only takes" relation.
OWE_POINTS = TAKER_POINTS
#: A "thank" goes to contacts seen within this many days.
THANK_DAYS = 30
_TOP_GIVE, _TOP_ASK, _TOP_THANK = 5, 3, 3
_USED = ("direction", "conversation", "counterpart", "date", "line")
_PER_CONTACT = ["contact", "given", "received", "balance", "given_recent", "received_recent",
                "balance_recent", "days_since_last"]


@dataclass
class Reciprocity(Result):
    """The give/receive ledger, overall and per contact, and the initiative.

    ``to_dict()`` leaves out ``per_contact`` (one row per contact with any
    exchange; the contacts table carries ``given``, ``received``, ``balance``).
    """

    as_of: dt.date
    half_life_days: float
    given_total: int
    received_total: int
    ratio: float | None
    given_recent: float
    received_recent: float
    ratio_recent: float | None
    received_share_recent: float
    one_way_share: float
    per_contact: pd.DataFrame
    you_owe: pd.DataFrame
    only_takes: pd.DataFrame
    initiative: dict | None
    severity: float
    reason: dict = field(default_factory=dict)

    NOT_IN_JSON = ("per_contact",)


def reciprocity(ties: pd.DataFrame, *, goals, as_of, archive=None) -> Reciprocity:
    """The give/receive balance as of ``as_of``.

    Parameters
    ----------
    ties : DataFrame
        The tie table (:func:`netanalysis.analysis.ties.tie_table`); ``taker``
        and ``owed`` are derived here when the state columns are missing.
    goals : Goals
        Reads ``half_life_days`` (for the sentences; the decay is already in
        the tie table).
    as_of : date-like
        The review date.
    archive : Archive, optional
        The LinkedIn archive (:class:`netanalysis.io.linkedin.archive.Archive`) for the
        initiative; ``None`` gives ``initiative=None`` with a reason.

    Returns
    -------
    Reciprocity
        Totals, ratios, ``one_way_share``, ``per_contact``, ``you_owe``,
        ``only_takes``, ``initiative``, ``severity`` (NaN if undefined) and ``reason``.

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.io.goals import Goals
    >>> ties = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "given": [0, 22, 12], "received": [22, 0, 12],
    ...     "given_recent": [0.0, 22.0, 12.0], "received_recent": [22.0, 0.0, 12.0],
    ...     "days_since_last": pd.array([20, 5, 9], dtype="Int64")},
    ...     index=pd.Index(["a", "b", "c"], name="person_id"))
    >>> r = reciprocity(ties, goals=Goals(), as_of="2026-06-01")
    >>> r.ratio, list(r.you_owe.index), list(r.only_takes.index)     # balanced in total
    (1.0, ['a'], ['b'])
    >>> round(r.one_way_share, 3), round(r.severity, 3)              # (22 + 22) / 68; C = 1
    (0.647, 0.647)
    >>> r.initiative, r.reason["initiative"]
    (None, 'no LinkedIn archive given')
    """
    stamp = as_timestamp(as_of)
    half_life = float(goals.half_life_days)
    reason: dict[str, str] = {}
    given = ties["given"].astype("int64")
    received = ties["received"].astype("int64")
    g_recent = ties["given_recent"].astype(float)
    r_recent = ties["received_recent"].astype(float)
    given_total, received_total = int(given.sum()), int(received.sum())
    g_sum, r_sum = float(g_recent.sum()), float(r_recent.sum())
    if len(ties) == 0:
        reason["all"] = "the tie table is empty"
    ratio = given_total / received_total if received_total else None
    if ratio is None:
        reason["ratio"] = "nothing received, so given/received is undefined"
    ratio_recent = g_sum / r_sum if r_sum > 0 else None
    if ratio_recent is None:
        reason["ratio_recent"] = "nothing received recently (decayed ledger is 0)"
    taker = ties["taker"] if "taker" in ties else (g_recent - r_recent >= TAKER_POINTS) & (
        r_recent * TAKER_RATIO <= g_recent)
    owed = ties["owed"] if "owed" in ties else (r_recent - g_recent >= TAKER_POINTS) & (
        g_recent * TAKER_RATIO <= r_recent)

    days = ties["days_since_last"].astype("Float64").astype(float)
    per = pd.DataFrame({
        "contact": ties["contact"], "given": given, "received": received, "balance": given - received,
        "given_recent": g_recent, "received_recent": r_recent, "balance_recent": g_recent - r_recent,
        "days_since_last": days,
    })[_PER_CONTACT]
    per = per[(given > 0) | (received > 0) | (g_recent > 0) | (r_recent > 0)]
    per = per.sort_values("balance_recent", kind="stable")
    owe = per[owed.reindex(per.index, fill_value=False).to_numpy(dtype=bool)]
    owe = owe.assign(gap=lambda f: f["received_recent"] - f["given_recent"])
    owe = owe.sort_values("gap", ascending=False, kind="stable")
    takes = per[taker.reindex(per.index, fill_value=False).to_numpy(dtype=bool)]
    takes = takes.assign(gap=lambda f: f["given_recent"] - f["received_recent"])
    if "first_contact" in ties:
        first = pd.to_datetime(ties["first_contact"])
        takes = takes.assign(first_contact=lambda f: first.reindex(f.index),
                             days_known=lambda f: (stamp - f["first_contact"]).dt.days)
    takes = takes.sort_values("gap", ascending=False, kind="stable")

    volume = g_sum + r_sum
    share = r_sum / volume if volume > 0 else np.nan
    one_way = float((owe["gap"].sum() + takes["gap"].sum()) / volume) if volume > 0 else np.nan
    if volume > 0:
        severity = min(1.0, volume / 20) * max(taking(share), one_way)
    else:
        severity = np.nan
        reason.setdefault("severity", "no value given or received (decayed ledger is 0)")

    if archive is None:
        init = None
        reason["initiative"] = "no LinkedIn archive given"
    else:
        init = initiative(archive, as_of=stamp)
    return Reciprocity(as_of=stamp.date(), half_life_days=half_life, given_total=given_total,
                       received_total=received_total, ratio=ratio, given_recent=g_sum, received_recent=r_sum,
                       ratio_recent=ratio_recent, received_share_recent=share, one_way_share=one_way,
                       per_contact=per, you_owe=owe, only_takes=takes, initiative=init,
                       severity=float(severity), reason=reason)


def initiative(archive, *, as_of) -> dict:
    """Who takes the initiative, from the LinkedIn archive (rows up to ``as_of``).

    Returns a dict with ``conversations``, ``opened_by_you``, ``opened_share``,
    ``messages_sent``, ``messages_received``, ``invitations_sent``,
    ``invitations_received``, ``invitations_sent_share``,
    ``endorsements_given``, ``endorsements_received``,
    ``recommendations_given``, ``recommendations_received`` (``None`` where
    the file is absent) and ``reason`` (why a part is ``None``).

    >>> import pandas as pd
    >>> from netanalysis.io.linkedin.archive import Archive
    >>> messages = pd.DataFrame({"date": pd.to_datetime(["2026-01-02", "2026-01-01", "2026-02-01"]),
    ...     "conversation": ["c1", "c1", "c2"], "direction": ["sent", "received", "sent"], "line": [3, 2, 4]})
    >>> out = initiative(Archive(messages=messages), as_of="2026-06-01")
    >>> out["conversations"], out["opened_by_you"], out["opened_share"], out["invitations_sent"]
    (2, 1, 0.5, None)
    """
    stamp = as_timestamp(as_of)
    out: dict = {}
    reason: dict[str, str] = {}

    def rows(name: str, label: str) -> dict | None:
        """The table's columns as arrays, rows dated after ``as_of`` dropped (undated rows kept)."""
        table = getattr(archive, name, None)
        if table is None:
            reason[name] = f"no {label} in the archive"
            return None
        keep = ~(pd.to_datetime(table["date"]) > stamp).to_numpy() if "date" in table else slice(None)
        return {column: table[column].to_numpy()[keep] for column in _USED if column in table}

    messages = rows("messages", "messages.csv")
    if messages is None:
        out.update(conversations=None, opened_by_you=None, opened_share=None, messages_sent=None,
                   messages_received=None)
    else:
        sent = messages["direction"] == "sent"
        conv = messages["conversation"].astype(object)
        empty = pd.isna(conv) | (conv == "")
        if empty.any() and "counterpart" in messages:   # no conversation id: one per counterpart
            conv = conv.copy()
            conv[empty] = "with:" + messages["counterpart"][empty].astype(str)
        codes = pd.factorize(conv)[0]
        date = messages["date"].astype("datetime64[ns]").view("int64")
        line = messages["line"].astype("int64") if "line" in messages else np.zeros(len(codes), dtype="int64")
        order = np.lexsort((line, date, codes))     # by conversation, then date, then line
        first = order[np.r_[True, codes[order][1:] != codes[order][:-1]]] if len(order) else order
        n_conv, opened = len(first), int(sent[first].sum())
        out.update(conversations=n_conv, opened_by_you=opened, opened_share=opened / n_conv if n_conv else None,
                   messages_sent=int(sent.sum()), messages_received=int((messages["direction"] == "received").sum()))
        if not n_conv:
            reason["messages"] = "no conversations up to the review date"
    for name, label, mine, theirs in (("invitations", "Invitations.csv", "sent", "received"),
                                      ("endorsements", "endorsement files", "given", "received"),
                                      ("recommendations", "recommendation files", "given", "received")):
        table = rows(name, label)
        if table is None:
            out[f"{name}_{mine}"] = out[f"{name}_{theirs}"] = None
        else:
            out[f"{name}_{mine}"] = int((table["direction"] == mine).sum())
            out[f"{name}_{theirs}"] = int((table["direction"] == theirs).sum())
    sent, got = out["invitations_sent"], out["invitations_received"]
    out["invitations_sent_share"] = sent / (sent + got) if sent is not None and sent + got else None
    out["reason"] = reason
    return out


def taking(received_share: float) -> float:
    """The severity's taking term ``T = clip((R / (G + R) - 0.5) / 0.35, 0, 1)`` of a received share.

    Even (half received, or less) is 0; 85% received is 1.

    >>> taking(0.5), taking(0.4), round(taking(0.6), 4), taking(0.9)
    (0.0, 0.0, 0.2857, 1.0)
    """
    return min(1.0, max(0.0, (float(received_share) - 0.5) / 0.35))


def findings(result: Reciprocity) -> list[Finding]:
    """The ``reciprocity`` finding (severity in the module docstring); none if undefined."""
    sev = result.severity
    if np.isnan(sev):
        return []
    g, r, s = result.given_recent, result.received_recent, result.received_share_recent
    n_owe, n_takes = len(result.you_owe), len(result.only_takes)
    evidence = {"given_recent": g, "received_recent": r, "received_share_recent": s,
                "one_way_share": result.one_way_share, "given_total": result.given_total,
                "received_total": result.received_total, "you_owe": n_owe, "only_takes": n_takes,
                "half_life_days": result.half_life_days}
    if result.initiative and result.initiative.get("opened_share") is not None:
        evidence["opened_share"] = result.initiative["opened_share"]
    ledger = (f"you received {r:,.0f} points of value and gave {g:,.0f} "
              f"(time-weighted, half-life {result.half_life_days:g} days)")
    tone = finding_tone(sev)
    one_way = []
    if n_takes:
        top = result.only_takes.iloc[0]
        one_way.append(f"{quantity(n_takes, 'person', 'people')} {plural(n_takes, 'takes', 'take')} without "
                       f"giving back (most: {top['contact']}, {top['given_recent']:,.0f} points received from you, "
                       f"{top['received_recent']:,.0f} given)")
    if n_owe:
        top = result.you_owe.iloc[0]
        one_way.append(f"you owe {quantity(n_owe, 'person', 'people')} a favour back (most: {top['contact']}, "
                       f"{top['received_recent']:,.0f} points given to you, {top['received_recent'] - top['gap']:,.0f} "
                       f"returned)")
    if s > 0.55:
        title = "You take more than you give" if tone == "problem" else "Slightly more taken than given"
        sentence = f"Recently {ledger}: {s:.0%} of the value went your way"
    else:
        title = {"problem": "Value going one way", "note": "Mostly balanced, some one-way relations",
                 "good": "You give as much as you get"}[tone]
        sentence = f"Recently {ledger}: balanced in total"
    if one_way:
        sentence += "; " + "; ".join(one_way)
    sentence += "."
    return [Finding("reciprocity", sev, title, sentence, evidence=evidence)]


def actions(result: Reciprocity) -> list[Action]:
    """``give back`` to those you owe, ``ask`` takers for a return, ``thank`` recent givers (module docstring)."""
    sev = result.severity
    half = result.half_life_days
    out: list[Action] = []
    for pid, row in result.you_owe.head(_TOP_GIVE).iterrows():
        got, gave, gap = row["received_recent"], row["given_recent"], row["gap"]
        out.append(Action(
            "give back", [row["contact"]],
            f"You received {got:,.0f} points of value from {row['contact']} recently and gave {gave:,.0f} "
            f"(time-weighted, half-life {half:g} days).",
            "reciprocity", plan_priority(sev, gap / 12), person_ids=[pid],
            evidence={"received_recent": got, "given_recent": gave, "gap": gap,
                      "received": row["received"], "given": row["given"]}))
    for pid, row in result.only_takes.head(_TOP_ASK).iterrows():
        gave, got, gap = row["given_recent"], row["received_recent"], row["gap"]
        out.append(Action(
            "ask", [row["contact"]],
            f"You gave {row['contact']} {gave:,.0f} points of value recently and received {got:,.0f} "
            f"(time-weighted): ask for something in return (an introduction, advice), or pause giving.",
            "reciprocity", plan_priority(sev, gap / 12), person_ids=[pid],
            evidence={"given_recent": gave, "received_recent": got, "gap": gap,
                      "given": row["given"], "received": row["received"]}))
    threshold = 4 * 2 ** (-THANK_DAYS / half)
    per = result.per_contact
    if len(per):
        thank = per[(per["received_recent"] >= threshold) & (per["days_since_last"] <= THANK_DAYS)]
        thank = thank[~thank.index.isin(result.only_takes.index)]
        thank = thank.sort_values("received_recent", ascending=False, kind="stable")
        for pid, row in thank.head(_TOP_THANK).iterrows():
            got, when = row["received_recent"], int(row["days_since_last"])
            out.append(Action(
                "thank", [row["contact"]],
                f"{row['contact']} gave you {got:,.0f} points of value recently (time-weighted) and you were last "
                f"in touch {quantity(when, 'day')} ago; say thank you while it is fresh.",
                "reciprocity", plan_priority(sev, min(1.0, got / 10) / 2), person_ids=[pid],
                evidence={"received_recent": got, "days_since_last": when}))
    return out
