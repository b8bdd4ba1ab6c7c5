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

    return map_unique(values, lambda cell: tidy(str(cell).strip()))


def did_you_mean(value: str, choices: Iterable[str], cutoff: float = 60) -> str:
    """A "did you mean" hint from the closest choice, or ''.

    >>> did_you_mean("gve", ["gave", "received", "mutual"])
    "did you mean 'gave'?"
    """
    found = process.extractOne(str(value).strip().lower(), list(choices), score_cutoff=cutoff)
    return f"did you mean '{found[0]}'?" if found else ""


def map_unique(values: pd.Series, func) -> pd.Series:
    """``values.map(func)``, calling ``func`` once per distinct value (object dtype out).

    Real columns repeat a lot (a log names the same few hundred people in
    100,000 rows), so this is much faster than a per-row map.

    >>> map_unique(pd.Series([" a", "b ", " a"]), str.strip).tolist()
    ['a', 'b', 'a']
    """
    import numpy as np

    if len(values) == 0:
        return values.astype(object)
    cells = values.to_numpy(dtype=object)
    sample = cells[:2000]
    if len(set(sample.tolist())) > 0.6 * len(sample):  # mostly distinct: hashing would not pay
        mapped = np.empty(len(cells), dtype=object)
        mapped[:] = [func(value) for value in cells.tolist()]
        return pd.Series(mapped, index=values.index, dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    mapped = np.empty(len(uniques), dtype=object)
    mapped[:] = [func(value) for value in np.asarray(uniques, dtype=object).tolist()]
    return pd.Series(mapped[codes], index=values.index, dtype=object)
