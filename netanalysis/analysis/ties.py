"""The ego-contact ties as of a date: ledger, effort, tie strength, Dunbar layer.

:func:`tie_table` is the one table every review question reads.  Index
``person_id``; columns:

* from the people table: ``contact, company, position, url, on_linkedin,
  connected_on, circle, chemistry, cadence_days, status, offers, needs``
* the ledger (log rows dated on or before ``as_of``): ``interactions,
  given, received, first_contact, last_contact, days_since_last`` and
  ``balance = given - received``
* ``given_recent, received_recent``: the same ledgers, each row weighted by
  its decay ``w = 2 ** (-age_days / half_life)`` (time-decayed reciprocity)
* ``effort``: log rows in the review window ``(as_of - window_days, as_of]``
* with a LinkedIn archive, the columns of :mod:`netanalysis.analysis.evidence`
  (messages, invitations, endorsements, recommendations); messages then also
  count toward ``last_contact`` / ``days_since_last`` (staleness) and, with
  the low weight ``MESSAGE_WEIGHT`` per message, toward intensity ``I``: the
  hand-written log stays the primary record of value
* ``strength`` (0-1), ``peak_strength`` (the strength on the day of the last
  contact, "how strong it once was") and ``layer`` (1-5, ``<NA>`` if never met)

Tie strength
------------
Granovetter (1973) defines the strength of a tie as "a (probably linear)
combination of the amount of time, the emotional intensity, the intimacy
(mutual confiding), and the reciprocal services which characterize the tie";
Gilbert & Karahalios (2009) predict it from intensity, recency, reciprocity,
multiplexity and duration.  Here, over a contact's rows ``r`` with value
``v_r`` (1-5) and age ``a_r`` days::

    I = Σ_r (v_r / 5) · 2^(-a_r / h)            recency-decayed, value-weighted frequency
        + 0.05 · Σ_m 2^(-a_m / h)               + archive messages m (20 fresh messages = one
                                                  fresh value-5 meeting)
    F = I / (I + 1)                             saturating: one fresh 5-value contact gives 0.5
    T = 2·min(G, R) / (G + R)                   two-way-ness, G = Σ v over gave+mutual rows,
                                                R = Σ v over received+mutual rows (0 if none)
    M = (min(kinds, 4) + min(purposes, 3) + min(channels, 2)) / 9      multiplexity
    D = min(1, years since first contact or connection / 5)            duration
    strength = F · (0.55 + 0.15·T + 0.15·M + 0.15·D)

``h`` is ``goals.half_life_days`` (default 180).  ``peak_strength`` is the
same with the ages counted to the last contact instead of ``as_of``
(``I_peak = I · 2^(days_since_last / h)``).

Layers
------
Dunbar's layers (Zhou, Sornette, Hill & Dunbar 2005; Dunbar 2018): the met
contacts ranked by strength (ties broken by last contact, then id), ranks 1-5
are layer 1 (support clique), 6-15 layer 2 (sympathy group), 16-50 layer 3,
51-150 layer 4 (active network), beyond 150 layer 5 (acquaintances).

References
----------
Granovetter, M. (1973). The strength of weak ties. American Journal of Sociology 78(6).
Gilbert, E. & Karahalios, K. (2009). Predicting tie strength with social media. CHI '09.
Zhou, W.-X., Sornette, D., Hill, R. A. & Dunbar, R. I. M. (2005). Discrete hierarchical
organization of social group sizes. Proc. R. Soc. B 272.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .ledger import as_timestamp, explode_codes, ledger, log_until

__all__ = ["tie_table", "LAYER_SIZES", "LAYER_NAMES", "strength_from_parts", "MESSAGE_WEIGHT"]

#: Weight of one archive message in the intensity, against 1.0 for a fresh value-5 log row.
MESSAGE_WEIGHT = 0.05

LAYER_SIZES = (5, 15, 50, 150)
LAYER_NAMES = {1: "support clique (5)", 2: "sympathy group (15)", 3: "affinity group (50)",
               4: "active network (150)", 5: "acquaintances (150+)"}
_PEOPLE_COLUMNS = ["contact", "company", "position", "url", "on_linkedin", "connected_on", "circle",
                   "chemistry", "cadence_days", "status", "offers", "needs"]


def strength_from_parts(intensity, two_way, multiplex, duration):
    """``F(I) · (0.55 + 0.15·T + 0.15·M + 0.15·D)`` with ``F(I) = I / (I + 1)``.

    >>> round(float(strength_from_parts(1.0, 1.0, 1.0, 1.0)), 3)
    0.5
    >>> float(strength_from_parts(0.0, 1.0, 1.0, 1.0))
    0.0
    """
    intensity = np.asarray(intensity, dtype=float)
    saturation = intensity / (intensity + 1.0)
    return saturation * (0.55 + 0.15 * np.asarray(two_way) + 0.15 * np.asarray(multiplex)
                         + 0.15 * np.asarray(duration))


def tie_table(net, as_of, *, half_life_days: float | None = None, window_days: int | None = None,
              rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per person with ledger, effort, strength and layer as of ``as_of``.

    Parameters
    ----------
    net : Network
        From :func:`netanalysis.load`.
    as_of : date-like
        The review date; log rows after it are ignored.
    half_life_days, window_days : optional
        Override ``net.goals``.
    rows : DataFrame, optional
        ``net.log`` already cut to ``as_of`` (:func:`~netanalysis.analysis.ledger.log_until`),
        as :func:`netanalysis.review` passes it; by default the log is cut here.

    Returns
    -------
    DataFrame
        Index ``person_id``, the columns listed in the module docstring
        (ledger, ``effort``, ``strength``, ``peak_strength``, ``two_way``,
        ``layer``, and with an archive the evidence columns).

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.model import Network
    >>> people = pd.DataFrame({c: [""] for c in _PEOPLE_COLUMNS}, index=pd.Index(["a"], name="person_id"))
    >>> people["connected_on"] = pd.NaT
    >>> log = pd.DataFrame({"person_id": ["a"], "date": pd.to_datetime(["2026-01-01"]), "value": [5],
    ...     "direction": ["mutual"], "kind": ["coffee"], "purpose": [""], "channel": ["offline"]})
    >>> ties = tie_table(Network(people=people, log=log), "2026-01-01")
    >>> round(float(ties.loc["a", "strength"]), 4)   # F=0.5, T=1, M=2/9, D=0
    0.3667
    """
    stamp = as_timestamp(as_of)
    goals = net.goals
    half_life = float(half_life_days or goals.half_life_days)
    window = int(window_days or goals.window_days)
    people = net.people
    if rows is None:
        rows = log_until(net.log, stamp)
    ties = people[_PEOPLE_COLUMNS].copy()
    money = ledger(people, rows, stamp)
    ties = ties.join(money)
    ties["balance"] = ties["given"] - ties["received"]

    age = (stamp - rows["date"]).dt.days.to_numpy(dtype=float)
    decay = np.exp2(-age / half_life)
    value = rows["value"].to_numpy(dtype=float)
    direction = rows["direction"].to_numpy()
    person = rows["person_id"]
    frame = pd.DataFrame({
        "person_id": person.to_numpy(),
        "intensity": value / 5.0 * decay,
        "given_recent": np.where(direction == "gave", value * decay, 0.0),
        "received_recent": np.where(direction == "received", value * decay, 0.0),
        "give_side": np.where(direction != "received", value, 0.0),
        "take_side": np.where(direction != "gave", value, 0.0),
        "effort": (age < window).astype(np.int64),
    })
    sums = frame.groupby("person_id").sum()
    variety = _multiplexity(rows)
    ties = ties.join(sums).join(variety)
    for column in ["intensity", "given_recent", "received_recent", "give_side", "take_side", "multiplex"]:
        ties[column] = ties[column].fillna(0.0)
    ties["effort"] = ties["effort"].fillna(0).astype("int64")

    if getattr(net, "archive", None) is not None:
        from .evidence import archive_evidence

        matcher = getattr(net, "matcher", None)
        evidence = archive_evidence(people, net.archive, stamp, half_life_days=half_life,
                                    matcher=matcher if matcher is not None and matcher.covers(people.index) else None)
        ties = ties.join(evidence)
        ties["intensity"] += MESSAGE_WEIGHT * ties.pop("message_intensity")
        latest = ties[["last_contact", "last_message"]].max(axis=1)
        ties["last_contact"] = latest
        ties["days_since_last"] = (stamp - latest).dt.days.astype("Int64")
    give, take = ties.pop("give_side"), ties.pop("take_side")
    total = give + take
    two_way = np.where(total > 0, 2 * np.minimum(give, take) / total.where(total > 0, 1), 0.0)
    start = ties[["first_contact", "connected_on"]].min(axis=1)
    years = ((stamp - start).dt.days / 365.25).fillna(0).clip(lower=0)
    duration = (years / 5).clip(upper=1.0)
    multiplex = ties.pop("multiplex")
    intensity = ties.pop("intensity")
    ties["strength"] = strength_from_parts(intensity, two_way, multiplex, duration)
    since = ties["days_since_last"].astype("float").fillna(0).to_numpy()
    peak_intensity = intensity.to_numpy() * np.exp2(since / half_life)
    ties["peak_strength"] = strength_from_parts(peak_intensity, two_way, multiplex, duration)
    ties["two_way"] = two_way
    ties["layer"] = _layers(ties)
    return ties


