"""The egogram: your contacts around you, by closeness (rings) and cluster (sectors).

Layout
------
* **Rings** are Dunbar's layers (``ties["layer"]`` 1-5, see
  :mod:`netanalysis.analysis.ties`): ring ``k`` is centred on radius ``k`` and
  spans ``k ± 0.5``.  Connections never met (``layer`` missing) sit in ring 6,
  "never met" - the pile of business cards.
* **Sectors** are clusters: ``ties["cluster"]`` if it has any non-empty value,
  else ``ties["circle"]``, else one sector.  Contacts without one (missing,
  ``""`` or ``"unclustered"``) share a sector "no cluster" (or "no circle").  When there
  are more than ``max_sectors`` clusters, the ``max_sectors - 1`` largest keep
  their own sector and the rest share "other".  Sectors go largest first,
  then the one without a cluster, then "other".  The wedge from 0° (the
  top) to 40° clockwise stays empty for the ring names.  Sector ``s`` with
  ``m_s`` of the ``M`` met contacts and ``n_s`` of all ``N`` gets the weight
  ``p_s = 0.75 · m_s / M + 0.25 · n_s / N`` (``n_s / N`` if nobody is met:
  room goes mostly where the individually drawn met contacts are, not to the
  pile of cards) and the width ``w_s = 320° · max(p_s, 1 / (4k)) / Σ`` (at
  least a quarter of an equal share, renormalised over the ``k`` sectors);
  sectors follow each other clockwise from 40°, largest ``p_s`` first.
* **Each contact** is a marker at ``r = ring + (v - 0.5) · 2 · 0.32`` and
  ``θ = start_s + g/2 + u · (w_s - g)`` with a gap ``g = min(2°, w_s / 5)``;
  ``u`` and ``v`` in ``[0, 1)`` come from two stable 64-bit hashes of the
  person id (:func:`pandas.util.hash_pandas_object`, fixed keys), so the same
  person lands on the same spot on every run and machine - no randomness.
* **Drawn on cartesian axes** of equal scale (no polar axes, no WebGL): the
  point ``(r, θ)``, with θ clockwise from the top, is at ``x = r · sin θ``,
  ``y = r · cos θ`` (:func:`to_xy`); the ring borders (radius 0.5, ..., 6.5)
  are circles and the sector borders lines, all layout shapes.
* **Marker size** grows with tie strength:
  ``size = c · (5 + 15 · sqrt(strength))`` (strength 0-1), with
  ``c = clip(sqrt(300 / met), 0.5, 1)`` shrinking markers when thousands are
  met.  Colour is the sector's (Okabe-Ito; light grey for contacts without a
  cluster, darker grey for "other"), so the legend reads by cluster; each
  sector is one trace, so clicking a cluster hides its met and never-met
  markers together (and plotly.js draws 9 traces, not 25).

Scale: every met contact is drawn (a few thousand at most).  When met plus
never-met markers would exceed ``max_points``, the never-met connections are
aggregated: one marker per sector on ring 6 in the middle of the sector, sized
``8 + 22 · sqrt(count / max count)``, labelled with the count and hovering
"412 connections never met".  When the met contacts alone exceed
``max_points``, the acquaintances (ring 5) are grouped per sector the same way.

References
----------
Dunbar, R. I. M. (2018). The anatomy of friendship. Trends in Cognitive Sciences 22(1).
Okabe, M. & Ito, K. (2008). Color Universal Design.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .egolayout import EDGE, NEVER_MET_RING, RING_NAMES, SHORT_RING_NAMES, egogram_layout, group_size, \
    marker_size, to_xy
from .theme import FIXED, GRID, MUTED, TEMPLATE, YOU, empty_spec, escape, legend_at_bottom, title_block

__all__ = ["egogram_spec", "to_xy", "RING_NAMES", "SHORT_RING_NAMES", "NEVER_MET_RING"]


def egogram_spec(ties: pd.DataFrame, *, max_points: int = 3000, max_sectors: int = 8,
                 title: str = "Your network by closeness and cluster") -> dict:
    """The egogram of a tie table as a plotly.js figure spec (see the module docstring).

    Parameters
    ----------
    ties : DataFrame
        One row per person, index ``person_id`` (or a ``person_id`` column).
        Required: ``contact`` (display name) and ``layer`` (1-5, missing if
        never met).  Optional: ``strength`` (0-1, default 0), ``cluster`` /
        ``circle`` (sector), ``last_contact`` (date, shown on hover), ``count``
        (how many never-met connections a row stands for, default 1: a summary
        may group them per sector beforehand).
    max_points : int
        Above this many markers the never-met connections are aggregated per sector.
    max_sectors : int
        At most this many sectors (the smallest clusters share "other").
    title : str
        The figure title.

    Returns
    -------
    dict
        A spec (:mod:`netanalysis.plots.spec`) of ``scatter`` traces: "you"
        (the centre), then one trace per sector (named after it, so its
        legend entry shows and hides all its markers), holding in turn its
        met contacts, the grouped acquaintances (if any) and its never-met
        connections, one by one or grouped.  ``meta["sector"]`` is the sector
        and ``meta["parts"]`` says which points are which: ``kind`` (``"met"``,
        ``"acquaintances (grouped)"``, ``"never met"`` or ``"never met
        (grouped)"``), ``start`` and ``stop`` (a slice of the points) and, for
        a grouped marker, ``count``.  ``layout["meta"]`` holds the geometry:
        ``sectors`` (``sector``, ``start``, ``width`` in degrees) and
        ``rings`` (the ring names, innermost first); the ring names are also
        annotations.  An empty table gives a spec that says so.

    Examples
    --------
    >>> ties = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "layer": pd.array([1, 3, pd.NA], dtype="Int64"),
    ...                      "strength": [0.8, 0.3, 0.0], "cluster": ["work", "work", "school"]},
    ...                     index=pd.Index(["a", "b", "c"], name="person_id"))
    >>> spec = egogram_spec(ties)
    >>> [(t["name"], [(p["kind"], p["stop"] - p["start"]) for p in t["meta"]["parts"]]) for t in spec["data"][1:]]
    [('work', [('met', 2), ('never met', 0)]), ('school', [('met', 0), ('never met', 1)])]
    >>> work = spec["data"][1]
    >>> sorted(round(float(np.hypot(x, y))) for x, y in zip(work["x"], work["y"]))   # ring 1 and ring 3
    [1, 3]
    """
    if ties is None or len(ties) == 0:
        return empty_spec("No connections yet", title=title)
    geometry = egogram_layout(ties, max_points=max_points, max_sectors=max_sectors)
    frame, sectors, group_label = geometry.points, geometry.sectors, geometry.group_label
    aggregate, scale = geometry.aggregate, geometry.scale
    met, outer = frame["met"].to_numpy(), frame["grouped"].to_numpy()
    met_count, never_count = geometry.met_count, geometry.never_count
    drawn = met & ~outer
    frame = frame.assign(x=np.round(frame["x"], 3), y=np.round(frame["y"], 3), met=drawn)
    parts = {key: rows for key, rows in frame[drawn | ~met].groupby(["sector", "met"], sort=False)}
    none = frame.iloc[:0]

    traces = [dict(type="scatter", x=[0.0], y=[0.0], mode="markers", name="you", hoverinfo="text",
                   hovertext=["you"], marker=dict(size=16, color=YOU, symbol="circle"), showlegend=False)]
    colours = sectors["colour"]
    biggest_outer = int(sectors["count_grouped"].max()) if outer.any() else 1
    biggest_never = int(sectors["count_never"].max())
    for sector, row in sectors.iterrows():
        rows = parts.get((sector, True), none)
        pieces = [("met", dict(
            x=rows["x"].tolist(), y=rows["y"].tolist(), hover=_hover(rows, group_label),
            size=marker_size(rows["strength"].to_numpy(), scale).tolist(),
            opacity=0.85, line=("white", 0.5), text=""), None)]
        count = int(row["count_grouped"])
        if count:
            pieces.append(("acquaintances (grouped)", _grouped(
                5.0, row, count, biggest_outer, opacity=0.6,
                hover=f"<b>{count:,} acquaintances beyond the 150</b><br>{group_label}: {escape(sector)}"), count))
        pieces.append(_never_met(parts.get((sector, False), none), sector, row, colours[sector], group_label,
                                 aggregate, biggest_never))
        traces.append(_sector_trace(sector, colours[sector], pieces))

    subtitle = f"{met_count:,} met · {never_count:,} never met"
    if aggregate:
        subtitle += " (grouped by sector)"
    axis = dict(FIXED, visible=False, range=[-EDGE, EDGE], constrain="domain")
    # Below the chart, so the chart keeps its width on a phone; however many rows it wraps to.
    legend = legend_at_bottom(title=dict(text=escape(group_label)), itemclick="toggle")
    layout = dict(
        template=TEMPLATE, height=680, margin=dict(l=24, r=24, t=title_block(subtitle=True) + 8, b=8),
        title=dict(text=escape(title), subtitle=dict(text=subtitle)),
        legend=legend,
        xaxis=axis, yaxis=dict(axis, scaleanchor="x", scaleratio=1),
        shapes=_ring_shapes() + [_sector_borders(sectors)],
        annotations=_ring_labels(RING_NAMES, size=10),
        meta=dict(sectors=[dict(sector=s, start=round(float(r["start"]), 4), width=round(float(r["width"]), 4))
                           for s, r in sectors.iterrows()],
                  rings=list(RING_NAMES.values())),
    )
    # A phone: the circle is the page's width, the legend one entry a row below it (a vertical
    # legend in the plot's x and the figure's y reserves its height only, not a side margin).
    narrow = dict(height=title_block(subtitle=True) + 8 + 320 + 20 * (len(sectors) + 2),
                  margin=dict(l=8, r=8), annotations=_ring_labels(SHORT_RING_NAMES, size=9),
                  legend=dict(orientation="v", xref="paper", font=dict(size=12)))
    return {"data": traces, "layout": layout, "narrow": narrow}


def _hover(rows: pd.DataFrame, group_label: str) -> list[str]:
    layer_names = rows["layer"].map(lambda v: RING_NAMES.get(int(v), "") if v == v else RING_NAMES[6])
    return [f"<b>{escape(name)}</b><br>{group_label}: {escape(sector)}<br>{layer}<br>"
            f"strength {strength:.2f}<br>last contact {last}"
            for name, sector, layer, strength, last in zip(rows["name"], rows["sector"], layer_names,
                                                            rows["strength"], rows["last"])]


def _grouped(ring: float, row: pd.Series, count: int, biggest: int, *, opacity: float, hover: str,
             line: tuple = ("white", 0.0)) -> dict:
    """One marker in the middle of a sector on ``ring``, sized by ``count``, labelled with it."""
    x, y = to_xy([ring], [row["start"] + row["width"] / 2])
    return dict(x=np.round(x, 3).tolist(), y=np.round(y, 3).tolist(), hover=[hover], opacity=opacity, line=line,
                size=[group_size(count, biggest)], text=f"{count:,}")


def _never_met(rows: pd.DataFrame, sector: str, row: pd.Series, colour: str, group_label: str,
               aggregate: bool, biggest: int) -> tuple:
    """The sector's never-met connections: ``(kind, piece, count)`` (see :func:`_sector_trace`)."""
    if aggregate:
        count = int(row["count_never"])
        if count == 0:
            return "never met (grouped)", None, 0
        noun = "connection" if count == 1 else "connections"
        return "never met (grouped)", _grouped(
            float(NEVER_MET_RING), row, count, biggest, opacity=0.45, line=(colour, 1.0),
            hover=f"<b>{count:,} {noun} never met</b><br>{group_label}: {escape(sector)}"), count
    return "never met", dict(
        x=rows["x"].tolist(), y=rows["y"].tolist(), size=4, opacity=0.35, line=("white", 0.0), text="",
        hover=[f"<b>{escape(name)}</b><br>{group_label}: {escape(sector)}<br>never met" for name in rows["name"]]), \
        len(rows)


