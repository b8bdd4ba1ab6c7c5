"""The figures, tested on the numbers they plot (trace values, counts), never on pixels.

The public functions return plotly Figures built from the spec functions' plain
dicts; most tests read the Figures (the notebook API), TestSpecs the specs
themselves (what the report embeds).
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from netanalysis import plots
from netanalysis.plots import theme
from netanalysis.plots.ego import NEVER_MET_RING, RING_NAMES, SHORT_RING_NAMES
from netanalysis.plots.embed import CONFIG
from netanalysis.plots.spec import narrow_layout
from review_helpers import make_ties

HOSTILE = "<script>alert(1)</script>"


def values(trace, attribute):
    value = getattr(trace, attribute)
    return [] if value is None else list(value)


def by_meta(fig, kind):
    """The egogram's points of one kind, per sector, as trace-like objects (x, y, hovertext, marker, meta).

    Each sector is one trace whose ``meta["parts"]`` slices its points by kind.
    """
    found = []
    for trace in fig.data:
        for part in (trace.meta or {}).get("parts", []):
            if part["kind"] != kind:
                continue
            cut = slice(part["start"], part["stop"])
            size = trace.marker.size
            sizes = list(size) if isinstance(size, (list, tuple)) else [size] * len(trace.x)
            meta = {"kind": kind, "sector": trace.meta["sector"]} | (
                {"count": part["count"]} if "count" in part else {})
            found.append(SimpleNamespace(name=trace.name, x=list(trace.x)[cut], y=list(trace.y)[cut],
                                         hovertext=list(trace.hovertext)[cut], meta=meta,
                                         marker=SimpleNamespace(size=sizes[cut], color=trace.marker.color)))
    return found


def polar(trace):
    """A cartesian egogram trace's points as (r, θ in degrees clockwise from the top)."""
    x, y = np.asarray(trace.x, dtype=float), np.asarray(trace.y, dtype=float)
    return np.hypot(x, y), np.degrees(np.arctan2(x, y)) % 360


def sector_starts(fig):
    return [s["start"] for s in fig.layout.meta["sectors"]]


def message(fig):
    assert len(fig.data) == 0
    return fig.layout.annotations[0].text


def ties_frame(n_met, n_never, *, clusters=("work", "school", "club"), seed=0):
    """A tie table with ``n_met`` met contacts (layers by rank, as in ties.py) and ``n_never`` never met."""
    rng = np.random.default_rng(seed)
    n = n_met + n_never
    rank = np.arange(1, n_met + 1)
    layer = pd.array(list(np.select([rank <= 5, rank <= 15, rank <= 50, rank <= 150], [1, 2, 3, 4], 5))
                     + [pd.NA] * n_never, dtype="Int64")
    return pd.DataFrame({
        "contact": [f"Person {i}" for i in range(n)],
        "layer": layer,
        "strength": np.concatenate([np.sort(rng.random(n_met))[::-1], np.zeros(n_never)]),
        "cluster": rng.choice(list(clusters), n),
        "circle": "",
        "last_contact": pd.to_datetime(["2026-01-01"] * n_met + [None] * n_never),
    }, index=pd.Index([f"p{i}" for i in range(n)], name="person_id"))


class TestTheme:
    def test_template_registered_without_changing_the_default(self):
        plots.purpose_chart(None)                   # the first Figure registers it
        assert "netanalysis" in pio.templates
        assert pio.templates.default != "netanalysis"

    def test_figures_use_it(self):
        fig = plots.purpose_chart(pd.DataFrame({"purpose": ["job"], "share": [1.0]}))
        assert fig.layout.template.layout.font.family == theme.FONT_FAMILY
        assert fig.layout.template.layout.colorway == theme.CLUSTER_COLOURS

    def test_cluster_palette_is_okabe_ito(self):
        okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
        assert set(theme.CLUSTER_COLOURS) == okabe_ito

    def test_unique_labels_never_merge_categories(self):
        assert theme.unique_labels(["A", "A (2)", "A", "A"]) == ["A", "A (2)", "A (3)", "A (4)"]


