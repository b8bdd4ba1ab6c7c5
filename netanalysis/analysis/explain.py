"""Plain words beside every index: what the number means for you and what would move it.

Each entry of :func:`explain_indices` is ``{key, name, value, meaning}``:
one sentence with the user's own value, read the way the formula reads
(the formulas are in :mod:`netanalysis.analysis.diversity` and
:mod:`netanalysis.analysis.brokerage`):

* **Blau index** ``1 - Σ p_i²``: the chance that two of your days in touch,
  picked at random, went to different clusters;
* **Shannon evenness** ``H / ln k``: how evenly your effort is shared among
  your ``k`` clusters (1: equally);
* **E-I index** ``(E - I) / (E + I)``: ties between your contacts that cross
  groups (``E``) against those inside one (``I``); over your circles when
  ``contacts.csv`` gives them, else over the clusters, and it says which;
* **constraint** (Burt): how much of your time goes to contacts who are
  themselves tied to each other;
* **effective size** (Burt): how many of your active contacts bring
  something the others do not.

An index that is undefined says why instead.
"""
from __future__ import annotations

import math

__all__ = ["explain_indices"]


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def explain_indices(rev) -> list[dict]:
    """The five indices of the review with a sentence each (module docstring).

    Parameters
    ----------
    rev : Review

    Returns
    -------
    list of dict
        ``key``, ``name``, ``value`` (``None`` if undefined) and ``meaning``.

    Examples
    --------
    >>> import netanalysis
    >>> rev = netanalysis.review(netanalysis.load(netanalysis.bundled_sample()), as_of="2026-11-01")
    >>> [e["key"] for e in explain_indices(rev)]
    ['blau_effort', 'evenness_effort', 'ei_index', 'constraint', 'effective_size']
    >>> "different" in explain_indices(rev)[0]["meaning"]
    True
    """
    v, m = rev.diversity, rev.matchmaking
    out = []
    b = v.blau_effort
    out.append(_entry("blau_effort", "Blau index of effort", b, (
        "undefined: " + v.reason.get("lock_in_largest", "no effort in clusters") if _missing(b) else
        f"{b:.2f}: two of your days in touch picked at random went to different clusters {b:.0%} of the time "
        f"(0 would be one group only). It rises when you spend time in more groups, more evenly.")))
    e = v.evenness_effort
    out.append(_entry("evenness_effort", "Shannon evenness of effort", e, (
        "undefined: " + v.reason.get("evenness", "fewer than two clusters") if _missing(e) else
        f"{e:.2f}: how evenly your effort is shared among your {v.n_clusters} clusters (1 is equally, 0 all in "
        f"one). It rises when the smaller clusters get more of your time.")))
    ei, basis = v.ei_index, v.ei_basis
    between, within = v.ei_between, v.ei_within
    if _missing(ei):
        text = "undefined: " + v.reason.get("ei_index", "no ties between contacts")
    else:
        total = between + within
        side = ("most ties between your contacts stay inside one " + basis if ei < 0 else
                "most ties between your contacts cross " + basis + "s" if ei > 0 else "as many cross as stay inside")
        text = (f"{ei:+.2f} over your {basis}s: {between:,} of the {total:,} ties between your contacts cross "
                f"{basis}s and {within:,} stay inside one, so {side} (-1: all inside, +1: all across). "
                f"It rises when you introduce people across {basis}s.")
        if basis == "cluster":
            text += (" The clusters are found from these same ties, so this index leans negative by "
                     "construction; give circles in contacts.csv for a fairer reading.")
    out.append(_entry("ei_index", "E-I index", ei, text))
    c = m.constraint
    out.append(_entry("constraint", "Burt's constraint", c, (
        "undefined: " + (m.brokerage_reason or "no ties among your closest contacts") if _missing(c) else
        f"{c:.2f}: how much of your time goes to contacts who are tied to each other (near 1: one closed group; "
        f"near 0: your contacts do not know each other and you are their bridge). It falls as you add "
        f"contacts from groups your others do not reach.")))
    s = m.effective_size
    out.append(_entry("effective_size", "Effective size", s, (
        "undefined: " + (m.brokerage_reason or "no ties among your closest contacts") if _missing(s) else
        f"{s:.1f} of your {m.active_contacts:,} active contacts bring you something the others do not (the "
        f"rest are redundant: they know the same people). It rises with contacts outside your existing circles.")))
    return out


def _entry(key: str, name: str, value, meaning: str) -> dict:
    return {"key": key, "name": name, "value": None if _missing(value) else float(value), "meaning": meaning}
