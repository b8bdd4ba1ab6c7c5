"""The class view's figures: one function per figure, data first, each returning a plotly Figure.

Every function takes the readable hand-ins (a list of
:class:`~netanalysis.classroom.classview.StudentSummary`) and labels points and bars
with the hand-in ids only.  A class with nothing to show gives a figure that
says so (:func:`netanalysis.plots.theme.empty_figure`).

>>> from netanalysis.classroom.classview import StudentSummary
>>> fig = reciprocity_figure([StudentSummary(id="s1", source="json", ratio_recent=1.2)])
>>> list(fig.data[0].x), list(fig.data[0].text)
([1.2], ['s1'])
"""
from __future__ import annotations

import plotly.graph_objects as go

from ...plots import breadth_depth_chart
from ...plots.theme import (GIVEN, MUTED, PROBLEM, RECEIVED, TEMPLATE, TOP_LEGEND, WARNING, YOU, empty_figure,
                           escape, top_margin, unique_labels)

__all__ = ["class_breadth_depth", "reciprocity_figure", "staleness_figure", "diversity_figure", "diagnoses_figure"]


def class_breadth_depth(students: list, *, median: dict | None = None) -> go.Figure:
    """Every hand-in on breadth (x) and depth (y), with the class median as the highlighted point.

    Reuses :func:`netanalysis.plots.breadth_depth_chart`: the students are its
    reference points, the median its main point.
    """
    points = [{"breadth": s.breadth, "depth": s.depth, "label": s.id} for s in students
              if s.breadth is not None and s.depth is not None]
    if not points:
        return empty_figure("No hand-in has breadth and depth yet", title="The class on breadth and depth")
    median = median or {}
    centre = {"breadth": median.get("breadth"), "depth": median.get("depth"), "label": "class median"}
    return breadth_depth_chart(centre, references=points, title="The class on breadth and depth")


def reciprocity_figure(students: list) -> go.Figure:
    """Given ÷ received (time-weighted) per hand-in, on one axis with the balance line at 1."""
    shown = [s for s in students if s.ratio_recent is not None]
    if not shown:
        return empty_figure("No hand-in has a reciprocity ratio (no log of given and received)",
                            title="Reciprocity: given ÷ received")
    ratios = [s.ratio_recent for s in shown]
    # The colour is each review's own verdict (its reciprocity finding's tone), not a threshold of this page.
    colours = [WARNING if s.tones.get("reciprocity") == "problem" else GIVEN for s in shown]
    fig = go.Figure(go.Scatter(
        x=ratios, y=unique_labels(s.id for s in shown), mode="markers+text", text=[escape(s.id) for s in shown],
        textposition="middle right", marker=dict(size=12, color=colours), hoverinfo="text",
        hovertext=[f"{escape(s.id)}: gives {r:.2f} for each 1 received" for s, r in zip(shown, ratios)],
        name="given ÷ received"))
    fig.add_vline(x=1.0, line=dict(color=MUTED, dash="dot", width=1))
    fig.update_layout(template=TEMPLATE, height=_height(len(shown)), showlegend=False,
                      title=dict(text="Reciprocity: given ÷ received, time-weighted"),
                      xaxis=dict(title=dict(text="given ÷ received (1 = balanced; amber: the review finds a "
                                                 "reciprocity problem)"),
                                 range=[0, max(1.2, max(ratios)) * 1.15]),
                      yaxis=dict(showticklabels=False, autorange="reversed"))
    return fig


def staleness_figure(students: list) -> go.Figure:
    """Strong ties cooling and new connections not followed up, per hand-in (grouped bars)."""
    shown = [s for s in students if s.cooling is not None or s.follow_up is not None]
    if not shown:
        return empty_figure("No hand-in has staleness counts", title="Staleness")
    ids = unique_labels(s.id for s in shown)
    fig = go.Figure([
        go.Bar(y=ids, x=[s.cooling or 0 for s in shown], orientation="h", name="strong ties cooling",
               marker_color=WARNING),
        go.Bar(y=ids, x=[s.follow_up or 0 for s in shown], orientation="h", name="new connections not followed up",
               marker_color=RECEIVED),
    ])
    fig.update_layout(template=TEMPLATE, barmode="group", height=_height(len(shown), per=34),
                      title=dict(text="Staleness: ties going cold and connections never followed up"),
                      legend=TOP_LEGEND, margin=dict(t=top_margin(legend=True)),
                      xaxis=dict(title=dict(text="people")), yaxis=dict(autorange="reversed"))
    return fig


def diversity_figure(students: list) -> go.Figure:
    """Lock-in (share of effort on (former) colleagues, x) against renewal (share on new relations, y).

    A marker is red when that review's renewal or family finding is a problem (each review's own
    verdict); its size grows with the share of effort on family and friends.
    """
    shown = [s for s in students if s.lock_in_old is not None and s.newness is not None]
    if not shown:
        return empty_figure("No hand-in has effort to divide (no log in the review window)",
                            title="Diversity: lock-in and renewal")
    family = [s.family_effort or 0.0 for s in shown]
    fig = go.Figure(go.Scatter(
        x=[s.lock_in_old for s in shown], y=[s.newness for s in shown], mode="markers+text",
        text=[escape(s.id) for s in shown], textposition="top center",
        marker=dict(size=[10 + 40 * f for f in family],
                    color=[PROBLEM if "problem" in (s.tones.get("renewal"), s.tones.get("family")) else YOU
                           for s in shown], opacity=0.8),
        hoverinfo="text",
        hovertext=[f"{escape(s.id)}<br>on (former) colleagues {s.lock_in_old:.0%}<br>on new relations "
                   f"{s.newness:.0%}<br>on family and friends {f:.0%}" for s, f in zip(shown, family)],
        name="hand-ins"))
    fig.update_layout(template=TEMPLATE, height=440, showlegend=False,
                      title=dict(text="Diversity: lock-in against renewal (size: effort on family and friends)"),
                      xaxis=dict(title=dict(text="share of effort on (former) colleagues"), range=[-0.03, 1.03],
                                 tickformat=".0%"),
                      yaxis=dict(title=dict(text="share of effort on relations from the last year"),
                                 range=[-0.03, 1.03], tickformat=".0%"))
    return fig


def diagnoses_figure(diagnoses: list[dict]) -> go.Figure:
    """How many hand-ins have each headline rule (``rule``, ``count`` as from ``ClassSummary.diagnoses()``)."""
    if not diagnoses:
        return empty_figure("No readable hand-in", title="Headline diagnoses")
    rules = [escape(d["rule"]) for d in diagnoses]
    fig = go.Figure(go.Bar(x=[d["count"] for d in diagnoses], y=rules, orientation="h", marker_color=YOU,
                           text=[d["count"] for d in diagnoses], textposition="auto", name="hand-ins"))
    fig.update_layout(template=TEMPLATE, height=_height(len(rules)), showlegend=False,
                      title=dict(text="Headline diagnoses: how common each is"),
                      xaxis=dict(title=dict(text="hand-ins"), dtick=1), yaxis=dict(autorange="reversed"))
    return fig


def _height(rows: int, per: int = 28) -> int:
    return max(260, min(1400, 120 + per * rows))