class TestEgogram:
    TIES = make_ties([
        {"contact": "Ann", "layer": 1, "strength": 0.9, "cluster": "work", "last_contact": "2026-02-01"},
        {"contact": "Bo", "layer": 3, "strength": 0.4, "cluster": "work"},
        {"contact": "Cy", "layer": 5, "strength": 0.1, "cluster": "school"},
        {"contact": "Di", "cluster": "school"},                                   # never met
        {"contact": "Ed", "cluster": ""},                                         # never met, no cluster
    ], ["a", "b", "c", "d", "e"])

    def test_rings_are_layers_and_never_met_is_ring_6(self):
        fig = plots.egogram(self.TIES)
        met = {t.meta["sector"]: t for t in by_meta(fig, "met")}
        # r = layer ± 0.32 (hash jitter): Ann ring 1, Bo ring 3 (work); Cy ring 5 (school)
        assert sorted(round(r) for r in polar(met["work"])[0]) == [1, 3]
        assert [round(r) for r in polar(met["school"])[0]] == [5]
        never = {t.meta["sector"]: t for t in by_meta(fig, "never met")}
        assert sum(len(t.x) for t in never.values()) == 2
        assert all(abs(r - NEVER_MET_RING) <= 0.32 + 0.001 for t in never.values() for r in polar(t)[0])
        assert [a.text for a in fig.layout.annotations] == list(RING_NAMES.values())
        assert [a.y for a in fig.layout.annotations] == list(RING_NAMES)     # at each ring's radius
        assert list(fig.layout.meta["rings"]) == list(RING_NAMES.values())

    def test_cartesian_rings_and_sector_borders_are_shapes(self):
        fig = plots.egogram(self.TIES)
        circles = [s for s in fig.layout.shapes if s.type == "circle"]
        # ring borders at radius 0.5 ... 6.5, centred on "you" at (0, 0)
        assert [(s.x0, s.x1, s.y0, s.y1) for s in circles] == [(-b, b, -b, b) for b in np.arange(0.5, 7, 1.0)]
        path = next(s for s in fig.layout.shapes if s.type == "path").path
        assert path.count("M") == 1 + 3                                  # the label wedge's border + 3 sectors
        assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1   # round circles
        you = fig.data[0]
        assert (you.name, list(you.x), list(you.y)) == ("you", [0.0], [0.0])
        # one trace per sector: its legend entry shows and hides all its markers
        assert [t.name for t in fig.data[1:]] == ["work", "school", "no cluster"]

    def test_sectors_are_clusters_with_widths_mostly_by_met_members(self):
        fig = plots.egogram(self.TIES)
        # met M = 3, all N = 5; p = 0.75·m/M + 0.25·n/N, floored at 1/(4·3) = 1/12:
        #   work 0.75·2/3 + 0.25·2/5 = 0.6; school 0.75·1/3 + 0.25·2/5 = 0.35; no cluster 0.25·1/5 = 0.05 -> 1/12
        # widths over 360 - 40 = 320°: 320·p / (0.6 + 0.35 + 1/12) = 185.806, 108.387, 25.806; from 40°
        total = 0.6 + 0.35 + 1 / 12
        starts = [40, 40 + 320 * 0.6 / total, 40 + 320 * 0.95 / total]
        assert sector_starts(fig) == pytest.approx(starts, abs=1e-4)
        met = {t.meta["sector"]: t for t in by_meta(fig, "met")}
        assert [t.name for t in by_meta(fig, "met")] == ["work", "school", "no cluster"]
        assert all(starts[0] <= th < starts[1] for th in polar(met["work"])[1])
        assert all(starts[1] <= th < starts[2] for th in polar(met["school"])[1])
        assert all(starts[2] <= th < 360 for t in by_meta(fig, "never met") if t.meta["sector"] == "no cluster"
                   for th in polar(t)[1])

    def test_a_pile_of_never_met_does_not_crowd_the_met(self):
        ties = ties_frame(10, 1000, clusters=["a"]).assign(cluster=["a"] * 10 + [""] * 1000)
        fig = plots.egogram(ties)
        start_a, start_none = sector_starts(fig)
        # p_a = 0.75·10/10 + 0.25·10/1010 = 0.7525, p_none = 0.25·1000/1010 = 0.2475 (sum 1)
        assert start_none - start_a == pytest.approx(320 * (0.75 + 0.25 * 10 / 1010), abs=1e-3)

    def test_angles_are_deterministic_and_independent_of_row_order(self):
        first = plots.egogram(self.TIES)
        again = plots.egogram(self.TIES.iloc[::-1])
        angles = {t.meta["sector"]: sorted(polar(t)[1]) for t in by_meta(first, "met")}
        assert angles == {t.meta["sector"]: sorted(polar(t)[1]) for t in by_meta(again, "met")}

    def test_hover_names_the_contact_cluster_layer_strength_last_contact(self):
        fig = plots.egogram(self.TIES)
        work = next(t for t in by_meta(fig, "met") if t.meta["sector"] == "work")
        ann = next(h for h in work.hovertext if "Ann" in h)
        assert "cluster: work" in ann and "support clique (5)" in ann
        assert "strength 0.90" in ann and "last contact 2026-02-01" in ann
        bo = next(h for h in work.hovertext if "Bo" in h)
        assert "last contact never" in bo

    def test_marker_size_grows_with_strength(self):
        fig = plots.egogram(self.TIES)
        work = next(t for t in by_meta(fig, "met") if t.meta["sector"] == "work")
        # size = 5 + 15·sqrt(strength): Ann 0.9 -> 19.23, Bo 0.4 -> 14.49
        # (rounded to 0.1 px to keep the report small)
        assert sorted(work.marker.size) == pytest.approx([5 + 15 * 0.4 ** 0.5, 5 + 15 * 0.9 ** 0.5], abs=0.051)

    def test_colours_okabe_ito_with_grey_for_no_cluster_and_other(self):
        fig = plots.egogram(self.TIES)
        colours = {t.meta["sector"]: t.marker.color for t in by_meta(fig, "met")}
        assert colours == {"work": theme.CLUSTER_COLOURS[0], "school": theme.CLUSTER_COLOURS[1],
                           "no cluster": theme.NEUTRAL}
        fig = plots.egogram(ties_frame(60, 0, clusters=[f"c{i}" for i in range(12)]), max_sectors=3)
        assert by_meta(fig, "met")[-1].marker.color == theme.MUTED       # "other"

    def test_markers_shrink_when_thousands_are_met(self):
        fig = plots.egogram(ties_frame(1200, 0, clusters=["x"]))
        met = by_meta(fig, "met")[0]
        strength = ties_frame(1200, 0, clusters=["x"])["strength"].to_numpy()
        # c = sqrt(300 / 1200) = 0.5
        assert sorted(met.marker.size) == pytest.approx(sorted(0.5 * (5 + 15 * np.sqrt(strength))), abs=0.051)

    def test_acquaintances_grouped_when_met_contacts_exceed_max_points(self):
        # 1,200 met contacts (by ties_frame: layers cycle 1-5), max_points 500: ring 5 is grouped per sector.
        ties = ties_frame(1200, 0, clusters=["x", "y"])
        fig = plots.egogram(ties, max_points=500)
        grouped = by_meta(fig, "acquaintances (grouped)")
        outer = int((ties["layer"] == 5).sum())
        assert sum(t.meta["count"] for t in grouped) == outer
        drawn = sum(len(t.x) for t in by_meta(fig, "met"))
        assert drawn == 1200 - outer

    def test_falls_back_to_circle_then_one_sector(self):
        ties = self.TIES.assign(cluster="", circle=["client", "friend", "client", "", ""])
        fig = plots.egogram(ties)
        assert {t.meta["sector"] for t in by_meta(fig, "met")} == {"client", "friend", "no circle"}
        assert fig.layout.legend.title.text == "circle"
        fig = plots.egogram(self.TIES.drop(columns=["cluster", "circle"]))
        assert [t.meta["sector"] for t in by_meta(fig, "met")] == ["all contacts"]

    def test_small_clusters_share_other(self):
        ties = ties_frame(60, 0, clusters=[f"c{i}" for i in range(12)])
        fig = plots.egogram(ties, max_sectors=5)
        sectors = [t.meta["sector"] for t in by_meta(fig, "met")]
        assert len(sectors) == 5 and sectors[-1] == "other"
        assert sum(len(t.x) for t in by_meta(fig, "met")) == 60

    def test_unclustered_is_its_own_grey_sector_before_other(self):
        # as the orchestrator writes it: diversity's "unclustered", and "" for people it did not see
        ties = ties_frame(60, 0, clusters=[f"c{i}" for i in range(12)] + ["unclustered"] * 12 + [""] * 4)
        fig = plots.egogram(ties, max_sectors=5)
        sectors = [t.meta["sector"] for t in by_meta(fig, "met")]
        assert len(sectors) == 6 and sectors[-2:] == ["no cluster", "other"]
        assert [t.marker.color for t in by_meta(fig, "met")][-2:] == [theme.NEUTRAL, theme.MUTED]
        assert by_meta(fig, "met")[-2].meta == {"kind": "met", "sector": "no cluster"}
        only = plots.egogram(ties.assign(cluster="unclustered", circle=["client"] * 30 + [""] * 30))
        assert [t.meta["sector"] for t in by_meta(only, "met")] == ["client", "no circle"]

    def test_never_met_aggregated_beyond_max_points(self):
        ties = ties_frame(40, 1200)
        fig = plots.egogram(ties, max_points=1000)
        assert not by_meta(fig, "never met")
        grouped = by_meta(fig, "never met (grouped)")
        assert len(grouped) == 3                                         # one per cluster sector
        assert sum(t.meta["count"] for t in grouped) == 1200
        assert all(polar(t)[0].tolist() == pytest.approx([NEVER_MET_RING], abs=0.001) for t in grouped)
        expected = ties[ties["layer"].isna()]["cluster"].value_counts()
        for t in grouped:
            assert t.hovertext[0].startswith(f"<b>{expected[t.meta['sector']]:,} connections never met")
        assert sum(len(t.x) for t in by_meta(fig, "met")) == 40         # every met contact still drawn
        assert "(grouped by sector)" in fig.layout.title.subtitle.text

    def test_never_met_drawn_individually_below_max_points(self):
        fig = plots.egogram(ties_frame(40, 1200), max_points=3000)
        assert sum(len(t.x) for t in by_meta(fig, "never met")) == 1200

    def test_no_webgl_and_no_polar_axes_at_any_size(self):
        # WebGL is missing on many machines, and the report's plotly.js bundle has neither.
        for ties in (ties_frame(40, 100), ties_frame(1100, 0), ties_frame(3000, 27000)):
            spec = plots.egogram_spec(ties)
            assert {t["type"] for t in spec["data"]} == {"scatter"}
            assert "polar" not in spec["layout"]

    def test_narrow_page_short_ring_names_and_one_entry_per_legend_row(self):
        spec = plots.egogram_spec(self.TIES)
        narrow = narrow_layout(spec)
        assert [a["text"] for a in narrow["annotations"]] == list(SHORT_RING_NAMES.values())
        assert narrow["legend"]["orientation"] == "v" and narrow["legend"]["yref"] == "container"
        assert narrow["height"] < spec["layout"]["height"]

    def test_empty(self):
        assert message(plots.egogram(make_ties([]))) == "No connections yet"
        assert message(plots.egogram(None)) == "No connections yet"

    def test_hostile_name(self):
        ties = make_ties([{"contact": HOSTILE, "layer": 1, "strength": 0.5, "cluster": HOSTILE}])
        fig = plots.egogram(ties)
        assert "&lt;script&gt;" in by_meta(fig, "met")[0].hovertext[0]
        html = plots.figure_to_html(fig, div_id="ego")
        assert HOSTILE not in html and "<script>alert" not in html

    def test_30000_contacts_build_fast(self):
        ties = ties_frame(3000, 27000, clusters=[f"c{i}" for i in range(15)])
        start = time.perf_counter()
        fig = plots.egogram(ties)
        elapsed = time.perf_counter() - start
        assert elapsed < 2.0 * 3        # target 2 s; generous for slow CI (benchmarks/bench_plots.py)
        points = sum(len(t.x) for t in fig.data if t.meta)
        assert points == 3000 + 8       # every met contact + one marker per sector


