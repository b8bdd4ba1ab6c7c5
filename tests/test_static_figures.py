"""Static figures (matplotlib): each drawn from the plain summary, on the numbers it plots.

The figure functions are tested on what they plot (bar lengths, point
positions, tick labels, colours), as seaborn's tests do, not on pixels; the
files are opened as images (PNG with PIL) and as XML (SVG).  The report's
figures and the static ones must show the same selection: each static figure
is compared with its plotly.js spec on the bundled sample.
"""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from PIL import Image

from netanalysis import cli, plots
from netanalysis.io.write import OutputError
from netanalysis.plots import static, theme
from netanalysis.plots.egolayout import NEVER_MET_RING
from netanalysis.plots.static.style import DPI

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def summary():
    import netanalysis
    from netanalysis.sample import SAMPLE_AS_OF

    net = netanalysis.load(netanalysis.bundled_sample())
    return netanalysis.review(net, as_of=SAMPLE_AS_OF).to_dict()


def _widths(container) -> list[float]:
    return [float(bar.get_width()) for bar in container]


def _heights(container) -> list[float]:
    return [float(bar.get_height()) for bar in container]


def _ticks(ax, axis: str = "y") -> list[str]:
    return [t.get_text() for t in (ax.get_yticklabels() if axis == "y" else ax.get_xticklabels())]


def _colours(container) -> list[str]:
    return [to_hex(bar.get_facecolor()) for bar in container]


def _collections(ax) -> dict:
    return {c.get_label(): c for c in ax.collections}


class TestBars:
    """Hand-made data: each bar's length is the number it stands for."""

    def test_layers_members_and_share_of_effort(self):
        fig = static.layers({"layer": [1, 2, 3], "name": ["a", "b", "c"], "members": [5, 12, 40],
                             "effort": [50, 30, 20], "expected": [5, 15, 50]})
        left, right = fig.axes
        assert _widths(left.containers[0]) == [5, 12, 40]
        assert _widths(right.containers[0]) == pytest.approx([0.5, 0.3, 0.2])
        assert _ticks(left) == ["a", "b", "c"]
        assert _collections(left)["expected"].get_offsets()[:, 0].tolist() == [5, 15, 50]
        assert left.yaxis_inverted()                                     # innermost on top

    def test_layers_without_effort_say_so(self):
        fig = static.layers({"layer": [1], "name": ["a"], "members": [3], "effort": [0]})
        assert _widths(fig.axes[1].containers[0]) == [0.0]
        assert fig.axes[0].get_title(loc="left") == "no interactions in the review window"

    def test_clusters_shares_other_and_no_cluster_last(self):
        data = {"label": ["unclustered", "a", "b", "c", "d"], "members": [50, 20, 15, 10, 5],
                "effort": [0, 40, 30, 20, 10]}
        ax = static.clusters(data, top=3).axes[0]
        contacts, effort = ax.containers
        assert _ticks(ax) == ["a", "b", "other (2 clusters)", "no cluster"]
        assert _widths(contacts) == pytest.approx([0.2, 0.15, 0.15, 0.5])
        assert _widths(effort) == pytest.approx([0.4, 0.3, 0.3, 0.0])
        assert _colours(contacts)[0] == theme.NEUTRAL.lower() and _colours(effort)[0] == theme.YOU.lower()

    def test_purpose_off_target_in_amber_and_target_ticks(self):
        ax = static.purpose({"purpose": ["sales", "job", "learning"], "share": [0.6, 0.3, 0.1],
                             "target": [0.4, 0.3, None]}).axes[0]
        bars = ax.containers[0]
        assert _heights(bars) == pytest.approx([0.6, 0.3, 0.1])
        assert _colours(bars) == [theme.WARNING, theme.YOU.lower(), theme.YOU.lower()]   # 20 points off: amber
        assert _collections(ax)["target"].get_offsets().tolist() == [[0, 0.4], [1, 0.3]]
        assert _ticks(ax, "x") == ["sales", "job", "learning"]

    def test_staleness_most_overdue_first_amber_when_overdue(self):
        data = {"contact": ["Ann", "Bo", "Cy", "Di"], "days_since_last": [40, 100, 10, None],
                "cadence_used": [30, 30, 30, 30], "strength": [0.5, 0.4, 0.3, 0.2]}
        ax = static.staleness(data).axes[0]
        bars = ax.containers[0]
        assert _ticks(ax) == ["Bo", "Ann", "Cy"]                          # overdue 70, 10, -20; never: left out
        assert _widths(bars) == [100, 40, 10]
        assert _colours(bars) == [theme.WARNING, theme.WARNING, theme.HEALTHY]
        assert _collections(ax)["cadence"].get_offsets()[:, 0].tolist() == [30, 30, 30]
        assert ax.get_legend().get_title().get_text() == "2 of the 3 shown overdue (amber)"

    def test_balance_bars_and_net(self):
        ax = static.balance({"month": ["2026-01-01", "2026-02-01", "2026-03-01"], "given": [3, 0, 5],
                             "received": [1, 2, 5], "interactions": [2, 1, 4]}).axes[0]
        given, received = ax.containers
        assert _heights(given) == [3, 0, 5] and _heights(received) == [1, 2, 5]
        assert _colours(given)[0] == theme.GIVEN and _colours(received)[0] == theme.RECEIVED.lower()
        assert ax.get_lines()[0].get_ydata().tolist() == [2, -2, 0]


