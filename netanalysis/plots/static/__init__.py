"""Static images of the review (PNG or SVG, with matplotlib): for slides, print and hand-ins.

The images are drawn from the same plain summary the HTML report renders
(:func:`netanalysis.analysis.summary.summarize`; ``view["figures"]`` holds
each figure's data as column lists), not from plotly: one function per
figure (:data:`FIGURES`), data first, options keyword-only, each returning a
:class:`matplotlib.figure.Figure` with the report's colours and their meaning
(:mod:`netanalysis.plots.static.style`).  Each picks what it shows with the
report's own code (:mod:`netanalysis.plots.egolayout`,
:mod:`netanalysis.plots.chartdata`), so a person is on the same ring and
in the same sector, and a chart lists the same contacts in the same order.

Importing this package imports matplotlib (and only this package does: the
report and ``--help`` never do); the figures use the Agg canvas and never a
display.

>>> from netanalysis.plots import static
>>> fig = static.balance({"month": ["2026-01-01"], "given": [3], "received": [1]})
>>> [float(bar.get_height()) for bar in fig.axes[0].containers[0]]
[3.0]
"""
from __future__ import annotations

from pathlib import Path

from .charts import breadth_depth, clusters, layers, purpose
from .ego import egogram
from .ledger import balance, reciprocity, staleness
from .style import DPI, FORMATS, caption, styled, to_bytes

__all__ = ["figure_paths", "figure_payloads", "egogram", "breadth_depth", "layers", "reciprocity", "balance", "staleness", "clusters", "purpose",
           "FIGURES", "FORMATS", "draw_figures", "write_figures"]

#: The summary's figure name -> the function that draws it, in the report's order; the files are named
#: after them (``egogram.png``, ...).
FIGURES = {"egogram": egogram, "breadth_depth": breadth_depth, "layers": layers, "reciprocity": reciprocity,
           "balance": balance, "staleness": staleness, "clusters": clusters, "purpose": purpose}


def draw_figures(summary: dict) -> dict:
    """Every figure of a plain summary, as matplotlib Figures (name -> Figure, :data:`FIGURES` order).

    Parameters
    ----------
    summary : dict
        The plain summary of a review (``Review.to_dict()``).

    Returns
    -------
    dict
        ``{name: Figure}`` for each of :data:`FIGURES`; each carries a caption
        with the review date ("as of 2026-11-01").

    Examples
    --------
    >>> import netanalysis
    >>> rev = netanalysis.review(netanalysis.load(netanalysis.bundled_sample()), as_of="2026-11-01")
    >>> figures = draw_figures(rev.to_dict())
    >>> list(figures) == list(FIGURES), figures["egogram"].get_supxlabel()
    (True, 'as of 2026-11-01 · netanalysis')
    """
    data = summary["view"]["figures"]
    out = {}
    with styled():
        for name, draw in FIGURES.items():
            out[name] = caption(draw(data.get(name)), f"as of {summary.get('as_of', '')} · netanalysis")
    return out


def figure_paths(folder: str | Path, fmt: str = "png") -> dict[str, Path]:
    """The file of each figure: ``folder / "<name>.<fmt>"``, in :data:`FIGURES` order.

    >>> [p.as_posix() for p in figure_paths("out", "svg").values()][:2]
    ['out/egogram.svg', 'out/breadth_depth.svg']
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    return {name: Path(folder) / f"{name}.{fmt}" for name in FIGURES}


def figure_payloads(summary: dict, fmt: str = "png", *, dpi: int = DPI) -> dict[str, bytes]:
    """Every figure of a plain summary drawn and encoded (``{name: bytes}``, :data:`FIGURES` order)."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    return {name: to_bytes(figure, fmt, dpi=dpi) for name, figure in draw_figures(summary).items()}


def write_figures(summary: dict, folder: str | Path, *, fmt: str = "png", dpi: int = DPI,
                  inputs: dict | None = None) -> list[Path]:
    """Write every figure of a plain summary to ``folder`` as ``<name>.png`` (or ``.svg``); all or none.

    Every image is drawn and encoded first; only then are the files written,
    each to a temporary file beside it, and all renamed over together
    (:class:`~netanalysis.io.write.Outputs`), so a failure writes nothing and
    leaves earlier files as they were.  No file may be one of ``inputs``.

    Parameters
    ----------
    summary : dict
        The plain summary of a review (``Review.to_dict()``).
    folder : path
        Where to write (created if needed).
    fmt : str
        ``"png"`` (default) or ``"svg"``.
    dpi : int
        Pixels per inch of the PNG files (the figures are 6-8 inches wide).
    inputs : dict, optional
        The review's input files (``Inputs.given()``), which must never be overwritten.

    Returns
    -------
    list of pathlib.Path
        The files written, in :data:`FIGURES` order.

    Raises
    ------
    OutputError
        When a file to write is one of ``inputs`` or a folder.

    Examples
    --------
    >>> import tempfile, netanalysis
    >>> rev = netanalysis.review(netanalysis.load(netanalysis.bundled_sample()), as_of="2026-11-01")
    >>> written = write_figures(rev.to_dict(), tempfile.mkdtemp(), fmt="svg")
    >>> [path.name for path in written][:3], written[0].read_bytes().count(b"<svg") == 1
    (['egogram.svg', 'breadth_depth.svg', 'layers.svg'], True)
    """
    from ...io.inputs import Inputs
    from ...io.write import Outputs

    paths = figure_paths(folder, fmt)
    outputs = Outputs(Inputs.from_given(inputs).files())
    for path in paths.values():
        outputs.add(path)
    outputs.check()
    payloads = figure_payloads(summary, fmt, dpi=dpi)
    for name, path in paths.items():
        outputs.put(path, payloads[name])
    return outputs.commit()

