"""Ambassadors: the people who speak for you (endorse or recommend you).

The first seed essay: build a brand such that "others become your
ambassadors"; it has to be earned.  LinkedIn's archive shows who did:

    score = 3 · recommendations_received + endorsements_received

ranked by score, then by strength.  Without an archive the table is empty
and ``reason`` says why.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .result import Result

__all__ = ["Ambassadors", "ambassadors"]


@dataclass
class Ambassadors(Result):
    """Who endorses or recommends you (``table``: contact, endorsements, recommendations, score, gave_back)."""

    count: int | None
    table: pd.DataFrame
    reason: str = ""


def ambassadors(ties: pd.DataFrame, *, top: int = 15) -> Ambassadors:
    """Rank the people who endorsed or recommended you (formula in the module docstring).

    ``gave_back`` says whether you endorsed or recommended them in return.

    >>> ties = pd.DataFrame({"contact": ["A", "B", "C"], "strength": [0.1, 0.5, 0.2],
    ...     "endorsements_received": [2, 0, 0], "recommendations_received": [1, 1, 0],
    ...     "endorsements_given": [0, 1, 0], "recommendations_given": [0, 0, 0]}, index=["a", "b", "c"])
    >>> a = ambassadors(ties)
    >>> a.count, a.table["contact"].tolist(), a.table["score"].tolist(), a.table["gave_back"].tolist()
    (2, ['A', 'B'], [5, 3], [False, True])
    """
    needed = {"endorsements_received", "recommendations_received"}
    if not needed <= set(ties.columns):
        return Ambassadors(None, pd.DataFrame(columns=["contact", "endorsements", "recommendations", "score",
                                                       "gave_back"]),
                           reason="no LinkedIn archive given (endorsements and recommendations come from it)")
    score = 3 * ties["recommendations_received"] + ties["endorsements_received"]
    gave_back = (ties.get("endorsements_given", 0) + ties.get("recommendations_given", 0)) > 0
    table = pd.DataFrame({
        "contact": ties["contact"],
        "endorsements": ties["endorsements_received"].astype(int),
        "recommendations": ties["recommendations_received"].astype(int),
        "score": score.astype(int),
        "gave_back": gave_back.astype(bool),
        "strength": ties["strength"].round(3),
    })[score > 0]
    table = table.sort_values(["score", "strength"], ascending=False, kind="stable")
    return Ambassadors(int(len(table)), table.head(top))
