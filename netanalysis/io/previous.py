"""An earlier review's summary (``report --json``), read back for "since your last review".

The file is the JSON the ``report --json`` command wrote (the plain summary of
:mod:`netanalysis.analysis.summary`).  It must be of this version's format
(``"format": "netanalysis-summary/2"``): a summary of another format, or one
that is not a review summary at all, is one clear error; the comparison itself
(and the check that the earlier review is earlier) belongs to the review.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError, Problem

__all__ = ["read_previous", "SUMMARY_FORMAT"]

#: The one summary format this version reads (written by ``netanalysis.analysis.summary``).
SUMMARY_FORMAT = "netanalysis-summary/2"
_FIX = "give the summary.json that `python -m netanalysis report --json summary.json` wrote for an earlier date"


def read_previous(path: str | Path, *, display: str | None = None) -> dict:
    """Read an earlier review's summary.

    Parameters
    ----------
    path : path
        The JSON file.
    display : str, optional
        The name errors use (default: the file's name).

    Returns
    -------
    dict
        The summary, as written.

    Raises
    ------
    InputError
        When the file cannot be read, is not JSON, is not a review summary, or
        is of another format.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.json"
    >>> _ = p.write_text(json.dumps({"format": SUMMARY_FORMAT, "as_of": "2026-10-01", "findings": []}))
    >>> read_previous(p)["as_of"]
    '2026-10-01'
    >>> _ = p.write_text(json.dumps({"format": "netanalysis-summary/1", "as_of": "2026-10-01", "findings": []}))
    >>> read_previous(p)
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: s.json: was written by another version of netanalysis (format 'netanalysis-summary/1', this one reads 'netanalysis-summary/2'). Fix: run the earlier review again with this version, or leave out --since
    """
    path = Path(path)
    name = display or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(Problem(name, f"cannot be read ({exc.strerror or exc})", code="missing-file",
                                 fix=_FIX)) from None
    except UnicodeDecodeError:
        raise InputError(Problem(name, "is not a review summary (not UTF-8 text)", code="bad-summary",
                                 fix=_FIX)) from None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(Problem(name, "is not a review summary (not valid JSON)", line=line,
                                 code="bad-summary", fix=_FIX)) from None
    if not isinstance(data, dict) or "as_of" not in data or "findings" not in data:
        raise InputError(Problem(name, "is not a review summary (no as_of and findings)", code="bad-summary",
                                 fix=_FIX))
    found = data.get("format")
    if found != SUMMARY_FORMAT:
        shown = f"'{found}'" if found else "an older one, without a format"
        raise InputError(Problem(name, f"was written by another version of netanalysis (format {shown}, "
                                       f"this one reads '{SUMMARY_FORMAT}')", code="bad-summary",
                                 fix="run the earlier review again with this version, or leave out --since"))
    return data
