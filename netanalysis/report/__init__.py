"""The HTML review: context (plain values) -> Jinja template -> one self-contained file."""
from __future__ import annotations

from pathlib import Path

from .._gc import gc_paused
from ..io.write import write_atomic

__all__ = ["render_report", "write_report"]


def render_report(rev, net, *, show_emails: bool = False, title: str | None = None) -> str:
    """The review as one HTML page (a string)."""
    from .context import build_context
    from .render import render_html

    with gc_paused():
        return render_html(build_context(rev, net, show_emails=show_emails, title=title))


def write_report(rev, net, output: str | Path, *, show_emails: bool = False, title: str | None = None,
                 inputs: dict | None = None) -> Path:
    """Render and write atomically (a temporary file beside ``output``, then rename)."""
    html = render_report(rev, net, show_emails=show_emails, title=title)
    return write_atomic(output, html, inputs=inputs)
