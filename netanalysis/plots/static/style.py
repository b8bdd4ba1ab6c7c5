"""The look of the static images: the report's colours and their meaning, in matplotlib.

Every figure is a :class:`matplotlib.figure.Figure` made directly (not through
``pyplot``) with an Agg canvas: nothing is displayed, no global backend is
chosen, and a notebook's own matplotlib settings are left alone.  The
settings below (:func:`rc`) apply only while a figure is built and saved
(:func:`styled`).  Colours come from :mod:`netanalysis.plots.theme` with the
same meaning as in the report: :data:`~netanalysis.plots.theme.YOU` is you
and your effort, green what you gave and healthy ties, slate blue what you
received, amber overdue, grey neutral.

Text is drawn as it is: ``$`` starts no formula (``text.parse_math`` off) and
nothing is HTML-escaped.  A character the fonts lack (CJK or Arabic names
when no such font is installed) is drawn as a box, without a warning.
"""
from __future__ import annotations

import html
import io
import warnings
from contextlib import contextmanager
from functools import lru_cache

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..theme import GRID, INK, MUTED, unique_labels

__all__ = ["rc", "styled", "new_figure", "titled", "empty_figure", "to_bytes", "category_labels", "points",
           "caption", "as_frame", "top_legend",
           "WIDTH", "DPI", "FORMATS", "PX"]

#: Width of most figures, inches (an A4 page's text width is about 6.3).
WIDTH = 8.0
#: Pixels per inch of the PNG files (1,200 pixels across for a figure of :data:`WIDTH`).
DPI = 150
#: The formats :func:`to_bytes` writes.
FORMATS = ("png", "svg")
#: Points per CSS pixel: the report's marker sizes (pixels) in matplotlib's points.
PX = 0.75
#: Fonts tried after DejaVu Sans (which ships with matplotlib) when installed: CJK, Arabic, emoji.
_FALLBACK_FONTS = ("Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans Arabic", "Noto Sans", "Noto Color Emoji",
                   "Liberation Sans")


@lru_cache(maxsize=1)
def rc() -> dict:
    """The matplotlib settings of every static figure.

    >>> settings = rc()
    >>> settings["font.family"][0], settings["text.parse_math"], settings["axes.edgecolor"] == GRID
    ('DejaVu Sans', False, True)
    """
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return {
        "font.family": ["DejaVu Sans"] + [f for f in _FALLBACK_FONTS if f in installed],
        "font.size": 10,
        "text.color": INK,
        "text.parse_math": False,
        "axes.edgecolor": GRID,
        "axes.labelcolor": MUTED,
        "axes.titlecolor": MUTED,
        "axes.titlesize": 10,
        "axes.titlelocation": "left",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "grid.color": GRID,
        "grid.linewidth": 0.8,
        "xtick.color": INK,
        "ytick.color": INK,
        "xtick.major.size": 0,
        "ytick.major.size": 0,
        "legend.frameon": False,
        "legend.fontsize": 9,
        "legend.title_fontsize": 9,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "svg.hashsalt": "netanalysis",
        "svg.fonttype": "path",
    }