class TestBreadthDepth:
    def test_point_quadrants_and_references(self):
        fig = plots.breadth_depth_chart(
            {"breadth": 0.8, "depth": 0.2, "quadrant": "broad and shallow", "label": "you"},
            references=[{"breadth": 0.3, "depth": 0.9, "label": "matchmaker"}, {"breadth": None, "depth": 1}])
        refs, you = fig.data
        assert (list(you.x), list(you.y)) == ([0.8], [0.2])
        assert (list(refs.x), list(refs.y), list(refs.text)) == ([0.3], [0.9], ["matchmaker"])
        texts = {a.text: (a.x, a.y) for a in fig.layout.annotations}
        assert texts == {"broad and deep": (0.98, 0.98), "broad and shallow": (0.98, 0.02),
                         "deep and narrow": (0.02, 0.98), "narrow and shallow": (0.02, 0.02)}
        lines = [s for s in fig.layout.shapes if s.type == "line"]
        assert sorted((s.x0, s.x1, s.y0, s.y1) for s in lines) == [(0, 1, 0.5, 0.5), (0.5, 0.5, 0, 1)]
        shaded = next(s for s in fig.layout.shapes if s.type == "rect")
        assert (shaded.x0, shaded.x1, shaded.y0, shaded.y1) == (0.5, 1.0, 0.0, 0.5)

    def test_quadrant_derived_when_missing(self):
        fig = plots.breadth_depth_chart({"breadth": 0.2, "depth": 0.7})
        assert "deep and narrow" in fig.data[-1].hovertext[0]

    def test_undefined(self):
        fig = plots.breadth_depth_chart({"breadth": 0.5, "depth": float("nan"), "reason": "no log"})
        assert message(fig) == "no log"


