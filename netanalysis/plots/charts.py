"""Figures of where the network and the effort are: breadth and depth, layers, clusters, purposes.

Each function takes plain data (a dict or a DataFrame with the documented
columns), everything else keyword-only, and returns a plotly.js figure spec
(:mod:`netanalysis.plots.spec`) drawn with the theme's template
(:mod:`netanalysis.plots.theme`); :mod:`netanalysis.plots.figures` wraps each
as a plotly Figure.  Missing data gives a figure that says what is missing
instead of an error.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .chartdata import QUADRANTS, cluster_rows, number_or_nan, purpose_rows, quadrant_of
from .spec import numbers
from .theme import FIXED, GRID, INK, MUTED, NEUTRAL, TEMPLATE, WARNING, YOU, empty_spec, escape, \
    legend_below_title, short_labels, text_width, top_margin, unique_labels

__all__ = ["breadth_depth_spec", "layer_effort_spec", "clusters_spec", "purpose_spec", "QUADRANTS", "NO_PURPOSE",
           "NO_CLUSTERS"]

NO_PURPOSE = "No purposes logged yet: add a purpose to your interactions"
NO_CLUSTERS = "No clusters yet: add circles in contacts.csv or log who you meet together"
#: Margins (px) beside the tick labels: their padding; with an axis title too; below one row of x ticks,
#: and below x ticks with a title.  (The report's figures set margins, see theme.text_width.)
_TICK_PAD, _AXIS_TITLE, _X_TICKS, _X_TITLED = 14, 42, 34, 58


def breadth_depth_spec(point: dict, *, references: list[dict] | None = None,
                       title: str = "Breadth and depth") -> dict:
    """Your place on breadth (x, 0-1) against depth (y, 0-1), with the four quadrants.

    Parameters
    ----------
    point : dict
        ``breadth`` and ``depth`` (0-1), ``quadrant`` (one of :data:`QUADRANTS`,
        optional: derived from the 0.5 lines when missing) and ``label``
        (default "you").  A missing breadth or depth gives a figure saying so
        (with ``point["reason"]`` when given).
    references : list of dict, optional
        Points to compare with (e.g. the sample personas): ``breadth``,
        ``depth``, ``label``.
    title : str

    Returns
    -------
    dict
        A spec: trace "references" if any, then trace "you" (one point, drawn
        on top); shapes: the lines ``x = 0.5`` and ``y = 0.5`` and the shaded
        quadrant you are in; annotations: the four quadrant names.

    Examples
    --------
    >>> spec = breadth_depth_spec({"breadth": 0.8, "depth": 0.2, "quadrant": "broad and shallow"})
    >>> spec["data"][-1]["x"], spec["data"][-1]["y"]
    ([0.8], [0.2])
    >>> sorted(a["text"] for a in spec["layout"]["annotations"])
    ['broad and deep', 'broad and shallow', 'deep and narrow', 'narrow and shallow']
    """
    point = dict(point or {})
    breadth, depth = number_or_nan(point.get("breadth")), number_or_nan(point.get("depth"))
    if math.isnan(breadth) or math.isnan(depth):
        reason = point.get("reason") or "Not enough data to place you on breadth and depth yet"
        return empty_spec(str(reason), title=title)
    quadrant = point.get("quadrant")
    if quadrant not in QUADRANTS:
        quadrant = quadrant_of(breadth, depth)
    label = escape(point.get("label") or "you")
    traces = []
    refs = [r for r in (references or []) if not (math.isnan(number_or_nan(r.get("breadth")))
                                                  or math.isnan(number_or_nan(r.get("depth"))))]
    if refs:
        traces.append(dict(
            type="scatter", x=[number_or_nan(r["breadth"]) for r in refs], y=[number_or_nan(r["depth"]) for r in refs],
            mode="markers+text", name="references", text=[escape(r.get("label", "")) for r in refs],
            textposition="top center", textfont=dict(color=MUTED, size=11), hoverinfo="text",
            hovertext=[f"{escape(r.get('label', ''))}<br>breadth {number_or_nan(r['breadth']):.2f}<br>"
                       f"depth {number_or_nan(r['depth']):.2f}" for r in refs],
            marker=dict(size=9, color=NEUTRAL, line=dict(color=MUTED, width=1))))
    traces.append(dict(
        type="scatter", x=[breadth], y=[depth], mode="markers+text", name=label, text=[label],
        # Away from the quadrant names, which sit at the top and bottom edges.
        textposition=("bottom " if depth > 0.5 else "top ") + ("left" if breadth > 0.5 else "right"),
        textfont=dict(color=YOU, size=13), hoverinfo="text",
        hovertext=[f"<b>{label}</b><br>breadth {breadth:.2f}<br>depth {depth:.2f}<br>{quadrant}"],
        marker=dict(size=16, color=YOU, line=dict(color="white", width=1.5))))
    side = QUADRANTS[quadrant]
    x0, x1 = (0.5, 1.0) if side[0] == "high" else (0.0, 0.5)
    y0, y1 = (0.5, 1.0) if side[1] == "high" else (0.0, 0.5)
    shapes = [dict(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, fillcolor=YOU, opacity=0.06, line=dict(width=0),
                   layer="below"),
              dict(type="line", x0=0.5, x1=0.5, y0=0, y1=1, line=dict(color=MUTED, width=1, dash="dot")),
              dict(type="line", x0=0, x1=1, y0=0.5, y1=0.5, line=dict(color=MUTED, width=1, dash="dot"))]
    annotations = [dict(
        text=name, x=0.98 if bside == "high" else 0.02, y=0.98 if dside == "high" else 0.02,
        xanchor="right" if bside == "high" else "left", yanchor="top" if dside == "high" else "bottom",
        showarrow=False, font=dict(color=INK if name == quadrant else MUTED, size=12))
        for name, (bside, dside) in QUADRANTS.items()]
    layout = dict(
        template=TEMPLATE, height=440, showlegend=False, title=dict(text=escape(title)),
        shapes=shapes, annotations=annotations,
        margin=dict(l=_AXIS_TITLE + text_width(["0.0"]), b=_X_TITLED),
        xaxis=dict(FIXED, title=dict(text="breadth: how many people and circles you reach"), range=[-0.03, 1.03],
                   tickformat=".1f", showgrid=False, zeroline=False, constrain="domain"),
        yaxis=dict(FIXED, title=dict(text="depth: strong ties and effort on them"), range=[-0.03, 1.03],
                   tickformat=".1f", showgrid=False, zeroline=False, scaleanchor="x", scaleratio=1))
    # A phone: shorter axis titles, smaller quadrant names (they would meet in the middle).
    narrow = dict(height=380, xaxis=dict(title=dict(text="breadth")), yaxis=dict(title=dict(text="depth")),
                  annotations=[dict(a, font=dict(a["font"], size=10)) for a in annotations])
    return {"data": traces, "layout": layout, "narrow": narrow}


def layer_effort_spec(layers: pd.DataFrame, *, title: str = "Closeness layers: members and effort") -> dict:
    """Members and share of effort per Dunbar layer, side by side.

    Parameters
    ----------
    layers : DataFrame
        One row per layer, in order (innermost first).  Required: ``layer``,
        ``name``, ``members``, ``effort`` (log rows in the review window).
        Optional: ``expected`` (the layer's expected size, drawn as a tick).
    title : str

    Returns
    -------
    dict
        A spec: trace "members" (x = members, y = names) in the left panel
        (axes ``x``, ``y``), trace "share of effort" (x = ``effort / Σ effort``,
        0 when there is no effort) in the right one (axes ``x2``, ``y``: one
        shared y axis), and "expected" (left) when given.

    Examples
    --------
    >>> layers = pd.DataFrame({"layer": [1, 2], "name": ["support clique (5)", "sympathy group (15)"],
    ...                        "members": [5, 10], "effort": [30, 10]})
    >>> spec = layer_effort_spec(layers)
    >>> spec["data"][0]["x"], spec["data"][1]["x"], spec["data"][1]["xaxis"]
    ([5, 10], [0.75, 0.25], 'x2')
    """
    if layers is None or len(layers) == 0:
        return empty_spec("No closeness layers yet: log some interactions", title=title)
    names = unique_labels(layers["name"] if "name" in layers.columns else layers["layer"].astype(str))
    members = pd.to_numeric(layers["members"], errors="coerce").fillna(0).astype("int64")
    effort = pd.to_numeric(layers["effort"], errors="coerce").fillna(0).astype(float)
    total = float(effort.sum())
    share = effort / total if total > 0 else effort * 0.0
    traces = [
        dict(type="bar", x=members.tolist(), y=names, orientation="h", name="members", marker=dict(color=NEUTRAL),
             text=[f"{m:,}" for m in members], textposition="outside", cliponaxis=False,
             hovertemplate="%{y}<br>%{x:,} members<extra></extra>"),
        dict(type="bar", x=numbers(share, 6), y=names, orientation="h", name="share of effort",
             xaxis="x2", marker=dict(color=YOU), text=[f"{s:.0%}" for s in share], textposition="outside",
             cliponaxis=False, customdata=effort.astype("int64").tolist(),
             hovertemplate="%{y}<br>%{x:.0%} of effort (%{customdata:,} interactions)<extra></extra>"),
    ]
    if "expected" in layers.columns:
        expected = pd.to_numeric(layers["expected"], errors="coerce")
        keep = expected.notna().to_numpy()
        if keep.any():
            traces.append(dict(
                type="scatter", x=numbers(expected[keep]), y=[n for n, k in zip(names, keep) if k],
                mode="markers", name="expected", marker=dict(symbol="line-ns", size=18, line=dict(color=INK, width=2)),
                hovertemplate="%{y}<br>expected %{x:,}<extra></extra>"))
    subtitle = None if total > 0 else "no interactions in the review window"
    # As plotly's make_subplots(1, 2, shared_yaxes=True, horizontal_spacing=0.06) lays it out.
    panels = ((0.0, 0.47), (0.53, 1.0))
    def titles(panels):
        return [dict(text=text, x=(lo + hi) / 2, y=1.0, xref="paper", yref="paper", xanchor="center",
                     yanchor="bottom", showarrow=False, font=dict(color=MUTED, size=12))
                for text, (lo, hi) in zip(("members", "share of effort"), panels)]

    layout = dict(
        template=TEMPLATE, height=130 + 38 * len(names), showlegend=False, bargap=0.3,
        # r: room for half the last tick label ("100%") of the right panel, centred on its edge.
        margin=dict(t=top_margin(subtitle=bool(subtitle)) + 18, l=_TICK_PAD + text_width(names), b=_X_TICKS,
                    r=8 + text_width(["100%"]) // 2),
        title=dict(text=escape(title), subtitle=dict(text=subtitle)) if subtitle else dict(text=escape(title)),
        annotations=titles(panels),
        xaxis=dict(FIXED, domain=list(panels[0]), anchor="y", showgrid=True, rangemode="tozero"),
        xaxis2=dict(FIXED, domain=list(panels[1]), anchor="y", showgrid=True, rangemode="tozero", tickformat=".0%",
                    range=[0, max(1.0, float(share.max()) * 1.15)]),
        yaxis=dict(FIXED, anchor="x", autorange="reversed", showgrid=False))
    # A phone: a wider gap between the panels, so the left one's last tick label meets no other.
    narrow = _narrow_bars(names)
    narrow_panels = ((0.0, 0.42), (0.58, 1.0))
    narrow.update(xaxis=dict(domain=list(narrow_panels[0]), tickangle=0),
                  xaxis2=dict(domain=list(narrow_panels[1]), dtick=0.5, tickangle=0),
                  annotations=titles(narrow_panels))
    return {"data": traces, "layout": layout, "narrow": narrow}


def clusters_spec(clusters: pd.DataFrame, *, label: str | None = None, members: str | None = None,
                  effort: str | None = None, top: int = 12,
                  title: str = "Clusters: share of contacts and of effort") -> dict:
    """Each cluster's share of your contacts next to its share of your effort.

    Parameters
    ----------
    clusters : DataFrame
        One row per cluster.  Columns (names found automatically, or given):
        ``label`` - the cluster's name (default: the first of ``label``,
        ``cluster``, ``name``); ``members`` - its share of contacts (first of
        ``share_members``, ``share_of_members``, ``members_share``,
        ``share_contacts``; else counts ``members``/``size``/``count``);
        ``effort`` - its share of effort (first of ``share_effort``,
        ``share_of_effort``, ``effort_share``; else counts ``effort``).  A
        column summing to more than 1 holds counts and is divided by its sum.
    top : int
        The ``top`` largest clusters are drawn, largest share of contacts
        first; the rest are summed as "other".  Contacts without a cluster
        (label ``""`` or ``"unclustered"``) come last, as "no cluster".
    title : str

    Returns
    -------
    dict
        A spec: traces "share of contacts" and "share of effort" (x = shares,
        y = labels, largest share of contacts on top).

    Examples
    --------
    >>> clusters = pd.DataFrame({"cluster": ["work", "school"], "members": [30, 10], "effort": [1, 3]})
    >>> members, effort = clusters_spec(clusters)["data"]
    >>> members["y"], members["x"], effort["x"]
    (['work', 'school'], [0.75, 0.25], [0.25, 0.75])
    """
    if clusters is None or len(clusters) == 0:
        return empty_spec(NO_CLUSTERS, title=title)
    frame = cluster_rows(clusters, label=label, members=members, effort=effort, top=top)
    labels = unique_labels(frame["label"])
    traces = [
        dict(type="bar", x=numbers(frame["members"], 6), y=labels, orientation="h", name="share of contacts",
             marker=dict(color=NEUTRAL), hovertemplate="%{y}<br>%{x:.0%} of contacts<extra></extra>"),
        dict(type="bar", x=numbers(frame["effort"], 6), y=labels, orientation="h", name="share of effort",
             marker=dict(color=YOU), hovertemplate="%{y}<br>%{x:.0%} of effort<extra></extra>"),
    ]
    height = 140 + 44 * len(labels)
    layout = dict(template=TEMPLATE, height=height, barmode="group", title=dict(text=escape(title)),
                  legend=legend_below_title(height), margin=dict(t=12, l=_TICK_PAD + text_width(labels), b=_X_TICKS),
                  xaxis=dict(FIXED, tickformat=".0%", rangemode="tozero"),
                  yaxis=dict(FIXED, autorange="reversed", showgrid=False))
    return {"data": traces, "layout": layout, "narrow": _narrow_bars(labels)}


def purpose_spec(purposes: pd.DataFrame, *, title: str = "Effort by purpose against your goals") -> dict:
    """Share of effort per purpose, with the target share from ``goals.toml`` as a tick.

    Parameters
    ----------
    purposes : DataFrame
        One row per purpose.  Required: ``purpose``, ``share`` (0-1, NaN rows
        are left out).  Optional: ``target`` (0-1, NaN if none).  A bar is in
        the warning colour when ``|share - target| >= 0.10``.
    title : str

    Returns
    -------
    dict
        A spec: trace "share of effort" (bars) and, when any target is known,
        trace "target" (ticks, only the purposes with a target).

    Examples
    --------
    >>> purposes = pd.DataFrame({"purpose": ["sales", "learning"], "share": [0.8, 0.2], "target": [0.5, float("nan")]})
    >>> bars, target = purpose_spec(purposes)["data"]
    >>> bars["x"], bars["y"], target["x"], target["y"]
    (['sales', 'learning'], [0.8, 0.2], ['sales'], [0.5])
    """
    rows = purpose_rows(purposes)
    if rows is None:
        return empty_spec(NO_PURPOSE, title=title)
    names = unique_labels(rows["purpose"])
    share, target, off = rows["share"], rows["target"], rows["off"]
    traces = [dict(
        type="bar", x=names, y=numbers(share, 6), name="share of effort",
        marker=dict(color=[WARNING if o else YOU for o in off]),
        text=[f"{s:.0%}" for s in share], textposition="outside", cliponaxis=False,
        hovertemplate="%{x}<br>%{y:.0%} of effort<extra></extra>")]
    known = target.notna().to_numpy()
    if known.any():
        traces.append(dict(
            type="scatter", x=[n for n, k in zip(names, known) if k], y=numbers(target[known], 6), mode="markers",
            name="target", marker=dict(symbol="line-ew", size=40, line=dict(color=INK, width=3)),
            hovertemplate="%{x}<br>target %{y:.0%}<extra></extra>"))
    top = float(np.nanmax(np.concatenate([share.to_numpy(), target.to_numpy(), [0.0]])))
    height = 380
    layout = dict(template=TEMPLATE, height=height, title=dict(text=escape(title)), bargap=0.45,
                  # Below the bars: the names, or room for them turned 30° when they are long.
                  legend=legend_below_title(height),
                  margin=dict(t=12, l=_TICK_PAD + text_width(["100%"]),
                              b=max(_X_TICKS, min(160, 24 + text_width(names) // 2))),
                  yaxis=dict(FIXED, tickformat=".0%", range=[0, max(0.1, top * 1.18)], gridcolor=GRID),
                  xaxis=dict(FIXED, showgrid=False))
    return {"data": traces, "layout": layout, "narrow": dict(title=dict(font=dict(size=14)))}


def _narrow_bars(labels: list[str]) -> dict:
    """On a phone: a smaller title, and category labels (escaped) shortened so the bars keep their width."""
    short = short_labels(labels, 16)
    return dict(title=dict(font=dict(size=14)), margin=dict(l=_TICK_PAD + text_width(short)),
                yaxis=dict(tickmode="array", tickvals=labels, ticktext=short))
