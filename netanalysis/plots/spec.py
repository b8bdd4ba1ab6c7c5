"""Figures as plain plotly.js JSON ("specs"), and as plotly.py Figures for notebooks.

A spec is a dict ``{"data": [trace, ...], "layout": {...}}`` exactly as
plotly.js's ``Plotly.newPlot(div, data, layout)`` takes it: every trace names
its ``type``, every value is a plain Python value (lists, not arrays), and the
layout carries the theme as ``layout.template``
(:data:`netanalysis.plots.theme.TEMPLATE`).  A spec may also hold
``"narrow"``: layout values that replace (objects: merge into) the layout's
when the page is at most :data:`NARROW_WIDTH` pixels wide, a phone
(:func:`narrow_layout`; the report applies them in the browser).

Building a spec validates nothing and imports no plotly: plotly.py's graph
objects validate every property as it is set, which costs about 0.6 s for the
report's figures at LinkedIn's maximum (30,000 connections).  The HTML report
embeds specs as they are (:func:`netanalysis.plots.figure_to_html`);
:func:`as_figure` turns one into a :class:`plotly.graph_objects.Figure`
(validated once) for notebooks.
"""
from __future__ import annotations

import copy

import numpy as np

__all__ = ["as_figure", "numbers", "narrow_layout", "trace_types", "NARROW_WIDTH"]

#: A page at most this wide (CSS pixels) gets each spec's ``narrow`` layout.
NARROW_WIDTH = 600


def as_figure(spec: dict):
    """``spec`` as a :class:`plotly.graph_objects.Figure` (registers the ``"netanalysis"`` template).

    The ``narrow`` part of a spec is for the report and is left out.

    Examples
    --------
    >>> fig = as_figure({"data": [{"type": "bar", "x": [1], "y": [2]}], "layout": {"height": 300}})
    >>> type(fig).__name__, fig.data[0].type, fig.layout.height
    ('Figure', 'bar', 300)
    """
    import plotly.graph_objects as go

    from .theme import register

    register()
    return go.Figure(data=spec.get("data", []), layout=spec.get("layout", {}))


def numbers(values, digits: int | None = None) -> list:
    """Plain numbers for JSON: ints where whole, floats rounded to ``digits``, NaN as None.

    Examples
    --------
    >>> numbers([1.0, 2.5, float("nan")]), numbers(np.array([0.12345]), 3)
    ([1, 2.5, None], [0.123])
    """
    array = np.asarray(values, dtype=float)
    if digits is not None:
        array = np.round(array, digits)
    return [None if v != v else int(v) if v.is_integer() and abs(v) < 2 ** 53 else v for v in array.tolist()]


def narrow_layout(spec: dict) -> dict:
    """The layout a narrow page draws: ``spec["layout"]`` with ``spec["narrow"]`` merged in.

    Objects (dicts) merge key by key; any other value (a list, a number)
    replaces the layout's.  The report's browser code does the same.

    Examples
    --------
    >>> spec = {"data": [], "layout": {"height": 400, "title": {"text": "T", "x": 0}},
    ...         "narrow": {"height": 300, "title": {"font": {"size": 14}}}}
    >>> narrow_layout(spec)
    {'height': 300, 'title': {'text': 'T', 'x': 0, 'font': {'size': 14}}}
    """
    return _merge(copy.deepcopy(spec.get("layout", {})), spec.get("narrow") or {})


def trace_types(spec: dict) -> set[str]:
    """The plotly.js trace types a spec draws (``"scatter"`` when a trace names none).

    >>> sorted(trace_types({"data": [{"type": "bar"}, {"y": [1]}], "layout": {}}))
    ['bar', 'scatter']
    """
    return {trace.get("type", "scatter") for trace in spec.get("data", [])}


def _merge(base: dict, patch: dict) -> dict:
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base

