"""The egogram as a static image: the report's egogram, drawn by matplotlib on the same geometry.

Every person is where the report puts them (:mod:`netanalysis.plots.egolayout`):
the ring of their closeness layer, the sector of their cluster, the same
stable angle.  Marker sizes are the report's (pixels at 96 per inch, drawn in
points at 0.75 per pixel); grouped markers (the never-met connections of a
sector, or its acquaintances at LinkedIn's scale) carry their count.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from ..egolayout import EDGE, NEVER_MET_RING, RING_NAMES, egogram_layout, group_size, marker_size, to_xy
from ..theme import GRID, MUTED, YOU
from .style import as_frame, empty_figure, new_figure, points, titled

__all__ = ["egogram"]


def egogram(data, *, max_points: int = 3000, max_sectors: int = 8,
            title: str = "Your network by closeness and cluster") -> Figure:
    """The egogram: you in the middle, each contact on the ring of their layer, in their cluster's sector.

    Parameters
    ----------
    data : dict of lists or DataFrame
        The summary's ``view["figures"]["egogram"]``: ``person_id``,
        ``contact``, ``layer`` (1-5, None if never met), and optionally
        ``strength``, ``cluster``, ``circle``, ``last_contact``; or a tie table.
    max_points, max_sectors : int
        As :func:`netanalysis.plots.ego.egogram_spec`: above ``max_points``
        markers the never-met connections are one marker per sector.
    title : str

    Returns
    -------
    matplotlib.figure.Figure
        One axes, equal scale, no axis lines: the ring borders (circles) and
        sector borders, the ring names, a marker for you (label "you"), then
        per sector one scatter of its met contacts (label: the sector), its
        grouped acquaintances and its never-met connections (labels ending
        "(grouped)" or "never met"); a legend of the sectors below.

    Examples
    --------
    >>> data = {"person_id": ["a", "b", "c"], "contact": ["Ann", "Bo", "Cy"], "layer": [1, 3, None],
    ...         "strength": [0.8, 0.3, 0.0], "cluster": ["work", "work", "school"]}
    >>> fig = egogram(data)
    >>> ax = fig.axes[0]
    >>> {c.get_label(): len(c.get_offsets()) for c in ax.collections}
    {'you': 1, 'work': 2, 'school never met': 1}
    >>> np.hypot(*ax.collections[1].get_offsets().T).round().tolist()     # rings 1 and 3
    [1.0, 3.0]
    """
    frame = _frame(data)
    if frame is None or len(frame) == 0:
        return empty_figure("No connections yet", title=title)
    layout = egogram_layout(frame, max_points=max_points, max_sectors=max_sectors)
    frame, sectors = layout.points, layout.sectors
    fig, ax = new_figure(7.5, 8.4)
    ax.set_aspect("equal")
    ax.set_xlim(-EDGE, EDGE)
    ax.set_ylim(-EDGE, EDGE)
    ax.set_axis_off()
    for border in np.arange(0.5, NEVER_MET_RING + 1, 1.0):
        ax.add_patch(Circle((0, 0), border, fill=False, edgecolor=GRID, linewidth=0.8, zorder=0))
    for angle in [0.0] + sectors["start"].tolist():
        (x0, x1), (y0, y1) = to_xy([0.5, NEVER_MET_RING + 0.5], [angle, angle])
        ax.plot([x0, x1], [y0, y1], color=GRID, linewidth=0.8, zorder=0)
    for ring, name in RING_NAMES.items():
        ax.text(0.08, ring, name, ha="left", va="center", fontsize=7, color=MUTED, zorder=4,
                bbox=dict(facecolor="white", alpha=0.6, edgecolor="none", pad=0.5))
    ax.scatter([0.0], [0.0], s=points([16]), color=YOU, zorder=5, label="you")

    drawn = frame["met"] & ~frame["grouped"]
    biggest_grouped = int(sectors["count_grouped"].max()) if frame["grouped"].any() else 1
    biggest_never = int(sectors["count_never"].max())
    handles = []
    for sector, row in sectors.iterrows():
        colour, here = row["colour"], frame["sector"] == sector
        met = frame[here & drawn]
        if len(met):
            ax.scatter(met["x"], met["y"], s=points(marker_size(met["strength"], layout.scale)), color=colour,
                       alpha=0.85, edgecolors="white", linewidths=0.5, zorder=3, label=str(sector))
        if row["count_grouped"]:
            _grouped(ax, row, 5.0, int(row["count_grouped"]), biggest_grouped, colour, alpha=0.6,
                     label=f"{sector} acquaintances (grouped)")
        never = frame[here & ~frame["met"]]
        if layout.aggregate and row["count_never"]:
            _grouped(ax, row, float(NEVER_MET_RING), int(row["count_never"]), biggest_never, colour, alpha=0.45,
                     edge=colour, label=f"{sector} never met (grouped)")
        elif not layout.aggregate and len(never):
            ax.scatter(never["x"], never["y"], s=points([4]), color=colour, alpha=0.35, linewidths=0, zorder=2,
                       label=f"{sector} never met")
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=8, color=colour, label=str(sector)))
    longest = max(len(h.get_label()) for h in handles)
    columns = 2 if longest > 26 else 3 if longest > 16 else 4
    fig.legend(handles=handles, loc="outside lower center", ncols=min(columns, len(handles)), title=layout.group_label)
    subtitle = f"{layout.met_count:,} met · {layout.never_count:,} never met"
    if layout.aggregate:
        subtitle += " (grouped by sector)"
    return titled(fig, title, ax, subtitle=subtitle)


def _grouped(ax, row: pd.Series, ring: float, count: int, biggest: int, colour: str, *, alpha: float,
             label: str, edge: str = "white") -> None:
    """One marker in the middle of a sector on ``ring``, sized by ``count``, labelled with it."""
    (x,), (y,) = to_xy([ring], [row["start"] + row["width"] / 2])
    ax.scatter([x], [y], s=points([group_size(count, biggest)]), color=colour, alpha=alpha, edgecolors=edge,
               linewidths=1.0 if edge != "white" else 0.0, zorder=3, label=label)
    ax.text(x, y, f"{count:,}", ha="center", va="center", fontsize=7, color=MUTED, zorder=4)


def _frame(data) -> pd.DataFrame | None:
    """The summary's column lists (or a tie table) as a frame indexed by ``person_id``."""
    if data is None:
        return None
    frame = as_frame(data)
    if "person_id" in frame.columns:
        frame = frame.set_index("person_id")
    return frame
