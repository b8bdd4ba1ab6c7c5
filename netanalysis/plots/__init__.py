"""The figures of the review: one spec function per figure, and its plotly Figure.

Every figure is built twice over the same code: ``*_spec`` functions
(``egogram_spec``, ``breadth_depth_spec``, ...) return plotly.js JSON as plain
dicts (:mod:`netanalysis.plots.spec`), which the HTML report embeds without
importing plotly.py; the public figure functions (``egogram``,
``breadth_depth_chart``, ...) return the same figure as a
:class:`plotly.graph_objects.Figure` for notebooks.  Every function takes its
data first (a plain DataFrame or dict with documented columns, see each
docstring), everything else keyword-only.  Missing data gives a figure that
says what is missing, never an error.

Importing this package imports no plotly; the first Figure built registers
the plotly template ``"netanalysis"`` (:mod:`netanalysis.plots.theme`) without
changing plotly's default template.

>>> from netanalysis import plots
>>> fig = plots.purpose_chart(None)
>>> fig.layout.annotations[0].text
'No purposes logged yet: add a purpose to your interactions'
>>> plots.purpose_spec(None)["layout"]["annotations"][0]["text"] == fig.layout.annotations[0].text
True
"""
from __future__ import annotations

from . import theme
from .charts import breadth_depth_spec, clusters_spec, layer_effort_spec, purpose_spec
from .ego import egogram_spec
from .embed import figure_to_html, plotly_js
from .figures import (balance_timeline, breadth_depth_chart, clusters_chart, egogram, layer_effort_chart,
                      purpose_chart, reciprocity_scatter, staleness_chart)
from .ledger import balance_spec, reciprocity_spec, staleness_spec
from .spec import as_figure

__all__ = ["egogram", "breadth_depth_chart", "layer_effort_chart", "reciprocity_scatter", "balance_timeline",
           "staleness_chart", "clusters_chart", "purpose_chart",
           "egogram_spec", "breadth_depth_spec", "layer_effort_spec", "reciprocity_spec", "balance_spec",
           "staleness_spec", "clusters_spec", "purpose_spec",
           "as_figure", "figure_to_html", "plotly_js", "theme"]
