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

:data:`TEMPLATE` is the template itself, as plain plotly.js JSON: every figure
spec carries it as ``layout.template`` (plotly.js applies it in the browser,
plotly.py when a spec becomes a Figure), so this module imports no plotly.
:func:`register` also names it ``"netanalysis"`` in ``plotly.io.templates``
for notebook users (the public figure functions call it); plotly's global
default (``plotly.io.templates.default``) is never changed.  The template is
built from scratch (not from ``"plotly"``) so the JSON embedded with each
figure stays small.

Layout of a figure's top: the plotly mode bar (shown on hover) sits in a strip
of :data:`TITLE_TOP` pixels above the title, so it never covers the title; a
legend between the title and the plot is anchored to the figure's top
(:func:`legend_below_title`) so plotly.js reserves room for it however many
rows it wraps to, and it never overlaps the subtitle.

References
----------
Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures
and presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
"""
from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["TEMPLATE", "TEMPLATE_NAME", "INK", "MUTED", "GRID", "YOU", "HEALTHY", "GIVEN", "RECEIVED", "WARNING",
           "PROBLEM", "NEUTRAL", "CLUSTER_COLOURS", "FONT_FAMILY", "TITLE_TOP", "FIXED", "TOP_LEGEND",
           "cluster_colour", "register", "empty_spec", "empty_figure", "escape", "unique_labels", "short_labels",
           "text_width", "top_margin", "legend_below_title", "legend_at_bottom", "title_block"]

#: The name :func:`register` gives the template in ``plotly.io.templates``.
TEMPLATE_NAME = "netanalysis"

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

#: Pixels above the title: the strip where the mode bar (26 px high) appears on hover; the title's
#: text box starts about 6 px above this.
TITLE_TOP = 34
_TITLE = 22        # the title's line (16 px font)
_SUBTITLE = 20     # the subtitle's line (12 px font)


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


def short_labels(labels, length: int) -> list[str]:
    """Escaped labels (as from :func:`unique_labels`) cut to ``length`` characters with "…".

    The cut is made on the text, not on its escaped form, so no ``&amp;`` is broken.

    >>> short_labels(["Nordlys Analytics ApS", "R&amp;D"], 10)
    ['Nordlys A…', 'R&amp;D']
    """
    out = []
    for label in labels:
        text = html.unescape(label)
        out.append(escape(text if len(text) <= length else text[:length - 1].rstrip() + "…"))
    return out


def text_width(texts, *, size: int = 13) -> int:
    """An upper estimate of the pixel width of the widest of ``texts`` in the theme's font at ``size`` px.

    Plotly's pseudo-HTML tags are dropped and entities read as their character;
    a wide (East Asian) character counts 1 em, any other 0.62 em (wider than
    the system fonts' average, so a margin made from it is rarely too small).
    The report's figures set their margins from this instead of letting
    plotly.js measure every tick label (``automargin``), which halves the time
    plotly.js takes to draw them.

    >>> text_width(["Bo", "Anna Hansen"]), text_width(["東京"], size=10), text_width([])
    (89, 20, 0)
    """
    widest = 0.0
    for text in texts:
        plain = html.unescape(re.sub(r"<[^>]*>", "", "" if text is None else str(text)))
        widest = max(widest, sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 for c in plain))
    return int(round(widest * size))


def title_block(*, subtitle: bool = False) -> int:
    """Pixels from the figure's top to below its title (and subtitle): where a top legend starts.

    >>> title_block(), title_block(subtitle=True)
    (62, 82)
    """
    return TITLE_TOP + _TITLE + (_SUBTITLE if subtitle else 0) + 6


#: A horizontal legend just above the plot, for figures whose legend is one short row
#: (use with ``top_margin(legend=True)``); longer legends use :func:`legend_below_title`.
TOP_LEGEND = dict(orientation="h", x=0.0, xanchor="left", y=1.0, yanchor="bottom")


def top_margin(*, subtitle: bool = False, legend: bool = False) -> int:
    """Pixels above the plot for the mode bar strip, the title, a subtitle and a one-row top legend.

    >>> top_margin(), top_margin(subtitle=True, legend=True)
    (74, 120)
    """
    return title_block(subtitle=subtitle) + 12 + (26 if legend else 0)


def legend_below_title(height: int, *, subtitle: bool = False) -> dict:
    """A horizontal legend right below the title (and subtitle) of a figure ``height`` pixels high.

    The legend is placed in the figure's coordinates (``xref`` and ``yref`` ``"container"``),
    so plotly.js reserves the room it needs above the plot: when it wraps to
    several rows (a narrow screen) the plot moves down instead of the legend
    moving up over the subtitle.  Use it with a small ``margin.t``
    (:data:`TITLE_TOP`).

    >>> legend_below_title(400)["y"], legend_below_title(400, subtitle=True)["y"]
    (0.845, 0.795)
    """
    return dict(orientation="h", xref="container", x=0.0, xanchor="left", yref="container", yanchor="top",
                y=round(1.0 - title_block(subtitle=subtitle) / height, 4))


def legend_at_bottom(**options) -> dict:
    """A horizontal legend along the figure's bottom edge; plotly.js reserves the rows it wraps to.

    >>> legend_at_bottom(title=dict(text="cluster"))["yref"]
    'container'
    """
    return dict(orientation="h", xref="container", x=0.0, xanchor="left", yref="container", y=0.0,
                yanchor="bottom", **options)


#: Axis settings of the report's figures: margins come from the spec (:func:`text_width`), so
#: plotly.js need not measure tick labels to make room for them (its ``automargin``, the
#: template's default) nor to hide those past the figure's edge (``ticklabeloverflow``).
FIXED = dict(automargin=False, ticklabeloverflow="allow")


def _axis() -> dict:
    return dict(gridcolor=GRID, linecolor=GRID, zerolinecolor=GRID, ticks="", automargin=True,
                title=dict(standoff=8, font=dict(color=MUTED)), tickfont=dict(color=INK))


#: The template, as plotly.js JSON (``layout.template`` of every figure spec).
TEMPLATE = {"layout": dict(
    font=dict(family=FONT_FAMILY, size=13, color=INK),
    title=dict(x=0.0, xanchor="left", xref="container", y=1.0, yanchor="top", yref="container",
               pad=dict(l=12, t=TITLE_TOP), font=dict(size=16, color=INK),
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
    annotationdefaults=dict(font=dict(color=MUTED), showarrow=False),
    shapedefaults=dict(line=dict(color=GRID)),
    bargap=0.25,
)}


def register() -> None:
    """Register (or refresh) ``plotly.io.templates["netanalysis"]`` (imports plotly); the default is untouched.

    >>> register()
    >>> import plotly.io as pio
    >>> pio.templates["netanalysis"].layout.font.size, pio.templates.default != "netanalysis"
    (13, True)
    """
    import plotly.io as pio

    pio.templates[TEMPLATE_NAME] = TEMPLATE


def empty_spec(message: str, *, title: str | None = None) -> dict:
    """The spec of a figure with no data and ``message`` centred, e.g. "No interactions logged yet".

    >>> spec = empty_spec("No interactions logged yet")
    >>> spec["layout"]["annotations"][0]["text"], spec["data"]
    ('No interactions logged yet', [])
    """
    layout = dict(
        template=TEMPLATE, height=260, xaxis=dict(FIXED, visible=False), yaxis=dict(FIXED, visible=False),
        annotations=[dict(text=escape(message), x=0.5, y=0.5, xref="paper", yref="paper",
                          xanchor="center", yanchor="middle", showarrow=False,
                          font=dict(size=15, color=MUTED))])
    if title:
        layout["title"] = dict(text=escape(title))
    return {"data": [], "layout": layout}


def empty_figure(message: str, *, title: str | None = None):
    """:func:`empty_spec` as a :class:`plotly.graph_objects.Figure`.

    >>> fig = empty_figure("No interactions logged yet")
    >>> fig.layout.annotations[0].text, len(fig.data)
    ('No interactions logged yet', 0)
    """
    from .spec import as_figure

    return as_figure(empty_spec(message, title=title))
