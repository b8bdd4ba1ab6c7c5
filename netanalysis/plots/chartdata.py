"""What each chart draws, as plain rows: one selection shared by the plotly specs and the static images.

The report's figures (:mod:`netanalysis.plots.charts`, :mod:`netanalysis.plots.ledger`)
and the static images (:mod:`netanalysis.plots.static`) pick the same
contacts, clusters and purposes, in the same order, from these functions; they
differ only in how they draw them.  Text here is plain (not escaped for
plotly's labels).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["reciprocity_points", "staleness_rows", "cluster_rows", "purpose_rows", "quadrant_of", "number_or_nan",
           "columns_or_none", "QUADRANTS", "OFF_TARGET", "CADENCE_COLUMNS"]

#: Quadrant name -> (breadth side, depth side): where its annotation goes.
QUADRANTS = {"broad and deep": ("high", "high"), "broad and shallow": ("high", "low"),
             "deep and narrow": ("low", "high"), "narrow and shallow": ("low", "low")}
#: A purpose whose share is this far from its target is drawn in the warning colour.
OFF_TARGET = 0.10
#: Column names tried, in order, for the cadence in :func:`staleness_rows`.
CADENCE_COLUMNS = ("cadence_days_used", "cadence_used", "cadence", "cadence_days")


def reciprocity_points(per_contact: pd.DataFrame | None, *, top: int = 40,
                       labels: int = 6) -> tuple[pd.DataFrame, float, int] | None:
    """The points :func:`~netanalysis.plots.ledger.reciprocity_spec` (and the static image) draws.

    ``(frame, axis_end, contacts)``, see Returns.

    Parameters
    ----------
    per_contact : DataFrame or None
        ``contact``, ``given``, ``received``.
    top, labels : int
        As :func:`~netanalysis.plots.ledger.reciprocity_spec`.

    Returns
    -------
    tuple or None
        ``frame``: the ``top`` contacts with the most exchanged (columns
        ``name``, ``given``, ``received``, ``total``, ``gap``, ``label``: the
        text written beside the point, plain, "" for most); ``axis_end``: both
        axes' end, ``1.08 · max + 0.5``; ``contacts``: how many exchanged
        anything.  None when nothing was exchanged.

    Examples
    --------
    >>> per = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "given": [5, 1, 0], "received": [1, 4, 0]})
    >>> frame, end, contacts = reciprocity_points(per)
    >>> frame[["name", "label"]].values.tolist(), end, contacts
    ([['Ann', 'Ann'], ['Bo', 'Bo']], 5.9, 2)
    """
    frame = columns_or_none(per_contact, ("contact", "given", "received"))
    if frame is None:
        return None
    frame = frame.assign(given=pd.to_numeric(frame["given"], errors="coerce").fillna(0),
                         received=pd.to_numeric(frame["received"], errors="coerce").fillna(0))
    frame = frame[(frame["given"] + frame["received"]) > 0]
    if frame.empty:
        return None
    total_contacts = len(frame)
    frame = frame.assign(total=frame["given"] + frame["received"], gap=(frame["given"] - frame["received"]).abs(),
                         name=frame["contact"].astype(str))
    frame = frame.sort_values(["total", "gap", "name"], ascending=[False, False, True], kind="stable").head(top)
    top_value = float(max(frame["given"].max(), frame["received"].max())) * 1.08 + 0.5
    frame = frame.assign(label=_labels(frame, labels, top_value))
    return frame[["name", "given", "received", "total", "gap", "label"]], top_value, total_contacts


def staleness_rows(table: pd.DataFrame | None, *, top: int = 25, cadence: str | None = None) -> pd.DataFrame | None:
    """The ties :func:`~netanalysis.plots.ledger.staleness_spec` draws (and the static image), most overdue first.

    Parameters
    ----------
    table : DataFrame or None
        ``contact``, ``days_since_last``, a cadence column, optional ``strength``.
    top : int
    cadence : str, optional
        As :func:`~netanalysis.plots.ledger.staleness_spec`.

    Returns
    -------
    DataFrame or None
        ``name``, ``days``, ``cadence``, ``strength`` (NaN if not given) and
        ``overdue = days - cadence``; None when no tie has both a cadence and
        a last contact.

    Examples
    --------
    >>> table = pd.DataFrame({"contact": ["Ann", "Bo"], "days_since_last": [10, 40], "cadence": [30, 30]})
    >>> staleness_rows(table)[["name", "overdue"]].values.tolist()
    [['Bo', 10.0], ['Ann', -20.0]]
    """
    column = cadence or next((c for c in CADENCE_COLUMNS if table is not None and c in table.columns), None)
    frame = columns_or_none(table, ("contact", "days_since_last") + ((column,) if column else ()))
    if frame is None or column is None:
        return None
    frame = pd.DataFrame({
        "name": frame["contact"].astype(str).to_numpy(),
        "days": pd.to_numeric(frame["days_since_last"], errors="coerce").astype(float).to_numpy(),
        "cadence": pd.to_numeric(frame[column], errors="coerce").astype(float).to_numpy(),
        "strength": (pd.to_numeric(frame["strength"], errors="coerce").astype(float).to_numpy()
                     if "strength" in frame.columns else np.nan),
    }).dropna(subset=["days", "cadence"])
    if frame.empty:
        return None
    frame["overdue"] = frame["days"] - frame["cadence"]
    return frame.sort_values(["overdue", "strength", "name"], ascending=[False, False, True],
                             na_position="last", kind="stable").head(top)


def cluster_rows(clusters: pd.DataFrame, *, label: str | None = None, members: str | None = None,
                 effort: str | None = None, top: int = 12) -> pd.DataFrame:
    """The bars :func:`~netanalysis.plots.charts.clusters_spec` draws (and the static image), in order.

    Parameters
    ----------
    clusters : DataFrame
        One row per cluster, not empty (columns as :func:`~netanalysis.plots.charts.clusters_spec` finds them).
    label, members, effort : str, optional
    top : int
        As :func:`~netanalysis.plots.charts.clusters_spec`.

    Returns
    -------
    DataFrame
        ``label``, ``members`` and ``effort`` (shares, 0-1): the largest share
        of contacts first, then "other (k clusters)", then "no cluster".

    Examples
    --------
    >>> clusters = pd.DataFrame({"cluster": ["a", "b", "c", ""], "members": [5, 3, 1, 1], "effort": [1, 1, 1, 1]})
    >>> cluster_rows(clusters, top=2).values.tolist()
    [['a', 0.5, 0.25], ['other (2 clusters)', 0.4, 0.5], ['no cluster', 0.1, 0.25]]
    """
    label = label or _first(clusters, ("label", "cluster", "name"))
    member_share = _share(clusters, members, ("share_members", "member_share", "share_of_members",
                                              "members_share", "share_contacts"), ("members", "size", "count"))
    effort_share = _share(clusters, effort, ("share_effort", "share_of_effort", "effort_share"), ("effort",))
    frame = pd.DataFrame({"label": clusters[label].astype(str).to_numpy() if label else
                          [f"cluster {i + 1}" for i in range(len(clusters))],
                          "members": member_share.to_numpy(), "effort": effort_share.to_numpy()})
    frame["label"] = frame["label"].str.strip().replace({"": "no cluster", "unclustered": "no cluster"})
    frame = frame.sort_values("members", ascending=False, kind="stable")
    ungrouped = frame[frame["label"] == "no cluster"]
    frame = frame[frame["label"] != "no cluster"].reset_index(drop=True)
    if len(frame) > top:
        rest = frame.iloc[top - 1:]
        frame = pd.concat([frame.iloc[:top - 1], pd.DataFrame({
            "label": [f"other ({len(rest)} clusters)"], "members": [rest["members"].sum()],
            "effort": [rest["effort"].sum(min_count=1)]})], ignore_index=True)
    return pd.concat([frame, ungrouped], ignore_index=True)


def purpose_rows(purposes: pd.DataFrame | None) -> pd.DataFrame | None:
    """The bars :func:`~netanalysis.plots.charts.purpose_spec` draws (and the static image).

    Parameters
    ----------
    purposes : DataFrame or None
        ``purpose``, ``share`` (0-1), optional ``target``.

    Returns
    -------
    DataFrame or None
        ``purpose``, ``share``, ``target`` (NaN if none) and ``off``
        (``|share - target| >= OFF_TARGET``), the rows with a share; None
        when no row has one.

    Examples
    --------
    >>> purposes = pd.DataFrame({"purpose": ["sales", "job"], "share": [0.8, 0.2], "target": [0.5, 0.25]})
    >>> purpose_rows(purposes)["off"].tolist()
    [True, False]
    """
    frame = pd.DataFrame() if purposes is None else purposes
    if len(frame) == 0 or "share" not in frame.columns:
        return None
    share = pd.to_numeric(frame["share"], errors="coerce")
    target = (pd.to_numeric(frame["target"], errors="coerce") if "target" in frame.columns
              else pd.Series(np.nan, index=frame.index))
    keep = share.notna()
    if not keep.any():
        return None
    share, target = share[keep].astype(float), target[keep].astype(float)
    return pd.DataFrame({"purpose": frame.loc[keep, "purpose"], "share": share, "target": target,
                         "off": (share - target).abs() >= OFF_TARGET})


def number_or_nan(value) -> float:
    """``value`` as a float; NaN when it is not a number (None, text).

    >>> number_or_nan("0.5"), number_or_nan(None)
    (0.5, nan)
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number


