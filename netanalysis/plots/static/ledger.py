"""Static images of give and take and of time: reciprocity, the monthly balance, staleness.

Each function takes the summary's figure data first (column lists or a
DataFrame), everything else keyword-only, and returns a
:class:`matplotlib.figure.Figure` of what the report's figure shows, picked by
the same code (:mod:`netanalysis.plots.chartdata`).  What you gave is green,
what you received slate blue, overdue amber.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.dates import DateFormatter
from matplotlib.figure import Figure

from ..chartdata import reciprocity_points, staleness_rows
from ..ledger import NO_CADENCE, NO_LOG
from ..theme import GIVEN, HEALTHY, INK, MUTED, RECEIVED, WARNING
from .style import WIDTH, as_frame, category_labels, empty_figure, new_figure, points, titled, top_legend

__all__ = ["reciprocity", "balance", "staleness"]


def reciprocity(data, *, top: int = 40, labels: int = 6, title: str = "Given and received per contact") -> Figure:
    """What you gave (x) against what you received (y), one point per contact.

    Parameters
    ----------
    data : dict of lists or DataFrame
        The summary's ``view["figures"]["reciprocity"]``: ``contact``,
        ``given``, ``received``.
    top : int
        The ``top`` contacts with the most exchanged.
    labels : int
        Name the contacts with the biggest gaps (as the report does).
    title : str

    Returns
    -------
    matplotlib.figure.Figure
        One axes, both axes on the same range: the diagonal "balanced"
        (dotted), then scatters "you gave more" (green), "you received more"
        (blue) and "even" (grey), x = given, y = received.

    Examples
    --------
    >>> fig = reciprocity({"contact": ["Ann", "Bo", "Cy"], "given": [5, 1, 0], "received": [1, 4, 0]})
    >>> {c.get_label(): c.get_offsets().tolist() for c in fig.axes[0].collections}
    {'you gave more': [[5.0, 1.0]], 'you received more': [[1.0, 4.0]]}
    """
    found = reciprocity_points(as_frame(data), top=top, labels=labels)
    if found is None:
        return empty_figure(NO_LOG, title=title)
    frame, end, contacts = found
    fig, ax = new_figure(7.0, 7.0)
    ax.plot([0, end], [0, end], color=MUTED, linewidth=1, linestyle=":", label="balanced")
    sides = (("you gave more", frame["given"] > frame["received"], GIVEN),
             ("you received more", frame["given"] < frame["received"], RECEIVED),
             ("even", frame["given"] == frame["received"], MUTED))
    for name, mask, colour in sides:
        rows = frame[mask]
        if len(rows):
            ax.scatter(rows["given"], rows["received"], s=points([10]), color=colour, alpha=0.8,
                       edgecolors="white", linewidths=1, zorder=3, label=name)
    for _, row in frame[frame["label"] != ""].iterrows():
        left = row["given"] > end / 2
        ax.annotate(row["label"], (row["given"], row["received"]), xytext=(-6 if left else 6, 6),
                    textcoords="offset points", ha="right" if left else "left", fontsize=8, color=INK)
    ax.set_xlim(0, end)
    ax.set_ylim(0, end)
    ax.set_aspect("equal")
    ax.set_xlabel("you gave (sum of value)")
    ax.set_ylabel("you received (sum of value)")
    subtitle = f"the {len(frame)} contacts with the most exchanged, of {contacts:,}" if contacts > len(frame) else None
    top_legend(ax, subtitle=subtitle, ncols=4)
    return titled(fig, title)


def balance(data, *, title: str = "Given and received per month") -> Figure:
    """Monthly bars of what you gave and received, and a line for the net.

    Parameters
    ----------
    data : dict of lists or DataFrame
        The summary's ``view["figures"]["balance"]``: ``month`` (ISO date of
        the month's start), ``given``, ``received``, optional ``interactions``.
    title : str

    Returns
    -------
    matplotlib.figure.Figure
        One axes: bars "given" (green) and "received" (blue) side by side per
        month, and the line "net" (``given - received``).

    Examples
    --------
    >>> fig = balance({"month": ["2026-01-01", "2026-02-01"], "given": [3, 0], "received": [1, 2]})
    >>> given, received = fig.axes[0].containers
    >>> [float(b.get_height()) for b in given], [float(b.get_height()) for b in received]
    ([3.0, 0.0], [1.0, 2.0])
    >>> fig.axes[0].get_lines()[0].get_ydata().tolist()
    [2.0, -2.0]
    """
    frame = as_frame(data)
    needed = {"month", "given", "received"}
    if frame is None or len(frame) == 0 or not needed <= set(frame.columns):
        return empty_figure(NO_LOG, title=title)
    given = pd.to_numeric(frame["given"], errors="coerce").fillna(0).to_numpy(dtype=float)
    received = pd.to_numeric(frame["received"], errors="coerce").fillna(0).to_numpy(dtype=float)
    count = (pd.to_numeric(frame["interactions"], errors="coerce").fillna(0).to_numpy(dtype=float)
             if "interactions" in frame.columns else given * 0)
    if not (given.any() or received.any() or count.any()):
        return empty_figure(NO_LOG, title=title)
    months = pd.to_datetime(frame["month"]).to_numpy(dtype="datetime64[D]")
    fig, ax = new_figure(WIDTH, 4.4)
    half = np.timedelta64(6, "D")
    handles = [ax.bar(months - half, given, width=12, color=GIVEN, label="given"),
               ax.bar(months + half, received, width=12, color=RECEIVED, label="received"),
               *ax.plot(months, given - received, color=INK, linewidth=2, marker="o", markersize=3, label="net")]
    ax.axhline(0, color=MUTED, linewidth=1)
    ax.xaxis.set_major_formatter(DateFormatter("%b %Y"))
    ax.grid(axis="x", visible=False)
    ax.set_ylabel("sum of value")
    top_legend(ax, handles, ncols=3)
    return titled(fig, title)


def staleness(data, *, top: int = 25, cadence: str | None = None,
              title: str = "Days since last contact against cadence") -> Figure:
    """Horizontal bars of days since last contact, each tie's cadence as a tick; most overdue on top.

    Parameters
    ----------
    data : dict of lists or DataFrame
        The summary's ``view["figures"]["staleness"]``: ``contact``,
        ``days_since_last``, a cadence (``cadence_used``, ...), optional ``strength``.
    top : int
        The ``top`` most overdue ties.
    cadence : str, optional
        The cadence column's name (found automatically).
    title : str

    Returns
    -------
    matplotlib.figure.Figure
        One axes: bars "days since last contact" (amber when overdue, green
        otherwise) and ticks "cadence".

    Examples
    --------
    >>> fig = staleness({"contact": ["Ann", "Bo", "Cy"], "days_since_last": [40, 10, 5],
    ...                  "cadence_used": [30, 30, None]})
    >>> bars = fig.axes[0].containers[0]
    >>> [float(b.get_width()) for b in bars], [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ([40.0, 10.0], ['Ann', 'Bo'])
    """
    frame = staleness_rows(as_frame(data), top=top, cadence=cadence)
    if frame is None:
        return empty_figure(NO_CADENCE, title=title)
    names = category_labels(frame["name"])
    rows = np.arange(len(names))
    late = (frame["overdue"] > 0).to_numpy()
    fig, ax = new_figure(WIDTH, 1.9 + 0.3 * len(names))
    handles = [ax.barh(rows, frame["days"], height=0.65, color=[WARNING if x else HEALTHY for x in late],
                       label="days since last contact"),
               ax.scatter(frame["cadence"], rows, marker="|", s=points([16]), color=INK, linewidths=2, zorder=3,
                          label="cadence")]
    ax.set_yticks(rows, names)
    ax.invert_yaxis()
    ax.set_xlim(left=0)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("days")
    top_legend(ax, handles, subtitle=f"{int(late.sum())} of the {len(names)} shown overdue (amber)", ncols=2)
    return titled(fig, title)
