"""Where each contact sits in the egogram: the geometry both the report and the static image draw.

The rules (rings, sectors, angles, jitter, marker sizes, what is grouped) are
in the docstring of :mod:`netanalysis.plots.ego`; :func:`egogram_layout`
computes them once, as plain numbers, for
:func:`~netanalysis.plots.ego.egogram_spec` (plotly.js) and
:func:`netanalysis.plots.static.egogram` (matplotlib), so the two pictures put
every person on the same spot.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .theme import MUTED, NEUTRAL, cluster_colour

__all__ = ["EgoLayout", "egogram_layout", "to_xy", "marker_size", "group_size", "RING_NAMES", "SHORT_RING_NAMES",
           "NEVER_MET_RING", "EDGE", "OTHER", "LABEL_WEDGE"]

RING_NAMES = {1: "support clique (5)", 2: "sympathy group (15)", 3: "affinity group (50)",
              4: "active network (150)", 5: "acquaintances", 6: "never met"}
#: The ring names on a narrow page (a phone), where the rings are close together.
SHORT_RING_NAMES = {1: "5", 2: "15", 3: "50", 4: "150", 5: "acquaint.", 6: "never met"}
NEVER_MET_RING = 6
#: The drawing reaches this radius (the outer ring's border is at 6.5).
EDGE = NEVER_MET_RING + 0.6
_JITTER = 0.32
_GAP = 2.0
#: An empty wedge right of the top (0° to 40° clockwise) where the ring names are written.
LABEL_WEDGE = 40.0
#: Values meaning "no cluster" (``"unclustered"`` is what the diversity review writes).
UNGROUPED = ("no cluster", "no circle", "unclustered")
OTHER = "other"
_KEY_ANGLE = "netanalysis-ang0"   # 16 bytes each: hash_pandas_object's key length
_KEY_RADIUS = "netanalysis-rad0"


@dataclass
class EgoLayout:
    """The egogram's geometry (:func:`egogram_layout`).

    ``points``: one row per person, in the tie table's order: ``id``,
    ``name``, ``layer`` (float, NaN if never met), ``strength`` (0-1),
    ``sector``, ``last`` (ISO date or "never"), ``count`` (people the row
    stands for: a summary may group never-met connections beforehand), ``theta`` (degrees clockwise
    from the top), ``radius``, ``x``, ``y``, ``met`` (has a layer) and
    ``grouped`` (an acquaintance drawn in its sector's grouped marker).
    ``sectors``: one row per sector in drawing order (index ``sector``):
    ``count``, ``count_never``, ``count_grouped``, ``width``, ``start``
    (degrees) and ``colour``.  ``group_label`` is ``"cluster"`` or
    ``"circle"``; ``aggregate`` says the never-met connections are drawn one
    marker per sector; ``scale`` is the marker scale ``c``.
    """

    points: pd.DataFrame
    sectors: pd.DataFrame
    group_label: str
    aggregate: bool
    scale: float

    @property
    def met_count(self) -> int:
        return int(self.points["met"].sum())

    @property
    def never_count(self) -> int:
        return int(self.points.loc[~self.points["met"], "count"].sum())


def egogram_layout(ties: pd.DataFrame, *, max_points: int = 3000, max_sectors: int = 8) -> EgoLayout:
    """The egogram's geometry for a tie table (rules: :mod:`netanalysis.plots.ego`).

    Parameters
    ----------
    ties : DataFrame
        As :func:`~netanalysis.plots.ego.egogram_spec` takes it: ``contact``
        and ``layer`` required; ``strength``, ``cluster``, ``circle``,
        ``last_contact``, ``count`` optional; index or column ``person_id``.  Not empty.
    max_points, max_sectors : int
        As :func:`~netanalysis.plots.ego.egogram_spec`.

    Returns
    -------
    EgoLayout

    Examples
    --------
    >>> ties = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "layer": [1, 3, None],
    ...                      "cluster": ["work", "work", "school"]}, index=pd.Index(["a", "b", "c"], name="person_id"))
    >>> layout = egogram_layout(ties)
    >>> layout.sectors.index.tolist(), layout.met_count, layout.never_count
    (['work', 'school'], 2, 1)
    >>> np.hypot(layout.points["x"], layout.points["y"]).round().tolist()    # rings 1, 3 and 6
    [1.0, 3.0, 6.0]
    """
    frame, group_label = _prepare(ties, max_sectors=max_sectors)
    sectors = _sectors(frame)
    theta = _angles(frame, sectors)
    met = frame["layer"].notna().to_numpy()
    never_count, met_count = int(frame.loc[~met, "count"].sum()), int(met.sum())
    # At LinkedIn's scale even the met contacts are too many to draw one by one:
    # the acquaintances (ring 5, beyond the 150) are then grouped per sector too.
    grouped = met & (frame["layer"].fillna(0).to_numpy(dtype=float) == 5) if met_count > max_points \
        else np.zeros(len(frame), dtype=bool)
    aggregate = int((met & ~grouped).sum()) + never_count > max_points and never_count > 0
    radius = np.where(met, frame["layer"].fillna(NEVER_MET_RING).to_numpy(dtype=float),
                      float(NEVER_MET_RING)) + (_unit_hash(frame["id"], _KEY_RADIUS) - 0.5) * 2 * _JITTER
    x, y = to_xy(radius, theta)
    points = frame.assign(theta=theta, radius=radius, x=x, y=y, met=met, grouped=grouped)
    colours = _colours(sectors.index)
    sectors = sectors.assign(
        count_grouped=points.loc[grouped].groupby("sector").size().reindex(sectors.index, fill_value=0).to_numpy(),
        colour=[colours[s] for s in sectors.index])
    scale = float(np.clip(np.sqrt(300 / max(met_count, 1)), 0.5, 1.0))
    return EgoLayout(points=points, sectors=sectors, group_label=group_label, aggregate=aggregate, scale=scale)


def to_xy(r, theta) -> tuple[np.ndarray, np.ndarray]:
    """Cartesian ``(x, y)`` of polar ``(r, θ)``, θ in degrees clockwise from the top.

    >>> x, y = to_xy([1.0, 2.0], [0.0, 90.0])
    >>> np.round(x, 6).tolist(), np.round(y, 6).tolist()
    ([0.0, 2.0], [1.0, 0.0])
    """
    radians = np.radians(np.asarray(theta, dtype=float))
    r = np.asarray(r, dtype=float)
    return r * np.sin(radians), r * np.cos(radians)


def marker_size(strength, scale: float) -> np.ndarray:
    """A met contact's marker diameter in pixels: ``c · (5 + 15 · sqrt(strength))``, rounded to 0.1.

    >>> marker_size([0.0, 1.0], 1.0).tolist()
    [5.0, 20.0]
    """
    return np.round(scale * (5 + 15 * np.sqrt(np.asarray(strength, dtype=float))), 1)


def group_size(count: int, biggest: int) -> float:
    """A grouped marker's diameter in pixels: ``8 + 22 · sqrt(count / biggest)``, rounded to 0.01.

    >>> group_size(25, 100), group_size(100, 100)
    (19.0, 30.0)
    """
    return round(8 + 22 * float(np.sqrt(count / max(biggest, 1))), 2)


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
            known = ~values.isin(("",) + UNGROUPED)
            if known.any():
                group_label, sector = column, values.where(known, empty)
                break
    if sector is None:
        sector = pd.Series("all contacts", index=ties.index)
    count = (pd.to_numeric(ties["count"], errors="coerce").fillna(1).astype("int64")
             if "count" in ties.columns else pd.Series(1, index=ties.index, dtype="int64"))
    weight = _weights(sector, layer.notna(), count)
    weight = weight[~weight.index.isin(UNGROUPED)]
    weight = weight.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    if len(weight) > max_sectors:
        keep = set(weight.index[:max(max_sectors - 1, 1)]) | set(UNGROUPED)
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
    order = sorted(counts.index, key=lambda s: (s == OTHER, s in UNGROUPED, -share[s], s))
    counts, share = counts.reindex(order), share.reindex(order)
    share = np.maximum(share, 1.0 / (4 * len(counts)))
    width = (360.0 - LABEL_WEDGE) * (share / share.sum()).to_numpy()
    never = frame.loc[frame["layer"].isna()].groupby("sector")["count"].sum().reindex(order, fill_value=0)
    return pd.DataFrame({"count": counts.to_numpy(), "count_never": never.to_numpy(), "width": width,
                         "start": LABEL_WEDGE + np.concatenate([[0.0], np.cumsum(width)[:-1]])},
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
        if sector in UNGROUPED or sector == OTHER:
            colours[sector] = NEUTRAL if sector in UNGROUPED else MUTED
        else:
            colours[sector] = cluster_colour(position)
            position += 1
    return colours


def _unit_hash(ids: pd.Series, key: str) -> np.ndarray:
    """A stable number in [0, 1) per id (same on every run and machine)."""
    hashed = pd.util.hash_pandas_object(pd.Series(ids, dtype="object"), index=False, hash_key=key)
    return (hashed.to_numpy(dtype=np.uint64) >> np.uint64(11)).astype(np.float64) / float(2 ** 53)