class TestPoints:
    def test_reciprocity_sides_and_diagonal(self):
        data = {"contact": ["Ann", "Bo", "Cy", "Di"], "given": [5, 1, 3, 0], "received": [1, 4, 3, 0]}
        ax = static.reciprocity(data).axes[0]
        points = {name: c.get_offsets().tolist() for name, c in _collections(ax).items()}
        assert points == {"you gave more": [[5, 1]], "you received more": [[1, 4]], "even": [[3, 3]]}
        assert ax.get_xlim() == ax.get_ylim() == (0, pytest.approx(5 * 1.08 + 0.5))
        assert ax.get_lines()[0].get_label() == "balanced"

    def test_reciprocity_shows_the_top_contacts_and_says_how_many(self):
        data = {"contact": [f"p{i}" for i in range(50)], "given": list(range(1, 51)), "received": [1] * 50}
        ax = static.reciprocity(data, top=10).axes[0]
        given = _collections(ax)["you gave more"].get_offsets()[:, 0]
        assert sorted(given.tolist()) == list(range(41, 51))                   # the most exchanged
        assert ax.get_legend().get_title().get_text() == "the 10 contacts with the most exchanged, of 50"

    def test_breadth_depth_point_and_quadrant(self):
        fig = static.breadth_depth({"breadth": 0.3, "depth": 0.9, "label": "Mette"})
        ax = fig.axes[0]
        assert ax.collections[0].get_offsets().tolist() == [[0.3, 0.9]]
        names = {t.get_text(): to_hex(t.get_color()) for t in ax.texts if t.get_text() in plots.charts.QUADRANTS}
        assert names["deep and narrow"] == theme.INK and names["broad and deep"] == theme.MUTED
        assert fig.get_suptitle() == "Breadth and depth"


class TestEgogram:
    def ties(self, met: int, never: int) -> dict:
        ids = [f"p{i}" for i in range(met + never)]
        return {"person_id": ids, "contact": ids,
                "layer": [(i % 5) + 1 for i in range(met)] + [None] * never,
                "strength": [0.5] * met + [0.0] * never,
                "cluster": ["work" if i % 3 else "school" for i in range(met + never)]}

    def test_every_person_where_the_report_puts_them(self):
        data = self.ties(40, 25)
        ax = static.egogram(data).axes[0]
        spec = plots.egogram_spec(pd.DataFrame(data).set_index("person_id"))
        for trace in spec["data"][1:]:
            parts = {p["kind"]: slice(p["start"], p["stop"]) for p in trace["meta"]["parts"]}
            expected = np.column_stack([trace["x"], trace["y"]])[parts["met"]]
            drawn = _collections(ax)[trace["name"]].get_offsets()
            assert np.allclose(drawn, expected, atol=0.001)
            never = np.column_stack([trace["x"], trace["y"]])[parts["never met"]]
            assert np.allclose(_collections(ax)[f"{trace['name']} never met"].get_offsets(), never, atol=0.001)

    def test_rings_markers_and_colours(self):
        ax = static.egogram(self.ties(10, 5)).axes[0]
        work = _collections(ax)["work"]
        radii = np.hypot(*work.get_offsets().T)
        assert all(abs(r - round(r)) <= 0.33 for r in radii)
        assert to_hex(work.get_facecolor()[0]) == theme.CLUSTER_COLOURS[0].lower()
        assert np.allclose(work.get_sizes(), (0.75 * (5 + 15 * np.sqrt(0.5))) ** 2, atol=1)
        assert [t.get_text() for t in ax.texts][:6] == list(plots.ego.RING_NAMES.values())
        assert ax.get_title(loc="left") == "10 met · 5 never met"

    def test_never_met_grouped_with_counts_past_max_points(self):
        data = self.ties(30, 90)
        ax = static.egogram(data, max_points=50).axes[0]
        grouped = {k: c for k, c in _collections(ax).items() if k.endswith("never met (grouped)")}
        assert sorted(grouped) == ["school never met (grouped)", "work never met (grouped)"]
        assert all(np.hypot(*c.get_offsets().T).tolist() == pytest.approx([NEVER_MET_RING]) for c in grouped.values())
        counts = sorted(int(t.get_text()) for t in ax.texts if t.get_text().isdigit())
        assert counts == [30, 60] and sum(counts) == 90
        assert "(grouped by sector)" in ax.get_title(loc="left")


