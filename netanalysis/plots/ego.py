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

from .theme import FIXED, GRID, MUTED, NEUTRAL, TEMPLATE, YOU, cluster_colour, empty_spec, escape, \
    legend_at_bottom, title_block

__all__ = ["egogram_spec", "to_xy", "RING_NAMES", "SHORT_RING_NAMES", "NEVER_MET_RING"]

RING_NAMES = {1: "support clique (5)", 2: "sympathy group (15)", 3: "affinity group (50)",
              4: "active network (150)", 5: "acquaintances", 6: "never met"}
#: The ring names on a narrow page (a phone), where the rings are close together.
SHORT_RING_NAMES = {1: "5", 2: "15", 3: "50", 4: "150", 5: "acquaint.", 6: "never met"}
NEVER_MET_RING = 6
_EDGE = NEVER_MET_RING + 0.6
_JITTER = 0.32
_GAP = 2.0
#: An empty wedge right of the top (0° to 40° clockwise) where the ring names are written.
_LABEL_WEDGE = 40.0
#: Values meaning "no cluster" (``"unclustered"`` is what the diversity review writes).
_UNGROUPED = ("no cluster", "no circle", "unclustered")
OTHER = "other"
_KEY_ANGLE = "netanalysis-ang0"   # 16 bytes each: hash_pandas_object's key length
_KEY_RADIUS = "netanalysis-rad0"


def to_xy(r, theta) -> tuple[np.ndarray, np.ndarray]:
    """Cartesian ``(x, y)`` of polar ``(r, θ)``, θ in degrees clockwise from the top.

    >>> x, y = to_xy([1.0, 2.0], [0.0, 90.0])
    >>> np.round(x, 6).tolist(), np.round(y, 6).tolist()
    ([0.0, 2.0], [1.0, 0.0])
    """
    radians = np.radians(np.asarray(theta, dtype=float))
    r = np.asarray(r, dtype=float)
    return r * np.sin(radians), r * np.cos(radians)


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
    frame, group_label = _prepare(ties, max_sectors=max_sectors)
    sectors = _sectors(frame)
    theta = _angles(frame, sectors)
    met = frame["layer"].notna().to_numpy()
    never_count = int(frame.loc[~met, "count"].sum())
    met_count = int(met.sum())
    # At LinkedIn's scale even the met contacts are too many to draw one by one:
    # the acquaintances (ring 5, beyond the 150) are then grouped per sector too.
    outer = met & (frame["layer"].fillna(0).to_numpy(dtype=float) == 5) if met_count > max_points \
        else np.zeros(len(frame), dtype=bool)
    drawn = met & ~outer
    aggregate = int(drawn.sum()) + never_count > max_points and never_count > 0

    radius = np.where(met, frame["layer"].fillna(NEVER_MET_RING).to_numpy(dtype=float),
                      float(NEVER_MET_RING)) + (_unit_hash(frame["id"], _KEY_RADIUS) - 0.5) * 2 * _JITTER
    x, y = to_xy(radius, theta)
    frame = frame.assign(x=np.round(x, 3), y=np.round(y, 3), met=drawn)
    parts = {key: rows for key, rows in frame[drawn | ~met].groupby(["sector", "met"], sort=False)}
    none = frame.iloc[:0]

    traces = [dict(type="scatter", x=[0.0], y=[0.0], mode="markers", name="you", hoverinfo="text",
                   hovertext=["you"], marker=dict(size=16, color=YOU, symbol="circle"), showlegend=False)]
    scale = float(np.clip(np.sqrt(300 / max(met_count, 1)), 0.5, 1.0))
    colours = _colours(sectors.index)
    outer_counts = frame.loc[outer].groupby("sector").size()
    biggest_outer, biggest_never = int(outer_counts.max()) if outer.any() else 1, int(sectors["count_never"].max())
    for sector, row in sectors.iterrows():
        rows = parts.get((sector, True), none)
        pieces = [("met", dict(
            x=rows["x"].tolist(), y=rows["y"].tolist(), hover=_hover(rows, group_label),
            size=np.round(scale * (5 + 15 * np.sqrt(rows["strength"].to_numpy())), 1).tolist(),
            opacity=0.85, line=("white", 0.5), text=""), None)]
        count = int(outer_counts.get(sector, 0))
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
    axis = dict(FIXED, visible=False, range=[-_EDGE, _EDGE], constrain="domain")
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


