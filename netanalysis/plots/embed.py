"""Embedding figures in the self-contained HTML report, and the plotly.js the page inlines.

:func:`figure_to_html` gives one ``<div>`` per figure and a small
``<script>`` that draws it with ``Plotly.newPlot(div, data, layout, config)``:
no plotly.js, MathJax or link to the outside (no Chart Studio link, no logo).
The figure is a spec (:mod:`netanalysis.plots.spec`), serialised with
:func:`json.dumps` and made safe inside ``<script>`` (:func:`script_json`);
plotly.py is not needed for a spec.  A page inlines plotly.js once, from
:func:`plotly_js`: plotly.js's basic bundle (scatter, bar, pie; no WebGL, no
maps, no ``eval``), vendored under ``netanalysis/report/static/`` at the
version the installed plotly.py bundles (``make plotlyjs`` fetches it again).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from functools import lru_cache
from importlib import resources

import numpy as np

from .spec import NARROW_WIDTH

__all__ = ["figure_to_html", "script_json", "plotly_js", "plotly_js_version", "bundled_trace_types", "CONFIG",
           "PLOTLY_JS"]

#: The plotly.js config of every embedded figure: no logo, resizing with the page, only the
#: mode bar buttons that help here (it appears on hover, above the title), and no "Share chart"
#: button (plotly.js 4 shows one by default, uploading the figure to cloud.plotly.com).
CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False, "plotlyServerURL": "",
          "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d"]}
#: The vendored plotly.js bundle, in the package ``netanalysis``.
PLOTLY_JS = "report/static/plotly-basic.min.js"
_DIV_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
#: Characters that could end a ``<script>`` or a JavaScript string early, as JSON escapes.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "/": "\\/",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})
#: Merge a narrow-page layout into the layout (objects key by key, other values replace).
_MERGE_JS = ("function m(a,b){for(var k in b){var v=b[k];a[k]=v&&v.constructor===Object&&a[k]&&"
             "a[k].constructor===Object?m(a[k],v):v}return a}")


def figure_to_html(figure, *, div_id: str) -> str:
    """``figure`` as an HTML ``<div>`` and the ``<script>`` that draws it, for a page that loads plotly.js.

    Parameters
    ----------
    figure : dict or plotly Figure
        A spec (``data``, ``layout``, optional ``narrow``), or a
        :class:`plotly.graph_objects.Figure` (serialised by plotly.py).
    div_id : str
        The id of the figure's ``<div>``: a letter, then letters, digits, ``-`` or ``_``.

    Returns
    -------
    str
        ``<div id=...></div><script>...Plotly.newPlot(div, data, layout, config)...</script>``
        with :data:`CONFIG`.  Strings in the figure are JSON-encoded with
        ``<``, ``>``, ``&``, ``/``, U+2028 and U+2029 escaped, so a name like
        ``</script>`` cannot end the script.  A spec with ``narrow`` is drawn
        with it merged in while the page is at most
        :data:`~netanalysis.plots.spec.NARROW_WIDTH` pixels wide (redrawn when
        that changes).  The script does nothing when plotly.js is missing.

    Examples
    --------
    >>> html = figure_to_html({"data": [{"type": "bar", "x": [1], "y": [2]}], "layout": {}}, div_id="fig-depth")
    >>> html.startswith('<div id="fig-depth"'), "Plotly.newPlot" in html, "http" in html
    (True, True, False)
    """
    if not isinstance(div_id, str) or not _DIV_ID.match(div_id):
        raise ValueError(f"div_id {div_id!r} must start with a letter and hold only letters, digits, '-' or '_'")
    if not isinstance(figure, dict):
        figure = json.loads(figure.to_json(validate=False))
    data, layout = script_json(figure.get("data", [])), script_json(figure.get("layout", {}))
    config = script_json(CONFIG)
    start = f'var d=document.getElementById("{div_id}");if(!d||!window.Plotly)return;var c={config};'
    if figure.get("narrow"):
        draw = (f"var f={data},w={layout},n={script_json(figure['narrow'])},"
                f'q=window.matchMedia("(max-width: {NARROW_WIDTH}px)"),s=JSON.stringify(w);{_MERGE_JS}'
                "function l(){return q.matches?m(JSON.parse(s),n):JSON.parse(s)}"
                "Plotly.newPlot(d,f,l(),c);"
                'q.addEventListener("change",function(){Plotly.react(d,f,l(),c)});')
    else:
        draw = f"Plotly.newPlot(d,{data},{layout},c);"
    return f'<div id="{div_id}" class="plotly-figure"></div><script>(function(){{{start}{draw}}})();</script>'


def script_json(value) -> str:
    """``value`` as JSON (compact, UTF-8) that is safe inside an HTML ``<script>``.

    ``<``, ``>``, ``&`` and ``/`` (which can only occur inside JSON strings)
    become escapes, and so do U+2028 and U+2029.  NumPy numbers and arrays,
    dates and timestamps are converted to plain JSON; NaN and infinity are
    written as JavaScript's ``NaN`` and ``Infinity`` (the text is script, not
    a JSON file), which plotly.js treats as gaps.

    Examples
    --------
    >>> script_json({"name": "</script><b>&", "n": np.int64(3)})
    '{"name":"\\\\u003c\\\\/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026","n":3}'
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain).translate(_SCRIPT_SAFE)


def _plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if hasattr(value, "tolist"):            # pandas Series, Index, arrays
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable in a figure")


def plotly_js() -> str:
    """The vendored plotly.js bundle (basic: scatter, bar, pie), to inline once in a page.

    Returns
    -------
    str
        The file :data:`PLOTLY_JS` (read once): plotly.js's basic bundle, about
        1.2 MB, which holds no ``</script`` and needs no ``eval``.

    Examples
    --------
    >>> text = plotly_js()
    >>> "Plotly" in text[:100_000], "</script" in text.lower()
    (True, False)
    """
    return _read_bundle()


@lru_cache(maxsize=1)
def _read_bundle() -> str:
    return resources.files("netanalysis").joinpath(PLOTLY_JS).read_text("utf-8")


def plotly_js_version() -> str:
    """The version of the vendored plotly.js, from the bundle's banner.

    Examples
    --------
    >>> plotly_js_version().count(".")
    2
    """
    found = re.search(r"plotly\.js \([^)]*\) v(\d+\.\d+\.\d+)", plotly_js()[:2000])
    if not found:
        raise ValueError(f"{PLOTLY_JS} has no plotly.js version banner: run `make plotlyjs`")
    return found.group(1)


def bundled_trace_types() -> set[str]:
    """The trace types the vendored plotly.js registers (its ``moduleType: "trace"`` modules).

    Examples
    --------
    >>> sorted(bundled_trace_types())
    ['bar', 'pie', 'scatter']
    """
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', plotly_js()))