class TestMissingData:
    @pytest.mark.parametrize("name, message", [
        ("egogram", "No connections yet"), ("layers", "No closeness layers yet"), ("reciprocity", "No interactions"),
        ("balance", "No interactions"), ("staleness", "No ties with a cadence"), ("clusters", "No clusters yet"),
        ("purpose", "No purposes logged yet"), ("breadth_depth", "Not enough data")])
    def test_no_data_gives_a_figure_that_says_what_is_missing(self, name, message):
        fig = static.FIGURES[name](None)
        assert any(t.get_text().startswith(message) for t in fig.axes[0].texts)

    def test_names_are_text_not_formulas_or_markup(self):
        ax = static.staleness({"contact": ["$x$ & <b>Bo</b>"], "days_since_last": [40], "cadence": [30]}).axes[0]
        assert _ticks(ax) == ["$x$ & <b>Bo</b>"]


class TestSameAsTheReport:
    """On the bundled sample, each static figure shows what the report's spec shows."""

    def test_staleness(self, summary):
        data = summary["view"]["figures"]["staleness"]
        bars = plots.staleness_spec(pd.DataFrame(data))["data"][0]
        ax = static.staleness(data).axes[0]
        assert _widths(ax.containers[0]) == bars["x"]
        assert _ticks(ax) == [theme.html.unescape(y) for y in bars["y"]]

    def test_clusters(self, summary):
        data = summary["view"]["figures"]["clusters"]
        members, effort = plots.clusters_spec(pd.DataFrame(data))["data"]
        ax = static.clusters(data).axes[0]
        assert _widths(ax.containers[0]) == pytest.approx(members["x"], abs=1e-6)
        assert _widths(ax.containers[1]) == pytest.approx([e or 0 for e in effort["x"]], abs=1e-6)

    def test_reciprocity(self, summary):
        data = summary["view"]["figures"]["reciprocity"]
        traces = plots.reciprocity_spec(pd.DataFrame(data))["data"][1:]
        drawn = _collections(static.reciprocity(data).axes[0])
        for trace in traces:
            assert drawn[trace["name"]].get_offsets().tolist() == [list(p) for p in zip(trace["x"], trace["y"])]

    def test_purpose_and_layers(self, summary):
        figures = summary["view"]["figures"]
        bars = plots.purpose_spec(pd.DataFrame(figures["purpose"]))["data"][0]
        assert _heights(static.purpose(figures["purpose"]).axes[0].containers[0]) == pytest.approx(bars["y"], abs=1e-6)
        members, share = plots.layer_effort_spec(pd.DataFrame(figures["layers"]))["data"][:2]
        left, right = static.layers(figures["layers"]).axes
        assert _widths(left.containers[0]) == members["x"]
        assert _widths(right.containers[0]) == pytest.approx(share["x"], abs=1e-6)


