"""The public figure functions: each spec function's figure as a plotly Figure, for notebooks.

Each function here takes the same arguments as its spec function (data
first, everything else keyword-only) and returns
``as_figure(spec)``: a :class:`plotly.graph_objects.Figure` with the
``"netanalysis"`` template.  plotly.py is imported on the first call, never
on import, so the HTML report (which embeds the specs themselves) does not
load it.
"""
from __future__ import annotations

import inspect

from .charts import breadth_depth_spec, clusters_spec, layer_effort_spec, purpose_spec
from .ego import egogram_spec
from .ledger import balance_spec, reciprocity_spec, staleness_spec
from .spec import as_figure

__all__ = ["egogram", "breadth_depth_chart", "layer_effort_chart", "reciprocity_scatter", "balance_timeline",
           "staleness_chart", "clusters_chart", "purpose_chart"]


def egogram(ties, **options):
    """The egogram of a tie table: :func:`~netanalysis.plots.ego.egogram_spec` as a plotly Figure.

    Parameters
    ----------
    ties : DataFrame
        The tie table (``contact``, ``layer``; optional ``strength``,
        ``cluster``, ``circle``, ``last_contact``).
    **options
        ``max_points``, ``max_sectors``, ``title``, as :func:`~netanalysis.plots.ego.egogram_spec`.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> ties = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "layer": pd.array([1, 3, pd.NA], dtype="Int64"),
    ...                      "strength": [0.8, 0.3, 0.0], "cluster": ["work", "work", "school"]},
    ...                     index=pd.Index(["a", "b", "c"], name="person_id"))
    >>> fig = egogram(ties)
    >>> [(t.name, len(t.x)) for t in fig.data]
    [('you', 1), ('work', 2), ('school', 1)]
    """
    return as_figure(egogram_spec(ties, **options))


def breadth_depth_chart(point, **options):
    """Your place on breadth against depth: :func:`~netanalysis.plots.charts.breadth_depth_spec` as a Figure.

    Parameters
    ----------
    point : dict
        ``breadth``, ``depth`` (0-1), optional ``quadrant``, ``label``, ``reason``.
    **options
        ``references``, ``title``, as :func:`~netanalysis.plots.charts.breadth_depth_spec`.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> fig = breadth_depth_chart({"breadth": 0.8, "depth": 0.2, "quadrant": "broad and shallow"})
    >>> fig.data[-1].x, fig.data[-1].y
    ((0.8,), (0.2,))
    """
    return as_figure(breadth_depth_spec(point, **options))


def layer_effort_chart(layers, **options):
    """Members and effort per Dunbar layer: :func:`~netanalysis.plots.charts.layer_effort_spec` as a Figure.

    Parameters
    ----------
    layers : DataFrame
        ``layer``, ``name``, ``members``, ``effort``, optional ``expected``.
    **options
        ``title``.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> layers = pd.DataFrame({"layer": [1, 2], "name": ["support clique (5)", "sympathy group (15)"],
    ...                        "members": [5, 10], "effort": [30, 10]})
    >>> fig = layer_effort_chart(layers)
    >>> list(fig.data[0].x), list(fig.data[1].x)
    ([5, 10], [0.75, 0.25])
    """
    return as_figure(layer_effort_spec(layers, **options))


def reciprocity_scatter(per_contact, **options):
    """Given against received per contact: :func:`~netanalysis.plots.ledger.reciprocity_spec` as a Figure.

    Parameters
    ----------
    per_contact : DataFrame
        ``contact``, ``given``, ``received``.
    **options
        ``top``, ``labels``, ``title``, as :func:`~netanalysis.plots.ledger.reciprocity_spec`.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> per = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "given": [5, 1, 0], "received": [1, 4, 0]})
    >>> fig = reciprocity_scatter(per)
    >>> [(t.name, list(t.x), list(t.y)) for t in fig.data[1:]]
    [('you gave more', [5], [1]), ('you received more', [1], [4])]
    """
    return as_figure(reciprocity_spec(per_contact, **options))


def balance_timeline(monthly, **options):
    """Given and received per month: :func:`~netanalysis.plots.ledger.balance_spec` as a Figure.

    Parameters
    ----------
    monthly : DataFrame
        ``month``, ``given``, ``received``, optional ``interactions``.
    **options
        ``title``.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> monthly = pd.DataFrame({"month": pd.to_datetime(["2026-01-01", "2026-02-01"]),
    ...                         "given": [3, 0], "received": [1, 2]})
    >>> [(t.name, list(t.y)) for t in balance_timeline(monthly).data]
    [('given', [3, 0]), ('received', [1, 2]), ('net', [2, -2])]
    """
    return as_figure(balance_spec(monthly, **options))


def staleness_chart(table, **options):
    """Days since last contact against cadence: :func:`~netanalysis.plots.ledger.staleness_spec` as a Figure.

    Parameters
    ----------
    table : DataFrame
        ``contact``, ``days_since_last``, a cadence column, optional ``strength``.
    **options
        ``top``, ``cadence``, ``title``, as :func:`~netanalysis.plots.ledger.staleness_spec`.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"contact": ["Ann", "Bo"], "days_since_last": [40, 10], "cadence": [30, 30]})
    >>> list(staleness_chart(table).data[0].y)
    ['Ann', 'Bo']
    """
    return as_figure(staleness_spec(table, **options))


def clusters_chart(clusters, **options):
    """Shares of contacts and of effort per cluster: :func:`~netanalysis.plots.charts.clusters_spec` as a Figure.

    Parameters
    ----------
    clusters : DataFrame
        One row per cluster (see :func:`~netanalysis.plots.charts.clusters_spec` for the columns).
    **options
        ``label``, ``members``, ``effort``, ``top``, ``title``.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> clusters = pd.DataFrame({"cluster": ["work", "school"], "members": [30, 10], "effort": [1, 3]})
    >>> fig = clusters_chart(clusters)
    >>> list(fig.data[0].y), list(fig.data[0].x)
    (['work', 'school'], [0.75, 0.25])
    """
    return as_figure(clusters_spec(clusters, **options))


def purpose_chart(purposes, **options):
    """Effort by purpose against the goals: :func:`~netanalysis.plots.charts.purpose_spec` as a Figure.

    Parameters
    ----------
    purposes : DataFrame
        ``purpose``, ``share``, optional ``target``.
    **options
        ``title``.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> fig = purpose_chart(pd.DataFrame({"purpose": ["sales"], "share": [0.8], "target": [0.5]}))
    >>> list(fig.data[0].y), list(fig.data[1].y)
    ([0.8], [0.5])
    """
    return as_figure(purpose_spec(purposes, **options))


def _same_signature(function, spec_function) -> None:
    """Show ``spec_function``'s parameters on ``function`` (``help()``, notebooks' tooltips)."""
    function.__signature__ = inspect.signature(spec_function).replace(
        return_annotation="plotly.graph_objects.Figure")


for _function, _spec in ((egogram, egogram_spec), (breadth_depth_chart, breadth_depth_spec),
                         (layer_effort_chart, layer_effort_spec), (reciprocity_scatter, reciprocity_spec),
                         (balance_timeline, balance_spec), (staleness_chart, staleness_spec),
                         (clusters_chart, clusters_spec), (purpose_chart, purpose_spec)):
    _same_signature(_function, _spec)
del _function, _spec