class TestLayerEffort:
    LAYERS = pd.DataFrame({"layer": [1, 2, 3, 4, 5],
                           "name": [RING_NAMES[k] for k in range(1, 6)],
                           "expected": [5, 10, 35, 100, np.nan],
                           "members": [5, 10, 35, 100, 812], "effort": [40, 30, 20, 10, 0]})

    def test_members_and_shares(self):
        fig = plots.layer_effort_chart(self.LAYERS)
        members, effort, expected = fig.data
        assert list(members.x) == [5, 10, 35, 100, 812]
        assert list(effort.x) == [0.4, 0.3, 0.2, 0.1, 0.0]     # effort / 100
        assert list(effort.y) == list(self.LAYERS["name"])
        assert list(expected.x) == [5, 10, 35, 100]

    def test_no_effort(self):
        fig = plots.layer_effort_chart(self.LAYERS.assign(effort=0))
        assert list(fig.data[1].x) == [0.0] * 5
        assert "no interactions" in fig.layout.title.subtitle.text

    def test_empty(self):
        assert "No closeness layers" in message(plots.layer_effort_chart(self.LAYERS.iloc[:0]))


class TestReciprocity:
    PER = pd.DataFrame({"contact": ["Ann", "Bo", "Cy", "Di", "Ed", HOSTILE],
                        "given": [10, 1, 3, 0, 0, 2], "received": [2, 9, 3, 0, 1, 0]})

    def test_points_sides_and_labels(self):
        fig = plots.reciprocity_scatter(self.PER, labels=2)
        diagonal, *points = fig.data
        assert diagonal.name == "balanced" and list(diagonal.x) == list(diagonal.y)
        sides = {t.name: (list(t.x), list(t.y)) for t in points}
        # Di exchanged nothing: left out
        assert sides == {"you gave more": ([10, 2], [2, 0]), "you received more": ([1, 0], [9, 1]),
                         "even": ([3], [3])}
        labelled = sorted(text for t in points for text in t.text if text)
        assert labelled == ["Ann", "Bo"]                          # the two biggest gaps: 8 and 8

    def test_labels_on_the_same_spot_are_shared(self):
        per = pd.DataFrame({"contact": ["Ann", "Bo", "Cy"], "given": [5, 5, 1], "received": [1, 1, 1]})
        fig = plots.reciprocity_scatter(per, labels=3)
        gave_more = next(t for t in fig.data if t.name == "you gave more")
        assert list(gave_more.text) == ["Ann +1", ""]             # Ann and Bo both at (5, 1); Cy even

    def test_top_keeps_most_exchanged(self):
        fig = plots.reciprocity_scatter(self.PER, top=2)
        names = sorted(h.split("</b>")[0][3:] for t in fig.data[1:] for h in t.hovertext)
        assert names == ["Ann", "Bo"]                             # 12 and 10 exchanged
        assert "2 contacts with the most exchanged, of 5" in fig.layout.title.subtitle.text

    def test_empty(self):
        assert message(plots.reciprocity_scatter(self.PER.assign(given=0, received=0))) == \
            "No interactions logged yet"
        assert message(plots.reciprocity_scatter(None)) == "No interactions logged yet"