def _multiplexity(rows: pd.DataFrame) -> pd.DataFrame:
    """``M = (min(kinds, 4) + min(purposes, 3) + min(channels, 2)) / 9`` per person.

    Counted on integer codes: each distinct purpose cell is split on ``;`` once.
    """
    if rows.empty:
        return pd.DataFrame({"multiplex": pd.Series(dtype=float)})
    person, persons = pd.factorize(rows["person_id"])
    size = len(persons)

    def distinct(owner: np.ndarray, value: np.ndarray, values: int) -> np.ndarray:
        """Distinct values per person (``value`` codes, -1 = missing, left out)."""
        known = (owner >= 0) & (value >= 0)
        pairs = np.unique(owner[known].astype(np.int64) * values + value[known])
        return np.bincount(pairs // values, minlength=size)

    kind, kinds = pd.factorize(rows["kind"])
    channel_text = rows["channel"].to_numpy(dtype=object)
    channel, channels = pd.factorize(np.where(channel_text == "", None, channel_text))
    purpose, cells = pd.factorize(rows["purpose"])
    # One more, empty, part last: code -1 (a missing cell) picks it.
    parts = [[] if cell == "" else cell.split(";") for cell in cells] + [[]]
    owner, items = explode_codes(purpose, parts)
    item, item_values = pd.factorize(items)
    total = (np.minimum(distinct(person, kind, max(len(kinds), 1)), 4)
             + np.minimum(distinct(person[owner], item, max(len(item_values), 1)), 3)
             + np.minimum(distinct(person, channel, max(len(channels), 1)), 2))
    return pd.DataFrame({"multiplex": total / 9.0}, index=pd.Index(persons, name="person_id"))


def _layers(ties: pd.DataFrame) -> pd.Series:
    """Dunbar layer by strength rank among met contacts (module docstring)."""
    met = ties[ties["interactions"] > 0]
    order = met.assign(_last=met["last_contact"], _id=met.index).sort_values(
        ["strength", "_last", "_id"], ascending=[False, False, True])
    rank = pd.Series(np.arange(1, len(order) + 1), index=order.index)
    bounds = np.array(LAYER_SIZES)
    layer = pd.Series(np.searchsorted(bounds, rank.to_numpy(), side="left") + 1, index=rank.index)
    return layer.reindex(ties.index).astype("Int64")
