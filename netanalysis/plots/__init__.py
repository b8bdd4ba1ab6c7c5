"""The figures of the review: one function per figure, each returning a plotly Figure.

Every function takes its data first (a plain DataFrame or dict with documented
columns, see each docstring), everything else keyword-only, and returns a
:class:`plotly.graph_objects.Figure`; the HTML report and the notebooks share
them.  Missing data gives a figure that says what is missing, never an error.

Importing this package registers the plotly template ``"netanalysis"``
(:mod:`netanalysis.plots.theme`) without changing plotly's default template.

>>> from netanalysis import plots
>>> fig = plots.purpose_chart(None)
>>> fig.layout.annotations[0].text
'No purposes logged yet: add a purpose to your interactions'
"""
from __future__ import annotations

from . import theme
from .charts import breadth_depth_chart, clusters_chart, layer_effort_chart, purpose_chart
from .ego import egogram
from .embed import figure_to_html, plotly_js
from .ledger import balance_timeline, reciprocity_scatter, staleness_chart

__all__ = ["egogram", "breadth_depth_chart", "layer_effort_chart", "reciprocity_scatter", "balance_timeline",
           "staleness_chart", "clusters_chart", "purpose_chart", "figure_to_html", "plotly_js", "theme"]