class TestBalanceTimeline:
    def test_from_monthly_ledger_shape(self):
        monthly = pd.DataFrame({"month": pd.date_range("2026-01-01", periods=3, freq="MS"),
                                "given": [3, 0, 5], "received": [1, 0, 7], "mutual": [0, 0, 2],
                                "interactions": [2, 0, 4]})
        given, received, net = plots.balance_timeline(monthly).data
        assert (given.type, received.type, net.type) == ("bar", "bar", "scatter")
        assert list(given.y) == [3, 0, 5] and list(received.y) == [1, 0, 7]
        assert list(net.y) == [2, 0, -2]                          # given - received
        assert len(given.x) == 3 and list(given.customdata) == [2, 0, 4]

    def test_empty(self):
        zeros = pd.DataFrame({"month": pd.date_range("2026-01-01", periods=2, freq="MS"),
                              "given": 0, "received": 0, "mutual": 0, "interactions": 0})
        assert message(plots.balance_timeline(zeros)) == "No interactions logged yet"
        assert message(plots.balance_timeline(zeros.iloc[:0])) == "No interactions logged yet"


class TestStaleness:
    TABLE = pd.DataFrame({"contact": ["Ann", "Bo", "Cy", "Di", "Ann"],
                          "days_since_last": pd.array([100, 20, 400, pd.NA, 31], dtype="Int64"),
                          "cadence_days_used": [30.0, 30.0, np.nan, 14.0, 30.0],
                          "strength": [0.5, 0.6, 0.2, 0.3, 0.4]})

    def test_bars_sorted_by_overdue_with_cadence_ticks(self):
        fig = plots.staleness_chart(self.TABLE)
        bars, cadence = fig.data
        # overdue = days - cadence: Ann 70, Ann(2) 1, Bo -10; Cy has no cadence, Di no contact
        assert list(bars.y) == ["Ann", "Ann (2)", "Bo"]
        assert list(bars.x) == [100, 31, 20]
        assert list(cadence.x) == [30, 30, 30]
        assert list(bars.marker.color) == [theme.WARNING, theme.WARNING, theme.HEALTHY]
        assert "overdue by 70 days" in bars.hovertext[0] and "due in 10 days" in bars.hovertext[2]
        assert fig.layout.yaxis.autorange == "reversed"          # most overdue on top

    def test_top_and_cadence_column_names(self):
        table = self.TABLE.rename(columns={"cadence_days_used": "cadence"})
        assert list(plots.staleness_chart(table, top=1).data[0].y) == ["Ann"]
        table = self.TABLE.rename(columns={"cadence_days_used": "every"})
        assert list(plots.staleness_chart(table, cadence="every").data[0].x) == [100, 31, 20]

    def test_empty(self):
        assert "No ties with a cadence" in message(plots.staleness_chart(self.TABLE.assign(cadence_days_used=np.nan)))
        assert "No ties with a cadence" in message(plots.staleness_chart(self.TABLE.drop(columns="cadence_days_used")))
        assert "No ties with a cadence" in message(plots.staleness_chart(None))


