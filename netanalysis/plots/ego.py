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
* **Marker size** grows with tie strength:
  ``size = c · (5 + 15 · sqrt(strength))`` (strength 0-1), with
  ``c = clip(sqrt(300 / met), 0.5, 1)`` shrinking markers when thousands are
  met.  Colour is the sector's (Okabe-Ito; light grey for contacts without a
  cluster, darker grey for "other"), so the legend reads by cluster;
  clicking a cluster hides its met and never-met markers together.

Scale: every met contact is drawn (a few thousand at most).  When met plus
never-met markers would exceed ``max_points``, the never-met connections are
aggregated: one marker per sector on ring 6 in the middle of the sector, sized
``8 + 22 · sqrt(count / max count)``, labelled with the count and hovering
"412 connections never met".
Above 1,000 markers the figure uses WebGL (``Scatterpolargl``).

References
----------
Dunbar, R. I. M. (2018). The anatomy of friendship. Trends in Cognitive Sciences 22(1).
Okabe, M. & Ito, K. (2008). Color Universal Design.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .theme import GRID, MUTED, NEUTRAL, TEMPLATE, YOU, cluster_colour, empty_figure, escape, top_margin

__all__ = ["egogram", "RING_NAMES", "NEVER_MET_RING", "WEBGL_ABOVE"]

RING_NAMES = {1: "support clique (5)", 2: "sympathy group (15)", 3: "affinity group (50)",
              4: "active network (150)", 5: "acquaintances", 6: "never met"}
NEVER_MET_RING = 6
#: Above this many markers the figure switches to WebGL.
WEBGL_ABOVE = 1000
_JITTER = 0.32
_GAP = 2.0
#: An empty wedge right of the top (0° to 40° clockwise) where the ring names are written.
_LABEL_WEDGE = 40.0
#: Values meaning "no cluster" (``"unclustered"`` is what the diversity review writes).
_UNGROUPED = ("no cluster", "no circle", "unclustered")
OTHER = "other"
_KEY_ANGLE = "netanalysis-ang0"   # 16 bytes each: hash_pandas_object's key length
_KEY_RADIUS = "netanalysis-rad0"


