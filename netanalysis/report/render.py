"""Turn a report context (plain values) into one self-contained HTML page.

One Jinja environment, ``autoescape=True``: every user string is text.  The
only markup that is not escaped is what this package makes itself: the
figure ``<div>`` s with their drawing scripts, and the inlined plotly.js
(the vendored basic bundle, :func:`netanalysis.plots.plotly_js`) and CSS.
Rendering imports no plotly.py.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import jinja2

__all__ = ["environment", "render_html", "CSP"]

#: Nothing may be loaded from anywhere: inline script and style only.
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data: blob:; font-src data:; worker-src blob:; connect-src 'none'; "
       "base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja environment of the package (autoescape on, strict undefined).

    Compiled templates are kept in Jinja's bytecode cache (a folder of the
    user's own in the temporary directory, keyed by the template's checksum):
    compiling the report's template costs each run about 20 ms, loading it
    under 1 ms.  A cache that cannot be made, read or written is skipped.
    """
    return jinja2.Environment(
        loader=jinja2.PackageLoader("netanalysis", "report/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, where a failure to read or write means no cache."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return _QuietCache()
    except (OSError, RuntimeError):
        return None


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return resources.files("netanalysis.report").joinpath("static/report.css").read_text("utf-8")


@lru_cache(maxsize=1)
def print_script() -> str:
    """The page's own script: redraws the figures at an A4 page's width while printing."""
    return resources.files("netanalysis.report").joinpath("static/print.js").read_text("utf-8")


def render_html(context: dict) -> str:
    """Render the report template with ``context`` (see :mod:`netanalysis.report.context`)."""
    from markupsafe import Markup

    from ..plots import plotly_js

    page = dict(context)
    page.setdefault("csp", CSP)
    page["css"] = Markup(stylesheet())
    page["plotly_js"] = Markup(plotly_js())
    page["print_js"] = Markup(print_script())
    return environment().get_template("report.html.j2").render(**page)