class TestClusters:
    def test_shares_given(self):
        clusters = pd.DataFrame({"label": ["old job", "clients"], "share_members": [0.7, 0.3],
                                 "share_effort": [0.2, 0.8]})
        members, effort = plots.clusters_chart(clusters).data
        assert (list(members.y), list(members.x), list(effort.x)) == (["old job", "clients"], [0.7, 0.3], [0.2, 0.8])

    def test_diversity_clusters_table_columns(self):
        # netanalysis.analysis.diversity writes member_share / effort_share next to the counts
        clusters = pd.DataFrame({"cluster": ["c1", "c2"], "label": ["old job", "clients"], "members": [7, 3],
                                 "effort": [1, 4], "member_share": [0.7, 0.3], "effort_share": [0.2, 0.8]})
        members, effort = plots.clusters_chart(clusters).data
        assert (list(members.y), list(members.x), list(effort.x)) == (["old job", "clients"], [0.7, 0.3], [0.2, 0.8])

    def test_no_cluster_comes_last(self):
        clusters = pd.DataFrame({"label": ["unclustered", "a", "b"], "member_share": [0.8, 0.05, 0.15],
                                 "effort_share": [0.1, 0.6, 0.3]})
        members, _ = plots.clusters_chart(clusters).data
        assert list(members.y) == ["b", "a", "no cluster"]

    def test_counts_and_named_columns(self):
        clusters = pd.DataFrame({"cluster": ["a", "b", "c"], "n": [10, 30, 60], "e": [5, 5, 0]})
        members, effort = plots.clusters_chart(clusters, members="n", effort="e").data
        assert list(members.y) == ["c", "b", "a"]
        assert list(members.x) == [0.6, 0.3, 0.1] and list(effort.x) == [0.0, 0.5, 0.5]

    def test_small_clusters_summed_as_other(self):
        clusters = pd.DataFrame({"cluster": list("abcde"), "members": [40, 30, 15, 10, 5],
                                 "effort": [1, 1, 1, 1, 0]})
        members, effort = plots.clusters_chart(clusters, top=3).data
        assert list(members.y) == ["a", "b", "other (3 clusters)"]
        assert list(members.x) == pytest.approx([0.4, 0.3, 0.3])
        assert list(effort.x) == pytest.approx([0.25, 0.25, 0.5])

    def test_empty(self):
        assert "No clusters yet" in message(plots.clusters_chart(pd.DataFrame()))