def egogram(ties: pd.DataFrame, *, max_points: int = 3000, max_sectors: int = 8,
            webgl: bool | None = None, title: str = "Your network by closeness and cluster") -> go.Figure:
    """The egogram of a tie table as a polar chart (see the module docstring).

    Parameters
    ----------
    ties : DataFrame
        One row per person, index ``person_id`` (or a ``person_id`` column).
        Required: ``contact`` (display name) and ``layer`` (1-5, missing if
        never met).  Optional: ``strength`` (0-1, default 0), ``cluster`` /
        ``circle`` (sector), ``last_contact`` (date, shown on hover).
    max_points : int
        Above this many markers the never-met connections are aggregated per sector.
    max_sectors : int
        At most this many sectors (the smallest clusters share "other").
    webgl : bool, optional
        Force WebGL on or off; by default on above :data:`WEBGL_ABOVE` markers.
    title : str
        The figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces: "you" (the centre), "rings" (the ring borders), then per sector
        its met contacts (named after the sector) and its never-met connections
        (``meta["kind"]`` is ``"met"``, ``"never met"`` or ``"never met (grouped)"``,
        ``meta["sector"]`` the sector).  An empty table gives a figure that
        says so.

    Examples
    --------
    >>> ties = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "layer": pd.array([1, 3, pd.NA], dtype="Int64"),
    ...                      "strength": [0.8, 0.3, 0.0], "cluster": ["work", "work", "school"]},
    ...                     index=pd.Index(["a", "b", "c"], name="person_id"))
    >>> fig = egogram(ties)
    >>> [(t.name, len(t.r)) for t in fig.data if t.meta]
    [('work', 2), ('school', 0), ('never met: work', 0), ('never met: school', 1)]
    >>> [round(float(r)) for r in fig.data[2].r]    # ring 1 and ring 3
    [1, 3]
    """
    if ties is None or len(ties) == 0:
        return empty_figure("No connections yet", title=title)
    frame, group_label = _prepare(ties, max_sectors=max_sectors)
    sectors = _sectors(frame)
    theta = _angles(frame, sectors)
    met = frame["layer"].notna().to_numpy()
    never_count = int((~met).sum())
    met_count = int(met.sum())
    # At LinkedIn's scale even the met contacts are too many to draw one by one:
    # the acquaintances (ring 5, beyond the 150) are then grouped per sector too.
    outer = met & (frame["layer"].fillna(0).to_numpy(dtype=float) == 5) if met_count > max_points \
        else np.zeros(len(frame), dtype=bool)
    drawn = met & ~outer
    aggregate = int(drawn.sum()) + never_count > max_points and never_count > 0
    markers = int(drawn.sum()) + (len(sectors) if aggregate else never_count)
    use_gl = markers > WEBGL_ABOVE if webgl is None else bool(webgl)
    Trace = go.Scatterpolargl if use_gl else go.Scatterpolar

    radius = np.where(met, frame["layer"].fillna(NEVER_MET_RING).to_numpy(dtype=float),
                      float(NEVER_MET_RING)) + (_unit_hash(frame["id"], _KEY_RADIUS) - 0.5) * 2 * _JITTER
    frame = frame.assign(r=np.round(radius, 3), theta=np.round(theta, 2), met=drawn)
    parts = {key: rows for key, rows in frame[drawn | ~met].groupby(["sector", "met"], sort=False)}
    none = frame.iloc[:0]

    traces = [Trace(r=[0.0], theta=[0.0], mode="markers", name="you", hoverinfo="text", hovertext=["you"],
                    marker=dict(size=16, color=YOU, symbol="circle"), showlegend=False),
              _ring_borders(Trace)]
    scale = float(np.clip(np.sqrt(300 / max(int(met.sum()), 1)), 0.5, 1.0))
    colours = _colours(sectors.index)
    for sector, row in sectors.iterrows():
        colour = colours[sector]
        rows = parts.get((sector, True), none)
        traces.append(Trace(
            r=rows["r"].to_numpy(), theta=rows["theta"].to_numpy(), mode="markers", name=escape(sector),
            legendgroup=escape(sector), hoverinfo="text",
            hovertext=_hover(rows, group_label),
            marker=dict(size=np.round(scale * (5 + 15 * np.sqrt(rows["strength"].to_numpy())), 1), color=colour,
                        opacity=0.85,
                        line=dict(color="white", width=0.5)),
            meta=dict(kind="met", sector=sector)))
    if outer.any():
        counts = frame.loc[outer].groupby("sector").size()
        biggest = int(counts.max())
        for sector, row in sectors.iterrows():
            count = int(counts.get(sector, 0))
            if count:
                traces.append(Trace(
                    r=[5.0], theta=[float(row["start"] + row["width"] / 2)], mode="markers+text",
                    name=f"acquaintances: {escape(sector)}", legendgroup=escape(sector), showlegend=False,
                    hoverinfo="text", text=[f"{count:,}"], textposition="middle center",
                    textfont=dict(size=10, color=MUTED),
                    hovertext=[f"<b>{count:,} acquaintances beyond the 150</b><br>{group_label}: {escape(sector)}"],
                    marker=dict(size=8 + 22 * np.sqrt(count / max(biggest, 1)), color=colours[sector], opacity=0.6),
                    meta=dict(kind="acquaintances (grouped)", sector=sector, count=count)))
    for sector, row in sectors.iterrows():
        traces.append(_never_met(Trace, parts.get((sector, False), none), sector, row, colours[sector],
                                 group_label, aggregate, int(sectors["count_never"].max())))

    subtitle = f"{int(met.sum()):,} met · {never_count:,} never met"
    if aggregate:
        subtitle += " (grouped by sector)"
    fig = go.Figure(traces)
    fig.update_layout(
        template=TEMPLATE, height=680, margin=dict(l=24, r=24, t=top_margin(subtitle=True) + 8, b=24),
        title=dict(text=escape(title), subtitle=dict(text=subtitle)),
        # Below the chart, so the chart keeps its width on a phone.
        legend=dict(title=dict(text=escape(group_label)), itemclick="toggle", orientation="h",
                    x=0, xanchor="left", y=-0.02, yanchor="top"),
        polar=dict(
            radialaxis=dict(range=[0, NEVER_MET_RING + 0.6], tickvals=list(RING_NAMES),
                            ticktext=list(RING_NAMES.values()), showgrid=False, showline=False,
                            angle=90, tickangle=90, tickfont=dict(size=10, color=MUTED)),
            angularaxis=dict(rotation=90, direction="clockwise", showticklabels=False, showline=False,
                             tickvals=[0.0] + sectors["start"].tolist(), showgrid=True, gridcolor=GRID)),
    )
    return fig


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
    weight = _weights(sector, layer.notna())
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
    })
    return frame, group_label


