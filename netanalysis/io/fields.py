"""Small cell helpers shared by the readers: lists in a cell, suggestions."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from rapidfuzz import process

__all__ = ["split_list", "did_you_mean"]


def split_list(values: pd.Series, *, lower: bool = False) -> pd.Series:
    """Normalise ``;``-separated cells: trimmed items, empty items dropped.

    >>> split_list(pd.Series([" Sales ;job;; ", ""]), lower=True).tolist()
    ['sales;job', '']
    """
    def tidy(cell: str) -> str:
        if not cell:
            return ""
        items = [" ".join(item.split()) for item in cell.split(";")]
        return ";".join(i.lower() if lower else i for i in items if i)

    text = values.astype(str)
    # Fast path: the common empty cell.
    return text.where(text.str.strip() == "", text.map(tidy)).str.strip()


def did_you_mean(value: str, choices: Iterable[str], cutoff: float = 60) -> str:
    """A "did you mean" hint from the closest choice, or ''.

    >>> did_you_mean("gve", ["gave", "received", "mutual"])
    "did you mean 'gave'?"
    """
    found = process.extractOne(str(value).strip().lower(), list(choices), score_cutoff=cutoff)
    return f"did you mean '{found[0]}'?" if found else ""
