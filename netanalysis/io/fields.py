"""Cell helpers shared by every reader: one function per distinct value, lists in a cell, numbers, suggestions.

Real columns repeat a lot (a log names the same few hundred people in
100,000 rows; 300,000 messages come from a few thousand senders), so the
readers clean a column with :func:`map_unique`, once per distinct value.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from rapidfuzz import process

__all__ = ["map_unique", "map_each", "split_list", "did_you_mean", "to_number"]


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


def did_you_mean(value: str, choices: Iterable[str], cutoff: float = 60, *, form: str = "'{}'") -> str:
    """A "did you mean" hint from the closest choice, or ''; ``form`` shows the choice.

    >>> did_you_mean("gve", ["gave", "received", "mutual"]), did_you_mean("reveiw", ["review"], form="[{}]")
    ("did you mean 'gave'?", 'did you mean [review]?')
    """
    found = process.extractOne(str(value).strip().lower(), list(choices), score_cutoff=cutoff)
    return f"did you mean {form.format(found[0])}?" if found else ""


def to_number(text: pd.Series) -> pd.Series:
    """``pd.to_numeric`` of string cells, ``""`` and unreadable cells NaN; each distinct cell parsed once.

    >>> to_number(pd.Series(["2", "", "x", "2"])).tolist()
    [2.0, nan, nan, 2.0]
    """
    if len(text) == 0:
        return pd.to_numeric(text.where(text != "", None), errors="coerce")
    codes, uniques = pd.factorize(text.to_numpy(dtype=object), use_na_sentinel=False)
    distinct = pd.Series(uniques, dtype=object)
    parsed = pd.to_numeric(distinct.where(distinct != "", None), errors="coerce")
    return pd.Series(parsed.to_numpy()[codes], index=text.index, name=text.name)


def map_each(values: pd.Series, func) -> pd.Series:
    """``values.map(func)`` for a cheap ``func`` (``str.strip``, ``str.lower``): one call per cell.

    Cheaper than :func:`map_unique` when ``func`` costs less than a dict look-up.

    >>> map_each(pd.Series([" a", "B "]), str.strip).tolist()
    ['a', 'B']
    """
    import numpy as np

    mapped = np.empty(len(values), dtype=object)
    mapped[:] = list(map(func, values.to_numpy(dtype=object).tolist()))
    return pd.Series(mapped, index=values.index, dtype=object)


def map_unique(values: pd.Series, func) -> pd.Series:
    """``values.map(func)``, calling ``func`` once per distinct value.

    Returns an object Series on the index of ``values``; take
    ``.to_numpy()`` for an array in row order.  Much faster than a per-row
    map on the repetitive columns of real exports; a column of nearly all
    distinct values is mapped cell by cell (a cache would not pay).

    >>> map_unique(pd.Series([" a", "b ", " a"]), str.strip).tolist()
    ['a', 'b', 'a']
    """
    import numpy as np

    if len(values) == 0:
        return values.astype(object)
    cells = values.to_numpy(dtype=object).tolist()
    mapped = np.empty(len(cells), dtype=object)
    if len(set(cells[:2000])) > 0.9 * len(cells[:2000]):  # nearly all distinct: a cache would not pay
        mapped[:] = list(map(func, cells))
    else:
        # A dict looked up from C beats pd.factorize (no NA pass, no codes to take back).
        done = {value: func(value) for value in set(cells)}
        mapped[:] = list(map(done.__getitem__, cells))
    return pd.Series(mapped, index=values.index, dtype=object)
