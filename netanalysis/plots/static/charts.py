"""Static images of where the network and the effort are: breadth and depth, layers, clusters, purposes.

Each function takes the summary's figure data first (``view["figures"][name]``:
a dict, or column lists, or the DataFrame they came from), everything else
keyword-only, and returns a :class:`matplotlib.figure.Figure` showing what
the report's figure of the same name shows, picked by the same code
(:mod:`netanalysis.plots.chartdata`).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import PercentFormatter

from ..chartdata import QUADRANTS, cluster_rows, number_or_nan, purpose_rows, quadrant_of
from ..charts import NO_CLUSTERS, NO_PURPOSE
from ..theme import INK, MUTED, NEUTRAL, WARNING, YOU
from .style import WIDTH, as_frame, category_labels, empty_figure, new_figure, points, titled, top_legend

__all__ = ["breadth_depth", "layers", "clusters", "purpose"]

_SHARE = PercentFormatter(xmax=1.0, decimals=0)


def breadth_depth(point: dict, *, title: str = "Breadth and depth") -> Figure:
    """Your place on breadth (x, 0-1) against depth (y, 0-1), in one of four quadrants.

    Parameters
    ----------
    point : dict
        The summary's ``view["figures"]["breadth_depth"]``: ``breadth``,
        ``depth``, optional ``quadrant`` and ``label``.
    title : str

    Returns
    -------
    matplotlib.figure.Figure
        One square axes: the lines at 0.5 (dotted), your quadrant shaded, the
        four quadrant names, and your point (label: ``label``, default "you").
        A missing breadth or depth gives a figure that says so.

    Examples
    --------
    >>> fig = breadth_depth({"breadth": 0.8, "depth": 0.2, "quadrant": "broad and shallow", "label": "Mette"})
    >>> you = fig.axes[0].collections[0]
    >>> you.get_label(), you.get_offsets().tolist()
    ('Mette', [[0.8, 0.2]])
    """
    point = dict(point or {})
    breadth, depth = number_or_nan(point.get("breadth")), number_or_nan(point.get("depth"))
    if math.isnan(breadth) or math.isnan(depth):
        return empty_figure(str(point.get("reason") or "Not enough data to place you on breadth and depth yet"),
                            title=title)
    quadrant = point.get("quadrant") if point.get("quadrant") in QUADRANTS else quadrant_of(breadth, depth)
    label = str(point.get("label") or "you")
    fig, ax = new_figure(6.0, 6.2)
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_aspect("equal")
    ax.grid(False)
    side = QUADRANTS[quadrant]
    ax.add_patch(Rectangle((0.5 if side[0] == "high" else 0.0, 0.5 if side[1] == "high" else 0.0), 0.5, 0.5,
                           facecolor=YOU, alpha=0.06, linewidth=0, zorder=0))
    ax.axvline(0.5, color=MUTED, linewidth=1, linestyle=":")
    ax.axhline(0.5, color=MUTED, linewidth=1, linestyle=":")
    for name, (bside, dside) in QUADRANTS.items():
        ax.text(0.98 if bside == "high" else 0.02, 0.98 if dside == "high" else 0.02, name, fontsize=10,
                ha="right" if bside == "high" else "left", va="top" if dside == "high" else "bottom",
                color=INK if name == quadrant else MUTED)
    ax.scatter([breadth], [depth], s=points([16]), color=YOU, edgecolors="white", linewidths=1.5, zorder=3,
               label=label)
    # Away from the quadrant names, which sit at the top and bottom edges.
    ax.annotate(label, (breadth, depth), xytext=(-10 if breadth > 0.5 else 10, -12 if depth > 0.5 else 12),
                textcoords="offset points", ha="right" if breadth > 0.5 else "left",
                va="top" if depth > 0.5 else "bottom", color=YOU, fontsize=11)
    ax.set_xlabel("breadth: how many people and circles you reach")
    ax.set_ylabel("depth: strong ties and effort on them")
    return titled(fig, title)


def layers(data, *, title: str = "Closeness layers: members and effort") -> Figure:
    """Members and share of effort per Dunbar layer, side by side (innermost on top).

    Parameters
    ----------
    data : dict of lists or DataFrame
        The summary's ``view["figures"]["layers"]``: ``layer``, ``name``,
        ``members``, ``effort`` and optionally ``expected``.
    title : str

    Returns
    -------
    matplotlib.figure.Figure
        Two axes sharing the layer names: bars "members" (left, with an
        "expected" tick per layer when given) and "share of effort"
        (right, ``effort / Σ effort``; 0 when there is no effort).

    Examples
    --------
    >>> fig = layers({"layer": [1, 2], "name": ["support clique (5)", "sympathy group (15)"],
    ...               "members": [5, 10], "effort": [30, 10]})
    >>> members, effort = (ax.containers[0] for ax in fig.axes)
    >>> [float(bar.get_width()) for bar in members], [float(bar.get_width()) for bar in effort]
    ([5.0, 10.0], [0.75, 0.25])
    """
    frame = as_frame(data)
    if frame is None or len(frame) == 0:
        return empty_figure("No closeness layers yet: log some interactions", title=title)
    names = category_labels(frame["name"] if "name" in frame.columns else frame["layer"].astype(str))
    members = pd.to_numeric(frame["members"], errors="coerce").fillna(0).astype("int64").to_numpy()
    effort = pd.to_numeric(frame["effort"], errors="coerce").fillna(0).astype(float).to_numpy()
    total = float(effort.sum())
    share = effort / total if total > 0 else effort * 0.0
    fig, (left, right) = new_figure(WIDTH, 1.9 + 0.42 * len(names), ncols=2, sharey=True)
    rows = np.arange(len(names))
    bars = left.barh(rows, members, color=NEUTRAL, label="members", height=0.7)
    left.bar_label(bars, labels=[f"{m:,}" for m in members], padding=3, fontsize=9)
    if "expected" in frame.columns:
        expected = pd.to_numeric(frame["expected"], errors="coerce").to_numpy(dtype=float)
        known = ~np.isnan(expected)
        if known.any():
            left.scatter(expected[known], rows[known], marker="|", s=points([18]), color=INK, linewidths=2,
                         zorder=3, label="expected")
    bars = right.barh(rows, share, color=YOU, label="share of effort", height=0.7)
    right.bar_label(bars, labels=[f"{s:.0%}" for s in share], padding=3, fontsize=9)
    right.set_xlim(0, max(1.0, float(share.max()) * 1.15))
    right.xaxis.set_major_formatter(_SHARE)
    left.set_yticks(rows, names)
    left.invert_yaxis()
    left.margins(x=0.12)
    for ax, name in ((left, "members"), (right, "share of effort")):
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(name)
    return titled(fig, title, left, subtitle=None if total > 0 else "no interactions in the review window")


def clusters(data, *, top: int = 12, title: str = "Clusters: share of contacts and of effort") -> Figure:
    """Each cluster's share of your contacts next to its share of your effort.

    Parameters
    ----------
    data : dict of lists or DataFrame
        The summary's ``view["figures"]["clusters"]`` (one row per cluster;
        the columns as :func:`netanalysis.plots.charts.clusters_spec` finds them).
    top : int
        The ``top`` largest clusters, the rest summed as "other"; "no cluster" last.
    title : str

    Returns
    -------
    matplotlib.figure.Figure
        One axes of grouped horizontal bars, "share of contacts" (grey) and
        "share of effort" (your colour), largest share of contacts on top.

    Examples
    --------
    >>> fig = clusters({"cluster": ["work", "school"], "members": [30, 10], "effort": [1, 3]})
    >>> contacts, effort = fig.axes[0].containers
    >>> [float(b.get_width()) for b in contacts], [float(b.get_width()) for b in effort]
    ([0.75, 0.25], [0.25, 0.75])
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['work', 'school']
    """
    frame = as_frame(data)
    if frame is None or len(frame) == 0:
        return empty_figure(NO_CLUSTERS, title=title)
    frame = cluster_rows(frame, top=top)
    names = category_labels(frame["label"])
    rows = np.arange(len(names))
    fig, ax = new_figure(WIDTH, 1.9 + 0.5 * len(names))
    ax.barh(rows - 0.2, frame["members"].fillna(0), height=0.4, color=NEUTRAL, label="share of contacts")
    ax.barh(rows + 0.2, frame["effort"].fillna(0), height=0.4, color=YOU, label="share of effort")
    ax.set_yticks(rows, names)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(_SHARE)
    ax.set_xlim(left=0)
    top_legend(ax, ncols=2)
    return titled(fig, title)


def purpose(data, *, title: str = "Effort by purpose against your goals") -> Figure:
    """Share of effort per purpose, with the target share from ``goals.toml`` as a tick.

    Parameters
    ----------
    data : dict of lists or DataFrame
        The summary's ``view["figures"]["purpose"]``: ``purpose``, ``share``
        (0-1) and optionally ``target``.
    title : str

    Returns
    -------
    matplotlib.figure.Figure
        One axes: bars "share of effort" (amber when 10 points or more off
        target, else your colour) and ticks "target" where one is set.

    Examples
    --------
    >>> fig = purpose({"purpose": ["sales", "learning"], "share": [0.8, 0.2], "target": [0.5, None]})
    >>> bars = fig.axes[0].containers[0]
    >>> [float(b.get_height()) for b in bars], fig.axes[0].collections[0].get_offsets().tolist()
    ([0.8, 0.2], [[0.0, 0.5]])
    """
    rows = purpose_rows(as_frame(data))
    if rows is None:
        return empty_figure(NO_PURPOSE, title=title)
    names = category_labels(rows["purpose"], length=18)
    where = np.arange(len(names))
    share, target = rows["share"].to_numpy(), rows["target"].to_numpy()
    fig, ax = new_figure(7.0, 4.6)
    bars = ax.bar(where, share, width=0.55, color=[WARNING if o else YOU for o in rows["off"]],
                  label="share of effort")
    ax.bar_label(bars, labels=[f"{s:.0%}" for s in share], padding=3, fontsize=9)
    handles = [bars]
    known = ~np.isnan(target)
    if known.any():
        handles.append(ax.scatter(where[known], target[known], marker="_", s=points([40]), color=INK,
                                  linewidths=3, zorder=3, label="target"))
    top = float(np.nanmax(np.concatenate([share, target, [0.0]])))
    ax.set_ylim(0, max(0.1, top * 1.18))
    long = sum(len(n) for n in names) > 60
    ax.set_xticks(where, names, rotation=30 if long else 0, ha="right" if long else "center")
    ax.yaxis.set_major_formatter(_SHARE)
    ax.grid(axis="x", visible=False)
    top_legend(ax, handles, ncols=2)
    return titled(fig, title)
