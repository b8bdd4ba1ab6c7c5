"""Figures of where the network and the effort are: breadth and depth, layers, clusters, purposes.

Each function takes plain data (a dict or a DataFrame with the documented
columns), everything else keyword-only, and returns a
:class:`plotly.graph_objects.Figure` drawn with the ``"netanalysis"`` template
(:mod:`netanalysis.plots.theme`).  Missing data gives a figure that says what
is missing instead of an error.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .theme import GRID, INK, MUTED, NEUTRAL, TEMPLATE, TOP_LEGEND, WARNING, YOU, empty_figure, escape, \
    top_margin, unique_labels

__all__ = ["breadth_depth_chart", "layer_effort_chart", "clusters_chart", "purpose_chart", "QUADRANTS"]

#: Quadrant name -> (breadth side, depth side): where its annotation goes.
QUADRANTS = {"broad and deep": ("high", "high"), "broad and shallow": ("high", "low"),
             "deep and narrow": ("low", "high"), "narrow and shallow": ("low", "low")}
#: A purpose whose share is this far from its target is drawn in the warning colour.
OFF_TARGET = 0.10


def breadth_depth_chart(point: dict, *, references: list[dict] | None = None,
                        title: str = "Breadth and depth") -> go.Figure:
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
    Figure
        Trace "references" if any, then trace "you" (one point, drawn on top); shapes: the lines
        ``x = 0.5`` and ``y = 0.5`` and the shaded quadrant you are in;
        annotations: the four quadrant names.

    Examples
    --------
    >>> fig = breadth_depth_chart({"breadth": 0.8, "depth": 0.2, "quadrant": "broad and shallow"})
    >>> fig.data[-1].x, fig.data[-1].y
    ((0.8,), (0.2,))
    >>> sorted(a.text for a in fig.layout.annotations)
    ['broad and deep', 'broad and shallow', 'deep and narrow', 'narrow and shallow']
    """
    point = dict(point or {})
    breadth, depth = _number(point.get("breadth")), _number(point.get("depth"))
    if math.isnan(breadth) or math.isnan(depth):
        reason = point.get("reason") or "Not enough data to place you on breadth and depth yet"
        return empty_figure(str(reason), title=title)
    quadrant = point.get("quadrant")
    if quadrant not in QUADRANTS:
        quadrant = _quadrant(breadth, depth)
    label = escape(point.get("label") or "you")
    fig = go.Figure()
    refs = [r for r in (references or []) if not (math.isnan(_number(r.get("breadth")))
                                                  or math.isnan(_number(r.get("depth"))))]
    if refs:
        fig.add_trace(go.Scatter(
            x=[_number(r["breadth"]) for r in refs], y=[_number(r["depth"]) for r in refs],
            mode="markers+text", name="references", text=[escape(r.get("label", "")) for r in refs],
            textposition="top center", textfont=dict(color=MUTED, size=11), hoverinfo="text",
            hovertext=[f"{escape(r.get('label', ''))}<br>breadth {_number(r['breadth']):.2f}<br>"
                       f"depth {_number(r['depth']):.2f}" for r in refs],
            marker=dict(size=9, color=NEUTRAL, line=dict(color=MUTED, width=1))))
    fig.add_trace(go.Scatter(
        x=[breadth], y=[depth], mode="markers+text", name=label, text=[label],
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
    annotations = []
    for name, (bside, dside) in QUADRANTS.items():
        annotations.append(dict(
            text=name, x=0.98 if bside == "high" else 0.02, y=0.98 if dside == "high" else 0.02,
            xanchor="right" if bside == "high" else "left", yanchor="top" if dside == "high" else "bottom",
            showarrow=False, font=dict(color=INK if name == quadrant else MUTED, size=12)))
    fig.update_layout(
        template=TEMPLATE, height=440, showlegend=False, title=dict(text=escape(title)),
        shapes=shapes, annotations=annotations,
        xaxis=dict(title=dict(text="breadth: how many people and circles you reach"), range=[-0.03, 1.03],
                   tickformat=".1f", showgrid=False, zeroline=False, constrain="domain"),
        yaxis=dict(title=dict(text="depth: strong ties and effort on them"), range=[-0.03, 1.03],
                   tickformat=".1f", showgrid=False, zeroline=False, scaleanchor="x", scaleratio=1))
    return fig


def layer_effort_chart(layers: pd.DataFrame, *, title: str = "Closeness layers: members and effort") -> go.Figure:
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
    Figure
        Trace "members" (x = members, y = names) in the left panel, trace
        "share of effort" (x = ``effort / Σ effort``, 0 when there is no
        effort) in the right one, and "expected" when given.

    Examples
    --------
    >>> layers = pd.DataFrame({"layer": [1, 2], "name": ["support clique (5)", "sympathy group (15)"],
    ...                        "members": [5, 10], "effort": [30, 10]})
    >>> fig = layer_effort_chart(layers)
    >>> list(fig.data[0].x), list(fig.data[1].x)
    ([5, 10], [0.75, 0.25])
    """
    if layers is None or len(layers) == 0:
        return empty_figure("No closeness layers yet: log some interactions", title=title)
    names = unique_labels(layers["name"] if "name" in layers.columns else layers["layer"].astype(str))
    members = pd.to_numeric(layers["members"], errors="coerce").fillna(0).astype("int64")
    effort = pd.to_numeric(layers["effort"], errors="coerce").fillna(0).astype(float)
    total = float(effort.sum())
    share = effort / total if total > 0 else effort * 0.0
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06,
                        subplot_titles=("members", "share of effort"))
    fig.add_trace(go.Bar(
        x=members.tolist(), y=names, orientation="h", name="members", marker=dict(color=NEUTRAL),
        text=[f"{m:,}" for m in members], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}<br>%{x:,} members<extra></extra>"), row=1, col=1)
    fig.add_trace(go.Bar(
        x=share.round(6).tolist(), y=names, orientation="h", name="share of effort", marker=dict(color=YOU),
        text=[f"{s:.0%}" for s in share], textposition="outside", cliponaxis=False,
        customdata=effort.astype("int64").tolist(),
        hovertemplate="%{y}<br>%{x:.0%} of effort (%{customdata:,} interactions)<extra></extra>"), row=1, col=2)
    if "expected" in layers.columns:
        expected = pd.to_numeric(layers["expected"], errors="coerce")
        keep = expected.notna().to_numpy()
        if keep.any():
            fig.add_trace(go.Scatter(
                x=expected[keep].tolist(), y=[n for n, k in zip(names, keep) if k], mode="markers",
                name="expected", marker=dict(symbol="line-ns", size=18, line=dict(color=INK, width=2)),
                hovertemplate="%{y}<br>expected %{x:,}<extra></extra>"), row=1, col=1)
    subtitle = None if total > 0 else "no interactions in the review window"
    fig.update_layout(template=TEMPLATE, height=130 + 38 * len(names), showlegend=False, bargap=0.3,
                      margin=dict(t=top_margin(subtitle=bool(subtitle)) + 18),
                      title=dict(text=escape(title), subtitle=dict(text=subtitle) if subtitle else None))
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(showgrid=True, rangemode="tozero")
    fig.update_xaxes(tickformat=".0%", range=[0, max(1.0, float(share.max()) * 1.15)], row=1, col=2)
    fig.update_annotations(font=dict(color=MUTED, size=12))
    return fig


def clusters_chart(clusters: pd.DataFrame, *, label: str | None = None, members: str | None = None,
                   effort: str | None = None, top: int = 12,
                   title: str = "Clusters: share of contacts and of effort") -> go.Figure:
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
    Figure
        Traces "share of contacts" and "share of effort" (x = shares, y = labels,
        largest share of contacts on top).

    Examples
    --------
    >>> clusters = pd.DataFrame({"cluster": ["work", "school"], "members": [30, 10], "effort": [1, 3]})
    >>> fig = clusters_chart(clusters)
    >>> list(fig.data[0].y), list(fig.data[0].x), list(fig.data[1].x)
    (['work', 'school'], [0.75, 0.25], [0.25, 0.75])
    """
    if clusters is None or len(clusters) == 0:
        return empty_figure("No clusters yet: add circles in contacts.csv or log who you meet together",
                            title=title)
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
    frame = pd.concat([frame, ungrouped], ignore_index=True)
    labels = unique_labels(frame["label"])
    fig = go.Figure([
        go.Bar(x=frame["members"].round(6).tolist(), y=labels, orientation="h", name="share of contacts",
               marker=dict(color=NEUTRAL), hovertemplate="%{y}<br>%{x:.0%} of contacts<extra></extra>"),
        go.Bar(x=frame["effort"].round(6).tolist(), y=labels, orientation="h", name="share of effort",
               marker=dict(color=YOU), hovertemplate="%{y}<br>%{x:.0%} of effort<extra></extra>"),
    ])
    fig.update_layout(template=TEMPLATE, height=140 + 44 * len(labels), barmode="group",
                      title=dict(text=escape(title)), legend=TOP_LEGEND, margin=dict(t=top_margin(legend=True)),
                      xaxis=dict(tickformat=".0%", rangemode="tozero"),
                      yaxis=dict(autorange="reversed", showgrid=False))
    return fig


def purpose_chart(purposes: pd.DataFrame, *, title: str = "Effort by purpose against your goals") -> go.Figure:
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
    Figure
        Trace "share of effort" (bars) and, when any target is known, trace
        "target" (ticks, only the purposes with a target).

    Examples
    --------
    >>> purposes = pd.DataFrame({"purpose": ["sales", "learning"], "share": [0.8, 0.2], "target": [0.5, float("nan")]})
    >>> fig = purpose_chart(purposes)
    >>> list(fig.data[0].x), list(fig.data[0].y), list(fig.data[1].x), list(fig.data[1].y)
    (['sales', 'learning'], [0.8, 0.2], ['sales'], [0.5])
    """
    frame = pd.DataFrame() if purposes is None else purposes
    if len(frame) == 0 or "share" not in frame.columns:
        return empty_figure("No purposes logged yet: add a purpose to your interactions", title=title)
    share = pd.to_numeric(frame["share"], errors="coerce")
    target = (pd.to_numeric(frame["target"], errors="coerce") if "target" in frame.columns
              else pd.Series(np.nan, index=frame.index))
    keep = share.notna()
    if not keep.any():
        return empty_figure("No purposes logged yet: add a purpose to your interactions", title=title)
    names = unique_labels(frame.loc[keep, "purpose"])
    share, target = share[keep].astype(float), target[keep].astype(float)
    off = (share - target).abs() >= OFF_TARGET
    fig = go.Figure(go.Bar(
        x=names, y=share.round(6).tolist(), name="share of effort",
        marker=dict(color=[WARNING if o else YOU for o in off]),
        text=[f"{s:.0%}" for s in share], textposition="outside", cliponaxis=False,
        hovertemplate="%{x}<br>%{y:.0%} of effort<extra></extra>"))
    known = target.notna().to_numpy()
    if known.any():
        fig.add_trace(go.Scatter(
            x=[n for n, k in zip(names, known) if k], y=target[known].round(6).tolist(), mode="markers",
            name="target", marker=dict(symbol="line-ew", size=40, line=dict(color=INK, width=3)),
            hovertemplate="%{x}<br>target %{y:.0%}<extra></extra>"))
    top = float(np.nanmax(np.concatenate([share.to_numpy(), target.to_numpy(), [0.0]])))
    fig.update_layout(template=TEMPLATE, height=380, title=dict(text=escape(title)), bargap=0.45,
                      legend=TOP_LEGEND, margin=dict(t=top_margin(legend=True)),
                      yaxis=dict(tickformat=".0%", range=[0, max(0.1, top * 1.18)], gridcolor=GRID),
                      xaxis=dict(showgrid=False))
    return fig


def _number(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number


def _quadrant(breadth: float, depth: float) -> str:
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
