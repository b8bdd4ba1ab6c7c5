"""The HTML review: context (plain values) -> Jinja template -> one self-contained file."""
from __future__ import annotations

from pathlib import Path

from .._gc import gc_paused
from ..io.write import write_atomic

__all__ = ["render_report", "write_report"]


def render_report(rev, net=None, *, show_emails: bool = False, title: str | None = None) -> str:
    """The review as one self-contained HTML page (a string).

    The review's plain summary becomes a context of formatted values
    (:func:`~netanalysis.report.context.build_context`), which one Jinja
    template turns into the page; plotly.js and the stylesheet are inlined and
    a Content-Security-Policy forbids loading anything, so the page opens
    offline.

    Parameters
    ----------
    rev : Review or dict
        From :func:`netanalysis.review`, or its plain summary
        (:func:`netanalysis.analysis.summary.summarize`): the page is rendered
        from the summary alone.
    net : Network, optional
        Not read (the summary holds everything shown); accepted so existing
        ``render_report(rev, net)`` calls keep working.
    show_emails : bool
        Show the e-mail addresses of the follow-up backlog (hidden by default).
    title : str, optional
        The page's title (default: "<owner>'s network").

    Returns
    -------
    str
        The HTML page.

    Examples
    --------
    >>> import netanalysis
    >>> net = netanalysis.load(netanalysis.bundled_sample())
    >>> html = render_report(netanalysis.review(net, as_of="2026-11-01"), net)
    >>> html.startswith("<!DOCTYPE html>"), 'id="matchmaking"' in html, 'src="http' in html
    (True, True, False)
    """
    from ..analysis.summary import summarize
    from .context import build_context
    from .render import render_html

    with gc_paused():
        summary = rev if isinstance(rev, dict) else summarize(rev, show_emails=show_emails)
        return render_html(build_context(summary, show_emails=show_emails, title=title))


def write_report(rev, net=None, output: str | Path | None = None, *, show_emails: bool = False, title: str | None = None,
                 inputs: dict | None = None) -> Path:
    """Render the review (:func:`render_report`) and write it to ``output``.

    The file is written atomically: a temporary file beside ``output``, then
    renamed over it, so a failure leaves any previous report untouched.

    Parameters
    ----------
    rev : Review
        From :func:`netanalysis.review`.
    net : Network, optional
        Not read (see :func:`render_report`).
    output : path
        The HTML file to write (its folder is created if needed).
    show_emails, title
        As for :func:`render_report`.
    inputs : dict, optional
        The input files (``Inputs.given()``), which ``output`` may never be.

    Returns
    -------
    pathlib.Path
        ``output``.

    Examples
    --------
    >>> import tempfile, pathlib, netanalysis
    >>> net = netanalysis.load(netanalysis.bundled_sample())
    >>> rev = netanalysis.review(net, as_of="2026-11-01")
    >>> path = write_report(rev, net, pathlib.Path(tempfile.mkdtemp()) / "review.html")
    >>> path.name, path.stat().st_size > 1_000_000
    ('review.html', True)
    """
    if output is None:
        raise TypeError("write_report() needs an output path")
    html = render_report(rev, show_emails=show_emails, title=title)
    return write_atomic(output, html, inputs=inputs)