def _prepare(ties: pd.DataFrame, *, max_sectors: int) -> tuple[pd.DataFrame, str]:
    """Plain columns: id, name, layer (float, NaN if never met), strength, sector, last."""
    if "contact" not in ties.columns or "layer" not in ties.columns:
        missing = sorted({"contact", "layer"} - set(ties.columns))
        raise KeyError(f"egogram needs the tie-table columns {missing}")
    ids = ties["person_id"] if "person_id" in ties.columns else pd.Series(ties.index, index=ties.index)
    layer = pd.to_numeric(ties["layer"], errors="coerce").astype("float64").clip(1, 5)
    strength = (pd.to_numeric(ties["strength"], errors="coerce").astype("float64").fillna(0.0).clip(0, 1)
                if "strength" in ties.columns else pd.Series(0.0, index=ties.index))
    group_label, sector = "cluster", None
    for column, empty in (("cluster", "no cluster"), ("circle", "no circle")):
        if column in ties.columns:
            values = ties[column].astype("object").where(ties[column].notna(), "").astype(str).str.strip()
            known = ~values.isin(("",) + _UNGROUPED)
            if known.any():
                group_label, sector = column, values.where(known, empty)
                break
    if sector is None:
        sector = pd.Series("all contacts", index=ties.index)
    count = (pd.to_numeric(ties["count"], errors="coerce").fillna(1).astype("int64")
             if "count" in ties.columns else pd.Series(1, index=ties.index, dtype="int64"))
    weight = _weights(sector, layer.notna(), count)
    weight = weight[~weight.index.isin(_UNGROUPED)]
    weight = weight.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    if len(weight) > max_sectors:
        keep = set(weight.index[:max(max_sectors - 1, 1)]) | set(_UNGROUPED)
        sector = sector.where(sector.isin(keep), OTHER)
    last = (pd.to_datetime(ties["last_contact"], errors="coerce") if "last_contact" in ties.columns
            else pd.Series(pd.NaT, index=ties.index))
    frame = pd.DataFrame({
        "id": ids.astype(str).to_numpy(),
        "name": ties["contact"].astype("object").where(ties["contact"].notna(), "").astype(str).to_numpy(),
        "layer": layer.to_numpy(), "strength": strength.to_numpy(), "sector": sector.to_numpy(),
        "last": last.dt.strftime("%Y-%m-%d").where(last.notna(), "never").to_numpy(),
        "count": count.to_numpy(),
    })
    return frame, group_label


def _weights(sector: pd.Series, met: pd.Series, count: pd.Series) -> pd.Series:
    """``p_s = 0.75 · met_s / met + 0.25 · n_s / N`` per sector (``n_s / N`` when nobody is met);
    a row stands for ``count`` people."""
    counts = count.groupby(sector.to_numpy()).sum().sort_values(ascending=False, kind="stable")
    met_counts = count[met.to_numpy()].groupby(sector[met.to_numpy()].to_numpy()).sum().reindex(
        counts.index, fill_value=0)
    if met_counts.sum() == 0:
        return counts / counts.sum()
    return 0.75 * met_counts / met_counts.sum() + 0.25 * counts / counts.sum()


def _sectors(frame: pd.DataFrame) -> pd.DataFrame:
    """Per sector (largest first, "other" last): count, count_never, start, width (degrees)."""
    counts = frame.groupby("sector")["count"].sum().sort_values(ascending=False, kind="stable")
    share = _weights(frame["sector"], frame["layer"].notna(), frame["count"])
    order = sorted(counts.index, key=lambda s: (s == OTHER, s in _UNGROUPED, -share[s], s))
    counts, share = counts.reindex(order), share.reindex(order)
    share = np.maximum(share, 1.0 / (4 * len(counts)))
    width = (360.0 - _LABEL_WEDGE) * (share / share.sum()).to_numpy()
    never = frame.loc[frame["layer"].isna()].groupby("sector")["count"].sum().reindex(order, fill_value=0)
    return pd.DataFrame({"count": counts.to_numpy(), "count_never": never.to_numpy(), "width": width,
                         "start": _LABEL_WEDGE + np.concatenate([[0.0], np.cumsum(width)[:-1]])},
                        index=pd.Index(order, name="sector"))


def _angles(frame: pd.DataFrame, sectors: pd.DataFrame) -> np.ndarray:
    start = frame["sector"].map(sectors["start"]).to_numpy()
    width = frame["sector"].map(sectors["width"]).to_numpy()
    gap = np.minimum(_GAP, width / 5)
    return start + gap / 2 + _unit_hash(frame["id"], _KEY_ANGLE) * (width - gap)


def _colours(sectors) -> dict[str, str]:
    """Okabe-Ito colours in sector order; light grey without a cluster, darker grey for "other"."""
    colours, position = {}, 0
    for sector in sectors:
        if sector in _UNGROUPED or sector == OTHER:
            colours[sector] = NEUTRAL if sector in _UNGROUPED else MUTED
        else:
            colours[sector] = cluster_colour(position)
            position += 1
    return colours


def _unit_hash(ids: pd.Series, key: str) -> np.ndarray:
    """A stable number in [0, 1) per id (same on every run and machine)."""
    hashed = pd.util.hash_pandas_object(pd.Series(ids, dtype="object"), index=False, hash_key=key)
    return (hashed.to_numpy(dtype=np.uint64) >> np.uint64(11)).astype(np.float64) / float(2 ** 53)


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
                size=[round(8 + 22 * float(np.sqrt(count / max(biggest, 1))), 2)], text=f"{count:,}")


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