@contextmanager
def styled():
    """Build and save figures inside this: :func:`rc` applies, missing-glyph warnings are silenced.

    >>> with styled():
    ...     matplotlib.rcParams["text.parse_math"]
    False
    """
    with matplotlib.rc_context(rc()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        warnings.filterwarnings("ignore", message=r"Matplotlib currently does not support .* natively")
        yield


def new_figure(width: float = WIDTH, height: float = 5.0, **subplots) -> tuple[Figure, object]:
    """A figure with an Agg canvas and constrained layout, and its axes (``subplots`` as for ``Figure.subplots``).

    >>> with styled():
    ...     fig, ax = new_figure(4, 3)
    >>> type(fig.canvas).__name__, fig.get_size_inches().tolist()
    ('FigureCanvasAgg', [4.0, 3.0])
    """
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.subplots(**subplots)


def titled(fig: Figure, title: str, ax=None, *, subtitle: str | None = None) -> Figure:
    """Write ``title`` at the figure's top left, and ``subtitle`` (grey) as ``ax``'s left title.

    >>> with styled():
    ...     fig, ax = new_figure(4, 3)
    ...     _ = titled(fig, "Breadth and depth", ax, subtitle="as of today")
    >>> fig.get_suptitle(), ax.get_title(loc="left")
    ('Breadth and depth', 'as of today')
    """
    fig.suptitle(title, x=0.01, ha="left", fontsize=14, color=INK)
    if subtitle and ax is not None:
        ax.set_title(subtitle, loc="left", color=MUTED, fontsize=10)
    return fig


def top_legend(ax, handles=None, *, subtitle: str | None = None, ncols: int = 4):
    """The axes' legend in one row just above the plot, below the figure's title, with ``subtitle`` over it.

    ``handles`` (default: every labelled artist) in the order given.  Inside the
    axes' own layout box, so constrained layout keeps it clear of the title (a
    figure legend "outside" the axes would meet the title).

    >>> with styled():
    ...     fig, ax = new_figure(4, 3)
    ...     _ = ax.bar([0], [1], label="given")
    ...     legend = top_legend(ax, subtitle="3 months")
    >>> legend.get_title().get_text(), [t.get_text() for t in legend.get_texts()]
    ('3 months', ['given'])
    """
    legend = ax.legend(handles=handles or ax.get_legend_handles_labels()[0], loc="lower left",
                       bbox_to_anchor=(0.0, 1.01), ncols=ncols, borderaxespad=0.0, title=subtitle,
                       alignment="left", handlelength=1.4, columnspacing=1.4)
    legend.get_title().set_color(MUTED)
    legend.get_title().set_fontsize(10)
    return legend


def caption(fig: Figure, text: str) -> Figure:
    """A small grey line at the figure's bottom right (e.g. "as of 2026-11-01").

    >>> with styled():
    ...     fig, ax = new_figure(4, 3)
    ...     _ = caption(fig, "as of 2026-11-01")
    >>> fig.get_supxlabel()
    'as of 2026-11-01'
    """
    fig.supxlabel(text, x=0.99, ha="right", fontsize=8, color=MUTED)
    return fig


def empty_figure(message: str, *, title: str) -> Figure:
    """A figure that says what is missing, e.g. "No interactions logged yet".

    >>> with styled():
    ...     fig = empty_figure("No interactions logged yet", title="Given and received per month")
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['No interactions logged yet']
    """
    fig, ax = new_figure(WIDTH, 2.6)
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color=MUTED, wrap=True,
            transform=ax.transAxes)
    return titled(fig, title)


def to_bytes(fig: Figure, fmt: str = "png", *, dpi: int = DPI) -> bytes:
    """``fig`` as a PNG or SVG file's bytes; the same figure always gives the same bytes.

    The files carry no date and no software version (PNG ``Software``, SVG
    ``Date``), and the SVG's ids come from a fixed salt.

    >>> with styled():
    ...     fig, ax = new_figure(2, 1)
    ...     png, svg = to_bytes(fig, "png", dpi=50), to_bytes(fig, "svg")
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n", svg.lstrip().startswith(b"<?xml"), to_bytes(fig, "png", dpi=50) == png
    (True, True, True)
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    buffer = io.BytesIO()
    with styled():
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def category_labels(names, length: int = 32) -> list[str]:
    """Category labels: plain text made unique ("Anna", "Anna (2)") and cut to ``length`` with "…".

    >>> category_labels(["Anna", "Anna", "<b>", "Nordlys Analytics ApS"], length=12)
    ['Anna', 'Anna (2)', '<b>', 'Nordlys Ana…']
    """
    out = []
    for label in (html.unescape(name) for name in unique_labels(names)):
        out.append(label if len(label) <= length else label[:length - 1].rstrip() + "…")
    return out


def as_frame(data):
    """The summary's column lists (``{column: [values]}``) or a DataFrame, as a DataFrame; None stays None.

    >>> as_frame({"a": [1, 2]}).shape, as_frame(None)
    ((2, 1), None)
    """
    import pandas as pd

    if data is None:
        return None
    return data if isinstance(data, pd.DataFrame) else pd.DataFrame(data)


def points(pixels) -> list[float]:
    """Marker areas for ``Axes.scatter`` (points²) from the report's marker diameters (CSS pixels).

    >>> points([4, 20])
    [9.0, 225.0]
    """
    return [(PX * float(p)) ** 2 for p in pixels]