class TestPurpose:
    def test_shares_targets_and_warning(self):
        purposes = pd.DataFrame({"purpose": ["sales", "learning", "job", "unstated"],
                                 "share": [0.55, 0.4, 0.05, np.nan], "target": [0.5, 0.2, np.nan, np.nan]})
        bars, target = plots.purpose_chart(purposes).data
        assert (list(bars.x), list(bars.y)) == (["sales", "learning", "job"], [0.55, 0.4, 0.05])
        assert (list(target.x), list(target.y)) == (["sales", "learning"], [0.5, 0.2])
        # |0.55-0.5| < 0.1 ok; |0.4-0.2| >= 0.1 warning; no target: ok
        assert list(bars.marker.color) == [theme.YOU, theme.WARNING, theme.YOU]

    def test_empty(self):
        assert message(plots.purpose_chart(None)).startswith("No purposes logged yet")
        nan = pd.DataFrame({"purpose": ["unstated"], "share": [np.nan], "target": [np.nan]})
        assert message(plots.purpose_chart(nan)).startswith("No purposes logged yet")


class TestEmbedding:
    def test_div_without_external_links(self):
        fig = plots.staleness_chart(TestStaleness.TABLE.assign(contact=HOSTILE))
        html = plots.figure_to_html(fig, div_id="fig-staleness")
        assert html.lstrip().startswith("<div") and 'id="fig-staleness"' in html
        assert "http" not in html and "mathjax" not in html.lower() and "Chart Studio" not in html
        assert '"displaylogo":false' in html and '"responsive":true' in html
        assert '"showSendToCloud":false' in html                # plotly.js 4 would offer to upload the figure
        assert "<script>alert" not in html                      # JSON-escaped inside the figure data
        assert "Plotly.newPlot(" in html

    def test_bad_div_id(self):
        with pytest.raises(ValueError, match="div_id"):
            plots.figure_to_html(go.Figure(), div_id='x" onload="')

    def test_plotly_js_is_the_vendored_basic_bundle(self):
        text = plots.plotly_js()
        assert text.lstrip().startswith("/**\n* plotly.js (basic - minified) v")
        assert 1_000_000 < len(text.encode()) < 1_300_000 and "</script" not in text.lower()

    def test_spec_and_figure_embed_alike(self):
        spec = plots.staleness_spec(TestStaleness.TABLE)
        from_spec = plots.figure_to_html(spec, div_id="a")
        from_figure = plots.figure_to_html(plots.staleness_chart(TestStaleness.TABLE), div_id="a")
        assert from_spec.startswith('<div id="a"') and from_figure.startswith('<div id="a"')
        assert "Ann (2)" in from_spec and "Ann (2)" in from_figure

    def test_script_safe_json(self):
        from netanalysis.plots.embed import script_json

        text = script_json({"a": "</script><!-- & \u2028 \u2029", "b": [np.float64(0.5), np.int32(2)]})
        for bad in ("<", ">", "&", "\u2028", "\u2029"):
            assert bad not in text
        assert text.count("/") == text.count("\\/") == 1              # escaped as \/
        assert json.loads(text) == {"a": "</script><!-- & \u2028 \u2029", "b": [0.5, 2]}