def _sector_trace(sector: str, colour: str, pieces: list[tuple]) -> dict:
    """One trace for all of a sector's markers (the legend entry hides them together).

    ``pieces`` are ``(kind, piece, count)``: a piece has ``x``, ``y``, ``hover``
    (lists), ``size`` (a list or one number), ``opacity``, ``line`` (colour,
    width) and ``text`` (one label for the piece's markers).  ``meta["parts"]``
    says which points are which: ``kind``, ``start``, ``stop`` and, for the
    grouped markers, ``count``.
    """
    x, y, hover, size, opacity, line_colour, line_width, text, parts = [], [], [], [], [], [], [], [], []
    for kind, piece, count in pieces:
        if piece is None:
            continue
        n = len(piece["x"])
        part = dict(kind=kind, start=len(x), stop=len(x) + n)
        if kind.endswith("(grouped)"):
            part["count"] = count
        parts.append(part)
        x += piece["x"]
        y += piece["y"]
        hover += piece["hover"]
        size += piece["size"] if isinstance(piece["size"], list) else [piece["size"]] * n
        opacity += [piece["opacity"]] * n
        line_colour += [piece["line"][0]] * n
        line_width += [piece["line"][1]] * n
        text += [piece["text"]] * n
    trace = dict(type="scatter", x=x, y=y, mode="markers+text" if any(text) else "markers", name=escape(sector),
                 hoverinfo="text", hovertext=hover,
                 marker=dict(size=_one(size), color=colour, opacity=_one(opacity),
                             line=dict(color=_one(line_colour), width=_one(line_width))),
                 meta=dict(sector=sector, parts=parts))
    if any(text):
        trace.update(text=text, textposition="middle center", textfont=dict(size=10, color=MUTED))
    return trace