class TestFiles:
    def test_png_files_open_as_images_of_the_figure_size(self, summary, tmp_path):
        written = static.write_figures(summary, tmp_path, fmt="png")
        assert [p.name for p in written] == [f"{name}.png" for name in static.FIGURES]
        figures = static.draw_figures(summary)
        for path, (name, fig) in zip(written, figures.items()):
            with Image.open(path) as image:
                image.load()
                width, height = fig.get_size_inches() * DPI
                assert image.format == "PNG" and image.size == (round(width), round(height)), name
                colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
                assert len(colours) > 20, f"{name} is blank"
        assert set(p.name for p in tmp_path.iterdir()) == {p.name for p in written}     # no temporary files left

    def test_svg_files_are_svg_documents(self, summary, tmp_path):
        written = static.write_figures(summary, tmp_path, fmt="svg")
        for path in written:
            root = ET.parse(path).getroot()
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
            assert root.get("width").endswith("pt") and root.get("height").endswith("pt")
            assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 10
        text = written[0].read_text("utf-8")
        assert "Your network by closeness and cluster" in text            # the text, as a comment beside its glyphs
        assert "as of 2026-11-01" in text

    def test_the_same_summary_gives_the_same_bytes(self, summary, tmp_path):
        first = [p.read_bytes() for p in static.write_figures(summary, tmp_path / "a", fmt="png")]
        second = [p.read_bytes() for p in static.write_figures(summary, tmp_path / "b", fmt="png")]
        assert first == second

    def test_all_or_none_when_a_figure_fails(self, summary, tmp_path, monkeypatch):
        def broken(data, **options):
            raise RuntimeError("boom")

        monkeypatch.setitem(static.FIGURES, "purpose", broken)
        with pytest.raises(RuntimeError):
            static.write_figures(summary, tmp_path / "out")
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())

    def test_never_over_an_input(self, summary, tmp_path):
        target = tmp_path / "egogram.png"
        target.write_bytes(b"mine")
        with pytest.raises(OutputError, match="refusing to overwrite"):
            static.write_figures(summary, tmp_path, inputs={"connections": target})
        assert target.read_bytes() == b"mine" and len(list(tmp_path.iterdir())) == 1

    def test_unknown_format(self, summary, tmp_path):
        with pytest.raises(ValueError, match="png, svg"):
            static.write_figures(summary, tmp_path, fmt="gif")


class TestCommand:
    def test_figures_on_the_bundled_sample(self, tmp_path, capsys):
        assert cli.main(["figures", "-o", str(tmp_path / "figs"), "--format", "svg"]) == 0
        assert "wrote 8 files" in capsys.readouterr().out
        assert sorted(p.suffix for p in (tmp_path / "figs").iterdir()) == [".svg"] * 8

    def test_figures_beside_the_inputs_leave_every_input_as_it_was(self, tmp_path, capsys):
        from netanalysis.sample import write_sample

        folder = tmp_path / "in"
        write_sample(folder, "student", seed=2)
        before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        assert cli.main(["figures", str(folder), "--as-of", "2026-11-01", "-o", str(folder)]) == 0
        after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        assert {k: after[k] for k in before} == before and len(after) == len(before) + 8

    def test_figures_never_over_an_input_and_nothing_written(self, tmp_path, capsys):
        from netanalysis.sample import write_sample

        folder = tmp_path / "in"
        write_sample(folder, "student", seed=2)
        before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        assert cli.main(["figures", str(folder), "--as-of", "2026-11-01", "-o", str(folder / "Connections.csv")]) == 1
        assert "is a file; figures are written to a folder" in capsys.readouterr().err
        assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before

    def test_report_and_help_import_no_matplotlib_and_no_scipy(self, tmp_path):
        code = ("import sys; from netanalysis import cli; "
                f"assert cli.main(['report', '-o', {str(tmp_path / 'r.html')!r}]) == 0; "
                "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'scipy', 'plotly', 'PIL'}))")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                              env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().splitlines()[-1] == "[]"


def test_write_figures_takes_every_input_role_of_given(summary, tmp_path):
    """``inputs`` as ``Inputs.given()`` gives it, two calendars included: the second is guarded too."""
    from netanalysis.io.inputs import Inputs

    first, second = tmp_path / "a.ics", tmp_path / "breadth_depth.png"
    first.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    second.write_bytes(b"not mine to replace")
    given = Inputs(calendar=(first, second)).given()
    assert set(given) == {"calendar", "calendar 2"}
    with pytest.raises(OutputError, match="calendar 2 input"):
        static.write_figures(summary, tmp_path, inputs=given)
    assert second.read_bytes() == b"not mine to replace" and not (tmp_path / "egogram.png").exists()
