"""A tie's state: one vocabulary, defined once, read by every card, sentence, table and action.

:func:`tie_state` adds the state columns to the tie table
(:func:`netanalysis.analysis.ties.tie_table`), which already holds, per person
and as of the review date:

* ``last_contact``: the latest evidence of contact of any kind (a log row with
  them as ``contact``; presence at a logged coffee, meeting, meal, event or
  call through ``with``; a LinkedIn message either way; an accepted
  endorsement or a recommendation; a calendar meeting; a mail), as a UTC
  calendar day; ``days_since_last = as_of - last_contact`` in days;
* ``effort``: the days in touch within the review window
  ``(as_of - window_days, as_of]`` (distinct days with any evidence of contact);
* ``strength`` and ``peak_strength`` (the strength on the day of the last contact).

The state columns, with ``trusted = goals.trusted_strength`` (0.35):

``strong``
    ``strength >= trusted`` as of the review date.  No text says "strong"
    for anything else.
``once_strong``
    ``peak_strength >= trusted`` (strong at its last contact; strong ties are
    once strong too).
``layer`` (1-5, ``<NA>`` if never in touch)
    Dunbar's layers are about how often you are in touch (Hill & Dunbar 2003;
    Zhou, Sornette, Hill & Dunbar 2005; Sutcliffe, Dunbar, Binder & Arrow
    2012): the support clique weekly, the sympathy group monthly, the outer
    layers a few times or once a year.  The professional cadence of layer
    ``k`` is ``LAYER_CADENCE = {1: 14, 2: 30, 3: 90, 4: 180, 5: 365}`` days.
    A tie *fits* layer ``k <= 4`` when its ``effort`` (days in touch in the
    window) is at least what that layer's cadence asks for::

        need_k = max(1, floor(window_days / cadence_k))     (26, 12, 4, 2 for a 365-day window)

    Every tie with any evidence fits layer 5.  Ties are taken by strength
    (then latest contact, then id) and each goes to the innermost layer it
    fits that still has room; the layers hold at most 5, 10, 35 and 100
    (cumulatively Dunbar's 5, 15, 50, 150).  A tie silent for more than the
    window is therefore never in the inner 150.
``peak_layer``
    the layer the tie held at its last contact: the same rule with
    ``peak_effort`` (days in touch in the window that ends at the last
    contact) and ``peak_strength``.  For a tie in touch today it is ``layer``.
``cadence``
    ``cadence_days`` of ``contacts.csv`` when given, else ``LAYER_CADENCE`` of
    the peak layer: a tie deserves the cadence of the closeness it had, so a
    weekly contact that falls silent is late after two weeks, not after the
    year its silence has pushed it out to; none for a tie marked
    ``wind-down`` or never in touch.
``overdue``
    ``days_since_last - cadence`` (``NaN`` without a cadence); ``ratio =
    overdue / cadence``, how many cadences late.
``cooling``
    strong, not ``wind-down``, and ``overdue > 0``.
``fading``
    once strong but no longer strong, ``overdue > 0``, silent for less than
    ``DORMANT_DAYS``: a strong tie that is being lost.
``dormant``
    once strong and silent by every kind of evidence for ``DORMANT_DAYS``
    (730) days or more (Levin, Walter & Murnighan 2011).
``new``
    a LinkedIn connection made in the last ``FOLLOW_UP_DAYS`` (90) days,
    ``0 <= as_of - connected_on <= 90``.
``followed_up``
    any evidence of contact on or after the day of connecting.
``taker``
    has received much more value than given back, in the time-weighted
    ledger, and more than once: ``given_recent - received_recent >=
    TAKER_POINTS`` (3, about one fresh introduction), ``received_recent <=
    given_recent / TAKER_RATIO`` (3: at most a third came back) and
    ``gave_rows >= TAKER_TIMES`` (3: you gave at least three times; one
    favour not yet returned is how every relation starts).
``owed``
    the reverse: you received much more than you gave back
    (``received_recent - given_recent >= 3``, ``given_recent <= received_recent / 3``
    and ``received_rows >= 3``).

Both ``taker`` and ``owed`` are per contact, whatever the overall balance.

References
----------
Hill, R. A. & Dunbar, R. I. M. (2003). Social network size in humans. Human Nature 14(1).
Zhou, W.-X., Sornette, D., Hill, R. A. & Dunbar, R. I. M. (2005). Discrete hierarchical
organization of social group sizes. Proc. R. Soc. B 272.
Sutcliffe, A., Dunbar, R., Binder, J. & Arrow, H. (2012). Relationships and the social
brain. British Journal of Psychology 103(2).
Levin, D. Z., Walter, J. & Murnighan, J. K. (2011). Dormant ties: the value of
reconnecting. Organization Science 22(4).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["tie_state", "layer_needs", "LAYER_SIZES", "LAYER_NAMES", "LAYER_CADENCE", "DORMANT_DAYS",
           "FOLLOW_UP_DAYS", "TAKER_POINTS", "TAKER_RATIO", "TAKER_TIMES", "STATE_COLUMNS"]

#: Cumulative Dunbar layer sizes (the outer layer is open).
LAYER_SIZES = (5, 15, 50, 150)
LAYER_NAMES = {1: "support clique (5)", 2: "sympathy group (15)", 3: "affinity group (50)",
               4: "active network (150)", 5: "acquaintances (150+)"}
#: Default cadence in days by layer (professional; module docstring).
LAYER_CADENCE = {1: 14, 2: 30, 3: 90, 4: 180, 5: 365}
DORMANT_DAYS = 730
FOLLOW_UP_DAYS = 90
TAKER_POINTS = 3.0
TAKER_RATIO = 3.0
TAKER_TIMES = 3
STATE_COLUMNS = ["layer", "peak_layer", "cadence", "overdue", "ratio", "strong", "once_strong", "cooling", "fading",
                 "dormant", "new", "followed_up", "taker", "owed"]


def layer_needs(window_days: int) -> dict[int, int]:
    """Days in touch within the window that layers 1-4 need (module docstring).

    >>> layer_needs(365)
    {1: 26, 2: 12, 3: 4, 4: 2}
    >>> layer_needs(90)
    {1: 6, 2: 3, 3: 1, 4: 1}
    """
    return {k: max(1, int(window_days // LAYER_CADENCE[k])) for k in (1, 2, 3, 4)}


def tie_state(ties: pd.DataFrame, *, as_of, trusted_strength: float, window_days: int) -> pd.DataFrame:
    """The tie table with the state columns of the module docstring added.

    Parameters
    ----------
    ties : DataFrame
        The tie table; reads ``strength, peak_strength, effort, peak_effort, last_contact,
        days_since_last, connected_on, on_linkedin, cadence_days, status,
        given_recent, received_recent`` and, when present, ``gave_rows, received_rows``.
    as_of : date-like
        The review date.
    trusted_strength : float
        The strength from which a tie is strong.
    window_days : int
        The review window (the layers' days in touch are counted in it).

    Returns
    -------
    DataFrame
        ``ties`` with :data:`STATE_COLUMNS` added (``layer`` ``Int64``;
        ``cadence``, ``overdue``, ``ratio`` float; the rest bool).

    Examples
    --------
    >>> ties = pd.DataFrame({"strength": [0.6, 0.5, 0.1], "peak_strength": [0.6, 0.7, 0.5],
    ...     "effort": [30, 0, 0], "peak_effort": [30, 28, 3], "days_since_last": pd.array([3, 400, 800], dtype="Int64"),
    ...     "last_contact": pd.to_datetime(["2026-05-29", "2025-04-27", "2024-03-23"]),
    ...     "connected_on": pd.to_datetime(["2020-01-01"] * 3), "on_linkedin": [True] * 3,
    ...     "cadence_days": pd.array([pd.NA] * 3, dtype="Int64"), "status": [""] * 3,
    ...     "given_recent": [4.0, 0.0, 0.0], "received_recent": [0.5, 0.0, 0.0]},
    ...     index=pd.Index(["a", "b", "c"], name="person_id"))
    >>> s = tie_state(ties, as_of="2026-06-01", trusted_strength=0.35, window_days=365)
    >>> s["layer"].tolist(), s["peak_layer"].tolist()   # b and c were not in touch in the window
    ([1, 5, 5], [1, 1, 4])
    >>> s["cadence"].tolist(), s["overdue"].tolist()    # b was seen fortnightly: its cadence stays short
    ([14.0, 14.0, 180.0], [-11.0, 386.0, 620.0])
    >>> s[["strong", "cooling", "dormant", "taker"]].to_dict("list")
    {'strong': [True, True, False], 'cooling': [False, True, False], 'dormant': [False, False, True], 'taker': [True, False, False]}
    """
    stamp = pd.Timestamp(as_of).normalize()
    trusted = float(trusted_strength)
    out = ties.copy()
    status = out["status"].fillna("") if "status" in out else pd.Series("", index=out.index)
    winding = status.eq("wind-down").to_numpy()
    strength = out["strength"].to_numpy(dtype=float)
    peak = np.maximum(out["peak_strength"].to_numpy(dtype=float), strength)
    since = out["days_since_last"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    in_touch = ~np.isnan(since)
    out["layer"] = _layers(out["effort"], out["strength"], out["last_contact"], in_touch, window_days)
    peak_effort = out["peak_effort"] if "peak_effort" in out else out["effort"]
    out["peak_layer"] = _layers(peak_effort, pd.Series(peak, index=out.index), out["last_contact"], in_touch,
                                window_days)
    layer = out["peak_layer"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    by_layer = pd.Series(layer).map(LAYER_CADENCE).to_numpy(dtype=float)
    given = out["cadence_days"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    given = np.where(given > 0, given, np.nan)
    cadence = np.where(np.isnan(given), by_layer, given)
    cadence = np.where(winding | ~in_touch, np.nan, cadence)
    overdue = since - cadence
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = overdue / cadence
    late = np.nan_to_num(overdue, nan=0.0) > 0
    strong = strength >= trusted
    once = peak >= trusted
    dormant = once & in_touch & (np.nan_to_num(since, nan=0.0) >= DORMANT_DAYS) & ~winding
    out["cadence"] = cadence
    out["overdue"] = overdue
    out["ratio"] = ratio
    out["strong"] = strong
    out["once_strong"] = once
    out["cooling"] = strong & late & ~winding & ~dormant
    out["fading"] = once & ~strong & late & ~winding & ~dormant
    out["dormant"] = dormant
    connected = pd.to_datetime(out["connected_on"])
    age = (stamp - connected).dt.days.to_numpy(dtype=float, na_value=np.nan)
    on = out["on_linkedin"].astype(bool).to_numpy()
    out["new"] = on & (age >= 0) & (age <= FOLLOW_UP_DAYS)
    last = pd.to_datetime(out["last_contact"])
    out["followed_up"] = (last.notna() & connected.notna() & (last >= connected)).to_numpy()
    g = out["given_recent"].to_numpy(dtype=float)
    r = out["received_recent"].to_numpy(dtype=float)
    times_gave = out["gave_rows"].to_numpy() if "gave_rows" in out else np.full(len(out), TAKER_TIMES)
    times_got = out["received_rows"].to_numpy() if "received_rows" in out else np.full(len(out), TAKER_TIMES)
    out["taker"] = (g - r >= TAKER_POINTS) & (r * TAKER_RATIO <= g) & (times_gave >= TAKER_TIMES)
    out["owed"] = (r - g >= TAKER_POINTS) & (g * TAKER_RATIO <= r) & (times_got >= TAKER_TIMES)
    return out


def _layers(effort: pd.Series, strength: pd.Series, last_contact: pd.Series, in_touch: np.ndarray,
            window_days: int) -> pd.Series:
    """Layer 1-5 per tie in touch (module docstring): by strength, the innermost layer that fits and has room."""
    needs = layer_needs(window_days)
    index = effort.index
    effort = effort.to_numpy(dtype=float)
    fit = np.full(len(index), 5, dtype=np.int64)
    for k in (4, 3, 2, 1):
        fit = np.where(effort >= needs[k], k, fit)
    last = pd.to_datetime(last_contact).to_numpy(dtype="datetime64[ns]").astype("int64")
    order = np.lexsort((np.asarray(index, dtype=object).astype(str), -last, -strength.to_numpy(dtype=float)))
    order = order[in_touch[order]]
    capacity = [LAYER_SIZES[0]] + [b - a for a, b in zip(LAYER_SIZES, LAYER_SIZES[1:])] + [np.inf]
    room = list(capacity)
    layer = np.zeros(len(index), dtype=np.int64)
    for position in order.tolist():
        k = int(fit[position])
        while room[k - 1] <= 0:
            k += 1
        room[k - 1] -= 1
        layer[position] = k
    result = pd.array(np.where(layer > 0, layer, 0), dtype="Int64")
    result[layer == 0] = pd.NA
    return pd.Series(result, index=index, name="layer")