def quadrant_of(breadth: float, depth: float) -> str:
    """The quadrant of a point, by the 0.5 lines (when the summary names none).

    >>> quadrant_of(0.8, 0.2), quadrant_of(0.5, 0.5)
    ('broad and shallow', 'broad and deep')
    """
    if breadth >= 0.5:
        return "broad and deep" if depth >= 0.5 else "broad and shallow"
    return "deep and narrow" if depth >= 0.5 else "narrow and shallow"


def _first(frame: pd.DataFrame, names) -> str | None:
    return next((n for n in names if n in frame.columns), None)


def _share(frame: pd.DataFrame, column: str | None, share_names, count_names) -> pd.Series:
    """The column ``column`` (else the first share column, else the first count column) as
    shares: values summing to more than 1 are counts and are divided by their sum."""
    name = column or _first(frame, share_names) or _first(frame, count_names)
    if name is None:
        return pd.Series(np.nan, index=frame.index)
    values = pd.to_numeric(frame[name], errors="coerce").astype(float)
    total = float(values.sum())
    return values / total if total > 1.0 + 1e-9 else values


def _labels(frame: pd.DataFrame, labels: int, top_value: float) -> pd.Series:
    """The names of the ``labels`` biggest gaps (plain text), "" for the rest; several
    labelled contacts on the same spot share one label, "Ann +2"; a label that would
    overlap a bigger gap's (closer than 4% of the axis range vertically and 25%
    horizontally) is left out, the hover still names it."""
    chosen = frame[frame["gap"] > 0].sort_values(["gap", "total"], ascending=False, kind="stable").head(labels)
    text = pd.Series("", index=frame.index, dtype=object)
    placed: list[tuple[float, float]] = []
    for (given, received), spot in chosen.groupby(["given", "received"], sort=False):
        if any(abs(received - y) < 0.04 * top_value and abs(given - x) < 0.25 * top_value for x, y in placed):
            continue
        placed.append((given, received))
        extra = f" +{len(spot) - 1}" if len(spot) > 1 else ""
        text[spot.index[0]] = spot["name"].iloc[0] + extra
    return text


def columns_or_none(frame: pd.DataFrame | None, required) -> pd.DataFrame | None:
    """``frame`` if it has rows and the required columns, else None (missing data, not an error)."""
    if frame is None or len(frame) == 0:
        return None
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise KeyError(f"missing column(s) {missing}; the table has {list(frame.columns)}")
    return frame

