"""Shared test helper: build a tie table (see ``netanalysis/analysis/ties.py``) by hand.

``make_ties(rows)`` takes a list of dicts, one per person, and fills every
tie-table column the review modules read with a default of the right dtype,
so a test only writes the columns its arithmetic needs::

    ties = make_ties([{"strength": 0.5, "layer": 1, "interactions": 3}, {}])

Defaults: strings ``""`` (``contact`` defaults to the person id so display
names are readable), ints ``0``, dates ``NaT``, nullable ints ``<NA>``,
floats ``0.0``, ``on_linkedin`` ``True``, ``cluster`` ``""``,
``cadence_used`` and ``overdue`` ``NaN``.  The index is ``person_id``: the
``index`` argument, else each row's ``"person_id"`` key, else ``p0, p1, ...``.
Pass ``as_of`` to derive ``days_since_last`` from ``last_contact`` where a row
gives the date but not the days.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["make_ties", "TIE_COLUMNS"]

_STR = ""
_NAT = pd.NaT
_NA = pd.NA

#: column -> (default, dtype)
TIE_COLUMNS: dict[str, tuple[object, str]] = {
    "contact": (_STR, "object"),
    "company": (_STR, "object"),
    "position": (_STR, "object"),
    "url": (_STR, "object"),
    "email": (_STR, "object"),
    "on_linkedin": (True, "bool"),
    "connected_on": (_NAT, "datetime64[ns]"),
    "circle": (_STR, "object"),
    "chemistry": (_NA, "Int64"),
    "cadence_days": (_NA, "Int64"),
    "status": (_STR, "object"),
    "offers": (_STR, "object"),
    "needs": (_STR, "object"),
    "interactions": (0, "int64"),
    "given": (0, "int64"),
    "received": (0, "int64"),
    "first_contact": (_NAT, "datetime64[ns]"),
    "last_contact": (_NAT, "datetime64[ns]"),
    "days_since_last": (_NA, "Int64"),
    "balance": (0, "int64"),
    "given_recent": (0.0, "float64"),
    "received_recent": (0.0, "float64"),
    "effort": (0, "int64"),
    "peak_effort": (0, "int64"),
    "contact_days": (0, "int64"),
    "gave_rows": (3, "int64"),
    "received_rows": (3, "int64"),
    "strength": (0.0, "float64"),
    "peak_strength": (0.0, "float64"),
    "two_way": (0.0, "float64"),
    "layer": (_NA, "Int64"),
    "cluster": (_STR, "object"),
    "cadence_used": (np.nan, "float64"),
    "overdue": (np.nan, "float64"),
}
#: State columns (netanalysis.analysis.state), derived by ``make_ties`` unless given.
STATE = ("peak_layer", "cadence", "ratio", "strong", "once_strong", "cooling", "fading", "dormant", "new",
         "followed_up", "taker", "owed")


def make_ties(rows: list[dict], index=None, *, as_of=None) -> pd.DataFrame:
    """A tie table with every column of :data:`TIE_COLUMNS` and the right dtypes.

    >>> t = make_ties([{"strength": 0.4, "layer": 1}, {"contact": "Bo"}])
    >>> list(t.index), t.loc["p0", "contact"], t.loc["p1", "contact"], str(t["layer"].dtype)
    (['p0', 'p1'], 'p0', 'Bo', 'Int64')
    >>> t = make_ties([{"last_contact": "2026-01-01"}], ["a"], as_of="2026-01-31")
    >>> int(t.loc["a", "days_since_last"])
    30
    >>> len(make_ties([]))
    0
    """
    rows = [dict(r) for r in rows]
    if index is None:
        index = [r.pop("person_id", f"p{i}") for i, r in enumerate(rows)]
    else:
        index = list(index)
        for r in rows:
            r.pop("person_id", None)
    if len(index) != len(rows):
        raise ValueError(f"{len(rows)} rows but {len(index)} index labels")
    unknown = {k for r in rows for k in r} - set(TIE_COLUMNS) - set(STATE)
    if unknown:
        raise KeyError(f"not tie-table columns: {sorted(unknown)}")
    data = {}
    for column, (default, dtype) in TIE_COLUMNS.items():
        values = [r.get(column, default) for r in rows]
        if column == "contact":
            values = [v if v != "" else pid for v, pid in zip(values, index)]
        if dtype.startswith("datetime"):
            series = pd.Series(pd.to_datetime(values), dtype=dtype) if values else pd.Series(dtype=dtype)
        elif dtype == "Int64":
            series = pd.Series([_NA if v is None or (isinstance(v, float) and np.isnan(v)) else v
                                for v in values], dtype="Int64")
        else:
            series = pd.Series(values, dtype=dtype)
        data[column] = series.to_numpy() if dtype != "Int64" else series.array
    ties = pd.DataFrame(data, index=pd.Index(index, name="person_id", dtype="object"))
    for column, (_, dtype) in TIE_COLUMNS.items():
        ties[column] = ties[column].astype(dtype)
    given = {k for r in rows for k in r}
    if "balance" not in given:
        ties["balance"] = ties["given"] - ties["received"]
    if as_of is not None:
        stamp = pd.Timestamp(as_of).normalize()
        derived = (stamp - ties["last_contact"]).dt.days.astype("Int64")
        ties["days_since_last"] = ties["days_since_last"].fillna(derived)
    return _with_state(ties, rows, given, as_of)


def _with_state(ties: pd.DataFrame, rows: list[dict], given: set, as_of) -> pd.DataFrame:
    """Add the state columns through the real ``tie_state``, keeping what the rows give.

    A row that gives a ``layer`` but no ``peak_effort`` was in touch as often as
    that layer needs at its last contact (so its cadence is that layer's);
    ``contact_days`` defaults to ``max(interactions, effort)`` (1 if only a last
    contact is given), ``peak_effort`` otherwise to ``effort``.
    """
    from netanalysis.analysis.state import layer_needs, tie_state

    if not len(ties):
        for column in STATE:
            ties[column] = pd.Series(dtype="float64" if column in ("cadence", "ratio") else
                                     "Int64" if column == "peak_layer" else "bool")
        return ties
    needs = {**layer_needs(365), 5: 1}
    for pid, row in zip(ties.index, rows):
        layer = row.get("layer")
        if "peak_effort" not in row:
            ties.loc[pid, "peak_effort"] = (needs[int(layer)] if layer is not None and layer is not pd.NA
                                            else ties.loc[pid, "effort"])
        if "contact_days" not in row:
            ties.loc[pid, "contact_days"] = max(int(ties.loc[pid, "interactions"]), int(ties.loc[pid, "effort"]),
                                                1 if pd.notna(ties.loc[pid, "days_since_last"]) else 0)
    state = tie_state(ties, as_of=as_of or "2026-06-01", trusted_strength=0.35, window_days=365)
    for column in ("layer", *STATE, "cadence_used", "overdue"):
        if column in state and column not in given:
            ties[column] = state[column]
    if "cadence_used" not in given:
        ties["cadence_used"] = ties["cadence"]
    return ties


def synthetic_ties(*, connections: int, log_people: int, rows_per_person: float, recent_share: float = 0.02,
                   cold_share: float = 0.12, cold_by_effort: bool = False, warm_effort: float = 1.0,
                   sigma: float = 1.0, years: float = 10.0, warm_days: float = 120.0, seed: int = 0,
                   as_of: str = "2026-06-01", goals=None) -> pd.DataFrame:
    """A persona-like tie table from a seeded synthetic log, through the real ``tie_table``.

    ``connections`` people on LinkedIn connected over ``years`` (``recent_share``
    of them in the last 60 days, never met); ``log_people`` of the older ones
    are in the log with log-normal effort around ``rows_per_person`` rows each.
    ``cold_share`` of them (the highest-effort ones if ``cold_by_effort``) went
    silent 9-30 months ago; the warm ones' rows are scaled by ``warm_effort``
    and their last contact is exponential with mean ``warm_days`` (under 9
    months).  Meant for calibrating severities, not for hand-checked numbers.
    """
    from types import SimpleNamespace

    from netanalysis.io.goals import Goals
    from netanalysis.analysis.ties import tie_table

    rng = np.random.default_rng(seed)
    stamp = pd.Timestamp(as_of)
    n_recent = int(round(connections * recent_share))
    ago = np.concatenate([rng.integers(0, 60, n_recent),
                          rng.integers(60, int(years * 365), connections - n_recent)])
    ids = [f"c{i}" for i in range(connections)]
    people = pd.DataFrame({"contact": [f"Person {i}" for i in range(connections)], "company": "",
                           "position": "", "url": "", "on_linkedin": True,
                           "connected_on": stamp - pd.to_timedelta(ago, unit="D"), "circle": "",
                           "chemistry": pd.array([pd.NA] * connections, dtype="Int64"),
                           "cadence_days": pd.array([pd.NA] * connections, dtype="Int64"),
                           "status": "", "offers": "", "needs": ""}, index=pd.Index(ids, name="person_id"))
    people["circle"] = rng.choice(["colleague", "client", "partner", "community", "mentor", "other"],
                                  connections)
    people["chemistry"] = pd.array(rng.integers(1, 6, connections), dtype="Int64")
    logged = rng.choice(np.arange(n_recent, connections), size=min(log_people, connections - n_recent),
                        replace=False)
    weight = rng.lognormal(0.0, sigma, len(logged))
    n_cold = int(round(cold_share * len(logged)))
    order = np.argsort(-weight) if cold_by_effort else rng.permutation(len(logged))
    cold = np.zeros(len(logged), bool)
    cold[order[:n_cold]] = True
    weight = np.where(cold, weight, weight * warm_effort)
    rows = np.maximum(1, np.round(weight / weight.mean() * rows_per_person)).astype(int)
    warm_last = np.minimum(rng.exponential(warm_days, len(logged)), 269).astype(int)
    last_ago = np.where(cold, rng.integers(270, 900, len(logged)), warm_last)
    span = np.minimum(rng.integers(60, 1500, len(logged)), ago[logged] - last_ago)
    span = np.maximum(span, 0)
    person, days = [], []
    for k, i in enumerate(logged):
        offsets = np.concatenate([[0], rng.integers(0, span[k] + 1, rows[k] - 1)])
        person += [ids[i]] * rows[k]
        days += list(last_ago[k] + offsets)
    n = len(person)
    kinds = rng.choice(["coffee", "meeting", "call", "message", "email"], n)
    log = pd.DataFrame({"person_id": person, "date": stamp - pd.to_timedelta(days, unit="D"),
                        "value": rng.integers(1, 6, n), "kind": kinds,
                        "direction": rng.choice(["gave", "received", "mutual"], n),
                        "purpose": rng.choice(["sales", "job", "learning", ""], n),
                        "channel": np.where(np.isin(kinds, ["coffee", "meeting"]), "offline", "online")})
    net = SimpleNamespace(people=people, log=log, goals=goals or Goals())
    return tie_table(net, stamp)