@pytest.fixture(scope="module")
def report_specs():
    """Every figure spec the report draws, from the bundled sample's review, as the report calls them."""
    import netanalysis
    from netanalysis.analysis import review
    from netanalysis.analysis.timeline import monthly_ledger
    from netanalysis.sample.bundled import bundled_sample
    from netanalysis.sample import SAMPLE_AS_OF

    net = netanalysis.load(bundled_sample())
    rev = review(net, as_of=SAMPLE_AS_OF)
    contacts = rev.ties.reset_index()
    cadence = contacts.assign(cadence=contacts.get("cadence_used"))
    return {
        "egogram": plots.egogram_spec(rev.ties),
        "breadth_depth": plots.breadth_depth_spec({"breadth": rev.depth.breadth, "depth": rev.depth.depth}),
        "layers": plots.layer_effort_spec(rev.depth.layers),
        "reciprocity": plots.reciprocity_spec(rev.reciprocity.per_contact),
        "balance": plots.balance_spec(monthly_ledger(net.log, rev.as_of)),
        "staleness": plots.staleness_spec(cadence[cadence["layer"].fillna(9) <= 3]),
        "clusters": plots.clusters_spec(rev.diversity.clusters_table),
        "purpose": plots.purpose_spec(rev.purpose.purposes),
    }


class TestSpecs:
    """What the report embeds: plain plotly.js JSON that plotly.py's validator accepts."""

    def test_plain_json(self, report_specs):
        for name, spec in report_specs.items():
            text = json.dumps(spec, allow_nan=False)               # no NumPy values, no NaN
            assert json.loads(text) == spec, name
            assert all("type" in trace for trace in spec["data"]), name

    def test_every_property_is_valid_plotly(self, report_specs):
        # go.Figure validates every property name and value: a typo in a spec fails here.
        for name, spec in report_specs.items():
            go.Figure(data=spec["data"], layout=spec["layout"])
            go.Figure(data=spec["data"], layout=narrow_layout(spec))

    def test_template_in_the_spec(self, report_specs):
        for spec in report_specs.values():
            assert spec["layout"]["template"] is theme.TEMPLATE
        fig = go.Figure(report_specs["purpose"]["data"], report_specs["purpose"]["layout"])
        assert fig.layout.template.layout.font.family == theme.FONT_FAMILY

    def test_public_functions_wrap_the_specs(self):
        per = TestReciprocity.PER
        spec, fig = plots.reciprocity_spec(per), plots.reciprocity_scatter(per)
        assert isinstance(fig, go.Figure)
        assert [t["y"] for t in spec["data"]] == [list(t.y) for t in fig.data]
        assert str(__import__("inspect").signature(plots.reciprocity_scatter)).startswith(
            "(per_contact: 'pd.DataFrame', *, top: 'int' = 40")

    def test_legends_never_overlap_a_subtitle(self, report_specs):
        # A legend under the title is placed in the figure's coordinates, below the title block, so
        # plotly.js reserves its rows above the plot (see theme.legend_below_title).
        for name in ("reciprocity", "balance", "staleness", "clusters", "purpose"):
            layout = report_specs[name]["layout"]
            legend, height = layout["legend"], layout["height"]
            subtitle = bool(layout["title"].get("subtitle"))
            assert (legend["yref"], legend["yanchor"]) == ("container", "top"), name
            assert (1 - legend["y"]) * height >= theme.title_block(subtitle=subtitle) - 0.5, name
        ego = report_specs["egogram"]["layout"]["legend"]
        assert (ego["yref"], ego["y"], ego["yanchor"]) == ("container", 0.0, "bottom")

    def test_titles_start_below_the_mode_bar(self, report_specs):
        assert theme.TEMPLATE["layout"]["title"]["pad"]["t"] == theme.TITLE_TOP >= 26
        assert CONFIG["showSendToCloud"] is False and CONFIG["displaylogo"] is False

    def test_report_path_imports_no_plotly(self, tmp_path):
        code = ("import sys; from netanalysis import cli; "
                f"assert cli.main(['report', '-o', {str(tmp_path / 'r.html')!r}]) == 0; "
                "print(sorted(m for m in sys.modules if m.split('.')[0] == 'plotly'))")
        root = Path(__file__).resolve().parents[1]
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                              env={**__import__("os").environ, "PYTHONPATH": str(root)})
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("name", sorted(set(plots.__all__) - {"theme"}))
def test_every_figure_is_exported_and_documented(name):
    function = getattr(plots, name)
    assert function.__doc__ and "Examples" in function.__doc__
