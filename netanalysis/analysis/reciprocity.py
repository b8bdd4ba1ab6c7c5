"""Reciprocity: do you give at least as much as you get?

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
received`` (sums of ``value`` over ``gave`` / ``received`` log rows; ``mutual``
rows count in neither), ``ratio = given_total / received_total`` (``None``
with a reason when nothing was received).  The time-decayed ledger uses the
tie table's ``given_recent`` / ``received_recent`` (each row weighted by
``2 ** (-age / half_life)``): ``G = Σ given_recent``, ``R = Σ
received_recent``, ``ratio_recent = G / R``.

Per contact (``per_contact``: everyone with any exchange)::

    balance        = given - received
    balance_recent = given_recent - received_recent

* **you owe** (``you_owe``): ``received_recent - given_recent >= 3`` decayed
  value points (:data:`OWE_POINTS`: about one fresh introduction or piece of
  advice not returned), ranked by that gap.
* **only takes** (``only_takes``): contacts you gave to and who never gave
  back: ``given_recent - received_recent >= 3``, ``received == 0`` over the
  whole log, and a relation older than :data:`TAKES_MIN_DAYS` (first contact
  at least 180 days ago: a one-sided start is normal), ranked by
  ``given_recent``.

Initiative (with the LinkedIn archive, rows dated on or before ``as_of``):
the share of conversations the user opened (the first message of each
conversation, by date then line, was sent), messages sent and received,
invitations sent and received, endorsements and recommendations given and
received.  Without an archive ``initiative`` is ``None`` with a reason.

Severity of ``reciprocity``
---------------------------
With ``s = R / (G + R)`` the received share of the decayed ledger and ``n``
the number of "you owe" relations::

    taking     T = clip((s - 0.5) / 0.35, 0, 1)        (even -> 0, 85% received -> 1)
    owing      O = min(1, n / 10)
    confidence C = min(1, (G + R) / 20)                (about seven fresh exchanges)
    severity   = C · (0.8·T + 0.2·O)

A taker who receives in three rows of four and gives in one of seven has
``s`` about 0.83 and a severity near 1; a balanced network has ``T = 0`` and
gets a low-severity positive finding.  No finding without decayed exchange
(``G + R = 0``).

Actions
-------
``give back`` to the top five "you owe" contacts, priority
``(0.5 + 0.4·min(1, gap / 12)) · boost``; ``thank`` contacts seen within
:data:`THANK_DAYS` days who recently gave at least one big item's worth
(``received_recent >= 4 · 2^(-30 / half_life)``, a value-4 item 30 days ago),
top three, priority ``(0.3 + 0.3·min(1, received_recent / 10)) · boost``;
``boost = 0.4 + 0.6·severity`` as in the other modules.

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
from .result import Action, Finding, Result

__all__ = ["Reciprocity", "reciprocity", "findings", "actions", "initiative", "OWE_POINTS",
           "TAKES_MIN_DAYS", "THANK_DAYS"]

#: Decayed value points of imbalance that make a "you owe" / "only takes" relation.
OWE_POINTS = 3.0
#: A relation must be at least this old (days since first contact) to "only take".
TAKES_MIN_DAYS = 180
#: A "thank" goes to contacts seen within this many days.
THANK_DAYS = 30
_TOP_GIVE, _TOP_THANK = 5, 3
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
        The tie table (:func:`netanalysis.analysis.ties.tie_table`).
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
        Totals, ratios, ``per_contact``, ``you_owe``, ``only_takes``,
        ``initiative``, ``severity`` (NaN if undefined) and ``reason``.

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.io.goals import Goals
    >>> ties = pd.DataFrame({"contact": ["Ann", "Bo"], "given": [2, 0], "received": [10, 0],
    ...     "given_recent": [1.5, 0.0], "received_recent": [8.0, 0.0],
    ...     "first_contact": pd.to_datetime(["2026-01-01", None]),
    ...     "days_since_last": pd.array([20, pd.NA], dtype="Int64")},
    ...     index=pd.Index(["a", "b"], name="person_id"))
    >>> r = reciprocity(ties, goals=Goals(), as_of="2026-06-01")
    >>> r.given_total, r.received_total, r.ratio, list(r.you_owe.index)
    (2, 10, 0.2, ['a'])
    >>> round(r.severity, 3)    # s = 8/9.5; C = 9.5/20; 0.475 * (0.8*0.977 + 0.2*0.1)
    0.381
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
        reason["ratio"] = "nothing received in the log, so given/received is undefined"
    ratio_recent = g_sum / r_sum if r_sum > 0 else None
    if ratio_recent is None:
        reason["ratio_recent"] = "nothing received recently (decayed ledger is 0)"

    days = ties["days_since_last"].astype("Float64").astype(float)
    per = pd.DataFrame({
        "contact": ties["contact"], "given": given, "received": received, "balance": given - received,
        "given_recent": g_recent, "received_recent": r_recent, "balance_recent": g_recent - r_recent,
        "days_since_last": days,
    })[_PER_CONTACT]
    per = per[(given > 0) | (received > 0) | (g_recent > 0) | (r_recent > 0)]
    per = per.sort_values("balance_recent", kind="stable")

    gap = r_recent - g_recent
    owe = per.assign(gap=gap[per.index])
    owe = owe[owe["gap"] >= OWE_POINTS].sort_values("gap", ascending=False, kind="stable")

    first = pd.to_datetime(ties["first_contact"]) if "first_contact" in ties else pd.Series(pd.NaT, index=ties.index)
    age = (stamp - first).dt.days
    takes_mask = ((g_recent - r_recent) >= OWE_POINTS) & (received == 0) & (age >= TAKES_MIN_DAYS)
    takes = per[takes_mask.reindex(per.index, fill_value=False)]
    takes = takes.assign(first_contact=first[takes.index], days_known=age[takes.index])
    takes = takes.sort_values("given_recent", ascending=False, kind="stable")

    volume = g_sum + r_sum
    share = r_sum / volume if volume > 0 else np.nan
    if volume > 0:
        taking = min(1.0, max(0.0, (share - 0.5) / 0.35))
        owing = min(1.0, len(owe) / 10)
        severity = min(1.0, volume / 20) * (0.8 * taking + 0.2 * owing)
    else:
        severity = np.nan
        reason.setdefault("severity", "no value given or received in the log (decayed ledger is 0)")

    if archive is None:
        init = None
        reason["initiative"] = "no LinkedIn archive given"
    else:
        init = initiative(archive, as_of=stamp)
    return Reciprocity(as_of=stamp.date(), half_life_days=half_life, given_total=given_total,
                       received_total=received_total, ratio=ratio, given_recent=g_sum, received_recent=r_sum,
                       ratio_recent=ratio_recent, received_share_recent=share, per_contact=per,
                       you_owe=owe, only_takes=takes, initiative=init, severity=float(severity), reason=reason)


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


def findings(result: Reciprocity) -> list[Finding]:
    """The ``reciprocity`` finding (severity in the module docstring); none if undefined."""
    sev = result.severity
    if np.isnan(sev):
        return []
    g, r, s = result.given_recent, result.received_recent, result.received_share_recent
    n_owe, n_takes = len(result.you_owe), len(result.only_takes)
    evidence = {"given_recent": g, "received_recent": r, "received_share_recent": s,
                "given_total": result.given_total, "received_total": result.received_total,
                "you_owe": n_owe, "only_takes": n_takes, "half_life_days": result.half_life_days}
    if result.initiative and result.initiative.get("opened_share") is not None:
        evidence["opened_share"] = result.initiative["opened_share"]
    ledger = (f"you received {r:,.0f} points of value and gave {g:,.0f} "
              f"(time-weighted, half-life {result.half_life_days:g} days)")
    if s > 0.55:
        title = "You take more than you give" if sev >= 0.33 else "Slightly more taken than given"
        sentence = f"Recently {ledger}: {s:.0%} of the value went your way"
        if n_owe:
            sentence += f"; you owe {quantity(n_owe, 'person', 'people')} a favour back"
        sentence += "."
    else:
        title = "You give as much as you get"
        sentence = f"Recently {ledger}: a balanced exchange"
        if n_owe:
            who = plural(n_owe, "person has", "people have")
            sentence += f", though {n_owe:,} {who} given you more than you gave back"
        sentence += "."
    return [Finding("reciprocity", sev, title, sentence, evidence=evidence)]


def actions(result: Reciprocity) -> list[Action]:
    """``give back`` to the top "you owe" contacts and ``thank`` recent big givers (module docstring)."""
    sev = result.severity
    boost = 0.4 + 0.6 * (0.0 if np.isnan(sev) else sev)
    half = result.half_life_days
    out: list[Action] = []
    for pid, row in result.you_owe.head(_TOP_GIVE).iterrows():
        got, gave, gap = row["received_recent"], row["given_recent"], row["gap"]
        out.append(Action(
            "give back", [row["contact"]],
            f"You received {got:,.0f} points of value from {row['contact']} recently and gave {gave:,.0f} "
            f"(time-weighted, half-life {half:g} days).",
            "reciprocity", (0.5 + 0.4 * min(1.0, gap / 12)) * boost, person_ids=[pid],
            evidence={"received_recent": got, "given_recent": gave, "gap": gap,
                      "received": row["received"], "given": row["given"]}))
    threshold = 4 * 2 ** (-THANK_DAYS / half)
    per = result.per_contact
    if len(per):
        thank = per[(per["received_recent"] >= threshold) & (per["days_since_last"] <= THANK_DAYS)]
        thank = thank.sort_values("received_recent", ascending=False, kind="stable")
        for pid, row in thank.head(_TOP_THANK).iterrows():
            got, when = row["received_recent"], int(row["days_since_last"])
            out.append(Action(
                "thank", [row["contact"]],
                f"{row['contact']} gave you {got:,.0f} points of value recently (time-weighted) and you last "
                f"met {when} {plural(when, 'day')} ago; say thank you while it is fresh.",
                "reciprocity", (0.3 + 0.3 * min(1.0, got / 10)) * boost, person_ids=[pid],
                evidence={"received_recent": got, "days_since_last": when}))
    return out