def _one(values: list):
    """``values``, or their one value when all are the same (smaller JSON)."""
    return values[0] if values and all(v == values[0] for v in values) else values


def _ring_shapes() -> list[dict]:
    """The ring borders at radius 0.5, 1.5, ..., 6.5: circles below the markers."""
    return [dict(type="circle", xref="x", yref="y", x0=-border, y0=-border, x1=border, y1=border,
                 line=dict(color=GRID, width=1), layer="below")
            for border in np.arange(0.5, NEVER_MET_RING + 1, 1.0).tolist()]


def _sector_borders(sectors: pd.DataFrame) -> dict:
    """The sector borders (and the label wedge's, at 0°) as one path from ring 1's inner edge outwards."""
    angles = [0.0] + sectors["start"].tolist()
    inner = to_xy([0.5] * len(angles), angles)
    outer = to_xy([NEVER_MET_RING + 0.5] * len(angles), angles)
    path = "".join(f"M{x0:.3f},{y0:.3f}L{x1:.3f},{y1:.3f}"
                   for x0, y0, x1, y1 in zip(*inner, *outer))
    return dict(type="path", xref="x", yref="y", path=path, line=dict(color=GRID, width=1), layer="below")


def _ring_labels(names: dict, *, size: int) -> list[dict]:
    """Each ring's name in the empty wedge right of the top, at the ring's radius."""
    return [dict(text=escape(name), x=0, y=ring, xref="x", yref="y", xanchor="left", yanchor="middle",
                 xshift=3, showarrow=False, font=dict(size=size, color=MUTED), bgcolor="rgba(255,255,255,0.6)")
            for ring, name in names.items()]