def _weights(sector: pd.Series, met: pd.Series) -> pd.Series:
    """``p_s = 0.75 · met_s / met + 0.25 · n_s / N`` per sector (``n_s / N`` when nobody is met)."""
    counts = sector.value_counts()
    met_counts = sector[met.to_numpy()].value_counts().reindex(counts.index, fill_value=0)
    if met_counts.sum() == 0:
        return counts / counts.sum()
    return 0.75 * met_counts / met_counts.sum() + 0.25 * counts / counts.sum()


def _sectors(frame: pd.DataFrame) -> pd.DataFrame:
    """Per sector (largest first, "other" last): count, count_never, start, width (degrees)."""
    counts = frame["sector"].value_counts()
    share = _weights(frame["sector"], frame["layer"].notna())
    order = sorted(counts.index, key=lambda s: (s == OTHER, s in _UNGROUPED, -share[s], s))
    counts, share = counts.reindex(order), share.reindex(order)
    share = np.maximum(share, 1.0 / (4 * len(counts)))
    width = (360.0 - _LABEL_WEDGE) * (share / share.sum()).to_numpy()
    never = frame.loc[frame["layer"].isna(), "sector"].value_counts().reindex(order, fill_value=0)
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


def _never_met(Trace, rows: pd.DataFrame, sector: str, row: pd.Series, colour: str, group_label: str,
               aggregate: bool, biggest: int):
    common = dict(mode="markers", legendgroup=escape(sector), showlegend=False, hoverinfo="text")
    if aggregate:
        count = int(row["count_never"])
        if count == 0:
            return Trace(r=[], theta=[], name=f"never met: {escape(sector)}", **common,
                         meta=dict(kind="never met (grouped)", sector=sector, count=0))
        noun = "connection" if count == 1 else "connections"
        common["mode"] = "markers+text"
        return Trace(
            r=[float(NEVER_MET_RING)], theta=[float(row["start"] + row["width"] / 2)],
            name=f"never met: {escape(sector)}", **common, text=[f"{count:,}"], textposition="middle center",
            textfont=dict(size=10, color=MUTED),
            hovertext=[f"<b>{count:,} {noun} never met</b><br>{group_label}: {escape(sector)}"],
            marker=dict(size=8 + 22 * np.sqrt(count / max(biggest, 1)), color=colour, opacity=0.45,
                        line=dict(color=colour, width=1)),
            meta=dict(kind="never met (grouped)", sector=sector, count=count))
    return Trace(
        r=rows["r"].to_numpy(), theta=rows["theta"].to_numpy(), name=f"never met: {escape(sector)}", **common,
        hovertext=[f"<b>{escape(name)}</b><br>{group_label}: {escape(sector)}<br>never met"
                   for name in rows["name"]],
        marker=dict(size=4, color=colour, opacity=0.35),
        meta=dict(kind="never met", sector=sector, count=len(rows)))


def _ring_borders(Trace):
    """The ring borders at radius 0.5, 1.5, ..., 6.5 as one line trace (no hover)."""
    angles = np.linspace(0, 360, 121)
    r, theta = [], []
    for border in np.arange(0.5, NEVER_MET_RING + 1, 1.0):
        r += [float(border)] * len(angles) + [None]
        theta += angles.tolist() + [None]
    return Trace(r=r, theta=theta, mode="lines", name="rings", hoverinfo="skip", showlegend=False,
                 line=dict(color=GRID, width=1))
