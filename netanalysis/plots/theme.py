"""The look of every figure: one calm palette where each colour means something.

Colours and their meaning (used consistently by every figure):

* :data:`INK` - text, axes, the neutral reading colour; :data:`MUTED` for
  secondary text and reference points; :data:`GRID` for rings and grid lines.
* :data:`YOU` - the one accent: "you" (your point, your centre, your effort).
* :data:`HEALTHY` - healthy ties and what you *gave*; :data:`RECEIVED` - what
  you received (a calm slate blue, not a judgement).
* :data:`WARNING` - amber: overdue, needs attention.
* :data:`PROBLEM` - red, only for real problems.
* :data:`CLUSTER_COLOURS` - the categorical palette for clusters and circles,
  Okabe & Ito (2008) "Color Universal Design", safe for the common forms of
  colour-blindness.  Black is left out (it is the ink) and yellow comes last
  (low contrast on white).

The template ``"netanalysis"`` is registered in ``plotly.io.templates`` when
this module is imported; every figure function passes ``template="netanalysis"``
itself, so plotly's global default (``plotly.io.templates.default``) is never
changed.  The template is built from scratch (not from ``"plotly"``) so the
JSON embedded with each figure stays small.

References
----------
Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures
and presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
"""
from __future__ import annotations

import html

import plotly.graph_objects as go
import plotly.io as pio

__all__ = ["TEMPLATE", "INK", "MUTED", "GRID", "YOU", "HEALTHY", "GIVEN", "RECEIVED", "WARNING",
           "PROBLEM", "NEUTRAL", "CLUSTER_COLOURS", "FONT_FAMILY", "cluster_colour", "register",
           "empty_figure", "escape", "unique_labels", "TOP_LEGEND", "top_margin"]

TEMPLATE = "netanalysis"

INK = "#2b2f36"
MUTED = "#7a828e"
GRID = "#e3e6ea"
NEUTRAL = "#b8bfc9"
YOU = "#4a3fbf"
HEALTHY = "#2e8b57"
GIVEN = HEALTHY
RECEIVED = "#5b7fa6"
WARNING = "#d98e04"
PROBLEM = "#c0392b"

#: Okabe-Ito without black; yellow last.
CLUSTER_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")

#: The system font stack: no web fonts are loaded.
FONT_FAMILY = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
               '"Noto Sans", sans-serif')


def cluster_colour(position: int) -> str:
    """The colour of the ``position``-th cluster (cycles after 7).

    >>> cluster_colour(0), cluster_colour(7)
    ('#0072B2', '#0072B2')
    """
    return CLUSTER_COLOURS[position % len(CLUSTER_COLOURS)]


def escape(text) -> str:
    """``text`` as a string safe in plotly's pseudo-HTML labels (``<``, ``>``, ``&`` escaped).

    Plotly renders hover text, tick labels and annotations as a small subset
    of HTML, so a name such as ``<b>Bo</b>`` would otherwise be shown bold.

    >>> escape("<script>alert(1)</script> & co")
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; co'
    """
    return html.escape("" if text is None else str(text), quote=False)


def unique_labels(names) -> list[str]:
    """Escaped display names, made unique by a suffix so categories never merge.

    Two people called "Anna Hansen" on a categorical axis would otherwise be
    drawn as one bar.

    >>> unique_labels(["Anna", "Bo", "Anna", "<b>"])
    ['Anna', 'Bo', 'Anna (2)', '&lt;b&gt;']
    """
    used: set[str] = set()
    out = []
    for name in names:
        label = candidate = escape(name)
        number = 1
        while candidate in used:
            number += 1
            candidate = f"{label} ({number})"
        used.add(candidate)
        out.append(candidate)
    return out


#: A horizontal legend between the title and the plot (use with ``top_margin(legend=True)``).
TOP_LEGEND = dict(orientation="h", x=0.0, xanchor="left", y=1.0, yanchor="bottom")


def top_margin(*, subtitle: bool = False, legend: bool = False) -> int:
    """Pixels above the plot for the title, a subtitle and a top legend.

    >>> top_margin(), top_margin(subtitle=True, legend=True)
    (52, 96)
    """
    return 52 + (18 if subtitle else 0) + (26 if legend else 0)


def _axis() -> dict:
    return dict(gridcolor=GRID, linecolor=GRID, zerolinecolor=GRID, ticks="", automargin=True,
                title=dict(standoff=8, font=dict(color=MUTED)), tickfont=dict(color=INK))


def _template() -> go.layout.Template:
    return go.layout.Template(layout=dict(
        font=dict(family=FONT_FAMILY, size=13, color=INK),
        title=dict(x=0.0, xanchor="left", xref="container", y=1.0, yanchor="top", yref="container",
                   pad=dict(l=12, t=14), font=dict(size=16, color=INK),
                   subtitle=dict(font=dict(size=12, color=MUTED))),
        colorway=list(CLUSTER_COLOURS),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin=dict(l=48, r=16, t=top_margin(), b=40, pad=0),
        hovermode="closest",
        hoverlabel=dict(align="left", bgcolor="white", bordercolor=GRID, font=dict(color=INK)),
        legend=dict(bgcolor="rgba(0,0,0,0)", font=dict(color=INK), itemsizing="constant"),
        xaxis=_axis(),
        yaxis=_axis(),
        polar=dict(bgcolor="rgba(0,0,0,0)",
                   angularaxis=dict(gridcolor=GRID, linecolor=GRID, ticks=""),
                   radialaxis=dict(gridcolor=GRID, linecolor=GRID, ticks="")),
        annotationdefaults=dict(font=dict(color=MUTED), showarrow=False),
        shapedefaults=dict(line=dict(color=GRID)),
        bargap=0.25,
    ))


def register() -> None:
    """Register (or refresh) ``plotly.io.templates["netanalysis"]``; the default is untouched."""
    pio.templates[TEMPLATE] = _template()


def empty_figure(message: str, *, title: str | None = None) -> go.Figure:
    """A figure with no data and ``message`` centred, e.g. "No interactions logged yet".

    >>> fig = empty_figure("No interactions logged yet")
    >>> fig.layout.annotations[0].text, len(fig.data)
    ('No interactions logged yet', 0)
    """
    fig = go.Figure()
    fig.update_layout(
        template=TEMPLATE, height=260,
        title=dict(text=escape(title)) if title else None,
        xaxis=dict(visible=False), yaxis=dict(visible=False),
        annotations=[dict(text=escape(message), x=0.5, y=0.5, xref="paper", yref="paper",
                          xanchor="center", yanchor="middle", showarrow=False,
                          font=dict(size=15, color=MUTED))])
    return fig


register()
