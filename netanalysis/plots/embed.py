"""Embedding figures in the self-contained HTML report.

:func:`figure_to_html` gives one ``<div>`` per figure, without plotly.js,
MathJax or any link to the outside (no Chart Studio link, no logo); the report
inlines plotly.js once, from :func:`plotly_js`, so it opens offline.
"""
from __future__ import annotations

import re

import plotly.graph_objects as go
import plotly.io as pio

__all__ = ["figure_to_html", "plotly_js", "CONFIG"]

#: The plotly.js config of every embedded figure (plotly.js already defaults ``showLink``,
#: ``showSendToCloud`` and ``showEditInChartStudio`` to false; plotly.py warns when they are given).
CONFIG = {"displaylogo": False, "responsive": True}
_DIV_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def figure_to_html(fig: go.Figure, *, div_id: str) -> str:
    """``fig`` as an HTML ``<div>`` (with its ``<script>``) to embed in a page that loads plotly.js.

    Parameters
    ----------
    fig : Figure
    div_id : str
        The id of the figure's ``<div>``: a letter, then letters, digits, ``-`` or ``_``.

    Returns
    -------
    str
        From :func:`plotly.io.to_html` with ``include_plotlyjs=False``,
        ``full_html=False``, ``include_mathjax=False`` and :data:`CONFIG`.
        Strings in the figure are JSON-encoded with ``<``, ``>`` and ``/``
        escaped, so a name like ``</script>`` cannot end the script.

    Examples
    --------
    >>> html = figure_to_html(go.Figure(go.Bar(x=[1], y=[2])), div_id="fig-depth")
    >>> html.lstrip().startswith("<div"), 'id="fig-depth"' in html, "cdn" in html, "http" in html
    (True, True, False, False)
    """
    if not isinstance(div_id, str) or not _DIV_ID.match(div_id):
        raise ValueError(f"div_id {div_id!r} must start with a letter and hold only letters, digits, '-' or '_'")
    return pio.to_html(fig, include_plotlyjs=False, full_html=False, include_mathjax=False,
                       div_id=div_id, config=dict(CONFIG), validate=False)


def plotly_js() -> str:
    """The plotly.js bundle shipped with the installed plotly package, to inline once in a page.

    >>> "Plotly" in plotly_js()[:100_000]
    True
    """
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()
