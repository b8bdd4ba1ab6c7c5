"""The plain summary of a review: every number, tone, sentence and table the outputs show.

Compute, then render (as skrub's ``_reporting`` does): :func:`summarize`
turns a :class:`~netanalysis.analysis.Review` into one JSON-ready dict, and
the HTML report, the ``--json`` file, the class view, the static figures and
"since your last review" render from it alone.  Nothing downstream judges: a
card, its tone and the sentence about the same number read the same value
here.

Keys
----
``format``, ``as_of``, ``owner``
    The summary's format (:data:`FORMAT`), the review date, the owner.
``summary``, ``depth``, ``reciprocity``, ``staleness``, ``diversity``, ``purpose``,
``matchmaking``, ``ambassadors``, ``findings``, ``actions``, ``questions``, ``data_quality``
    Each question's result (``to_dict()``), the ranked findings, the week's
    plan, the eight questions, the data quality.
``view``
    What the pages show, decided here: ``headline``; ``cards`` (the scorecard)
    and ``metrics`` (per section), each ``{key, label, value, format, tone}``
    with ``format`` one of ``int``, ``float``, ``pct``, ``text`` and ``tone``
    one of ``good``, ``warn``, ``bad`` or ``""``; ``tables`` (per name:
    ``rows`` (records, at most :data:`TABLE_ROWS`), ``total``, ``more``);
    ``indices`` (each index with its value and, in plain words, what it means
    for you and what would move it); ``figures`` (each figure's data, as
    column lists); ``notes`` (why a part is undefined).

Tones come from the findings: a card about the same thing as a finding takes
the finding's tone (``problem`` -> ``bad``, ``note`` -> ``warn``, ``good`` ->
``good``), so they cannot disagree.
"""
from __future__ import annotations

import pandas as pd

from .. import __version__
from ..io.previous import SUMMARY_FORMAT
from .explain import explain_indices
from .result import finding_tone, plain, plain_column
from .timeline import monthly_ledger

__all__ = ["summarize", "FORMAT", "TABLE_ROWS", "TONE_OF"]

#: The summary's format; a ``--since`` file of another format is refused.
FORMAT = SUMMARY_FORMAT
#: Rows kept per table (the rest is counted in ``more``).
TABLE_ROWS = 10
#: Finding tone -> card tone.
TONE_OF = {"problem": "bad", "note": "warn", "good": "good"}
#: Up to this many people, every never-met connection is drawn one by one (the egogram's ``max_points``).
EGO_NAMED = 3000
_EGO_COLUMNS = ["contact", "layer", "strength", "cluster", "circle", "last_contact"]


def summarize(rev, *, show_emails: bool = False) -> dict:
    """The plain summary of ``rev`` (module docstring).

    Parameters
    ----------
    rev : Review
        From :func:`netanalysis.review`.
    show_emails : bool
        Add the e-mail addresses to the follow-up table (never otherwise).

    Returns
    -------
    dict
        JSON-ready (``json.dumps`` works on it as it is).

    Examples
    --------
    >>> import json, netanalysis
    >>> rev = netanalysis.review(netanalysis.load(netanalysis.bundled_sample()), as_of="2026-11-01")
    >>> s = summarize(rev)
    >>> s["format"], s["view"]["headline"]["rule"] == rev.headline.rule
    ('netanalysis-summary/2', True)
    >>> card = {c["key"]: c for c in s["view"]["cards"]}["strong_ties"]
    >>> card["value"] == rev.depth.strong_ties == int(rev.ties["strong"].sum())
    True
    >>> len(json.dumps(s)) > 0
    True
    """
    tone = {f.rule: TONE_OF[finding_tone(f.severity)] for f in rev.findings}
    out = {"format": FORMAT, "version": __version__, "as_of": rev.as_of.isoformat(),
           "owner": rev.summary.get("owner", "")}
    out.update(rev.result_dict())
    out["view"] = {
        "headline": out["findings"][0] if out["findings"] else None,
        "cards": _cards(rev, tone),
        "metrics": _metrics(rev, tone),
        "tables": _tables(rev, show_emails=show_emails),
        "indices": explain_indices(rev),
        "figures": _figures(rev),
        "notes": _notes(rev),
        "state": _state(rev),
    }
    return out


def _state(rev) -> dict:
    """Who is strong, cooling, dormant and new (ids), with their names: what a later review's
    "since your last review" compares with."""
    ties = rev.ties
    lists = {key: sorted(ties.index[ties[key].astype(bool).to_numpy()].tolist())
             for key in ("strong", "cooling", "dormant", "new")}
    lists["followed_up"] = sorted(ties.index[(ties["new"] & ties["followed_up"]).to_numpy()].tolist())
    named = sorted({p for ids in lists.values() for p in ids})
    lists["names"] = {str(k): str(v) for k, v in ties["contact"].reindex(named).items()}
    return lists


def _card(key: str, label: str, value, fmt: str = "int", tone: str = "") -> dict:
    """One card; an undefined value (shown as a dash) takes no tone: there is nothing to judge."""
    value = plain(value)
    return {"key": key, "label": label, "value": value, "format": fmt, "tone": tone if value is not None else ""}


def _cards(rev, tone: dict) -> list[dict]:
    d, r, s, v, m = rev.depth, rev.reciprocity, rev.staleness, rev.diversity, rev.matchmaking
    waiting = m.distinct_best or m.distinct_matched
    return [
        _card("connections", "connections", d.connections),
        _card("people_in_touch", "people in touch", d.met),
        _card("strong_ties", "strong ties", d.strong_ties, tone=tone.get("depth", "")),
        _card("ratio_recent", "given ÷ received (recent)", r.ratio_recent, "float", tone.get("reciprocity", "")),
        _card("cooling", "strong ties cooling", s.counts.get("cooling", 0), tone=tone.get("staleness", "")),
        _card("follow_up", "new connections not followed up", s.counts.get("follow_up", 0),
              tone=tone.get("follow-up", "")),
        _card("lock_in_old", "effort on (former) colleagues", v.lock_in_old, "pct", tone.get("renewal", "")),
        _card("introductions_waiting", "well-matched introductions waiting" if m.distinct_best else
              "introductions waiting", waiting, tone=tone.get("matchmaking", "")),
    ]


def _metrics(rev, tone: dict) -> dict:
    d, r, s, v, p, m = rev.depth, rev.reciprocity, rev.staleness, rev.diversity, rev.purpose, rev.matchmaking
    circles = d.circles_reached if d.circles_reached is not None else d.clusters_reached
    return {
        "depth": [
            _card("active", f"in touch in the last {d.window_days} days", d.active),
            _card("circles_reached", "circles reached" if d.circles_reached is not None else "clusters reached",
                  circles),
            _card("inner_effort_share", "effort on the inner 15", d.inner_effort_share, "pct"),
            _card("cards", "never met (business cards)", d.cards),
            _card("quadrant", "position", d.quadrant or "", "text", tone.get("depth", "")),
        ],
        "reciprocity": [
            _card("given_total", "value given", r.given_total),
            _card("received_total", "value received", r.received_total),
            _card("ratio_recent", "given ÷ received, time-weighted", r.ratio_recent, "float",
                  tone.get("reciprocity", "")),
            _card("you_owe", "people you owe", len(r.you_owe), tone="warn" if len(r.you_owe) else ""),
            _card("only_takes", "people who only take", len(r.only_takes), tone="warn" if len(r.only_takes) else ""),
        ],
        "staleness": [
            _card("cooling", "strong ties cooling", s.counts.get("cooling", 0), tone=tone.get("staleness", "")),
            _card("fading", "once strong, no longer strong", s.counts.get("fading", 0)),
            _card("dormant", "dormant ties worth reviving", s.counts.get("dormant", 0)),
            _card("follow_up", "new connections not followed up", s.counts.get("follow_up", 0),
                  tone=tone.get("follow-up", "")),
        ],
        "diversity": [
            _card("n_clusters", f"clusters ({v.method})", v.n_clusters),
            _card("lock_in_largest", "effort in the largest cluster", v.lock_in_largest, "pct",
                  tone.get("renewal", "")),
            _card("lock_in_old", "effort on (former) colleagues", v.lock_in_old, "pct", tone.get("renewal", "")),
            _card("newness", "effort on relations from the last year", v.newness, "pct", tone.get("renewal", "")),
            _card("family_effort", "effort on family and friends", v.family_effort, "pct", tone.get("family", "")),
            _card("blau_effort", "Blau index of effort", v.blau_effort, "float"),
            _card("ei_index", f"E-I index (over {v.ei_basis}s)", v.ei_index, "float"),
        ],
        "purpose": [
            _card("alignment", "effort matching your mission", p.alignment, "pct", tone.get("purpose", "")),
            _card("unstated_share", "effort with no purpose stated", p.unstated_share, "pct"),
            _card("low_chemistry_share", "effort on low chemistry", p.low_chemistry_share, "pct",
                  tone.get("chemistry", "")),
        ],
        "matchmaking": [
            _card("constraint", "Burt's constraint (lower = more brokerage)", m.constraint, "float"),
            _card("effective_size", "effective size", m.effective_size, "float"),
            _card("alter_ties", "ties among your closest", m.alter_ties),
            _card("introductions_made", f"introductions made in {m.window_days} days", m.introductions_made),
            _card("introductions_waiting", "introductions waiting", m.distinct_best or m.distinct_matched,
                  tone=tone.get("matchmaking", "")),
        ],
    }


def _table(frame: pd.DataFrame | None, columns: list[str], *, total: int | None = None,
           rows: int = TABLE_ROWS) -> dict:
    """``rows`` records of ``columns`` (those present), the ``total`` and how many ``more``."""
    frame = frame if frame is not None else pd.DataFrame(columns=columns)
    total = len(frame) if total is None else int(total)
    shown = frame.reset_index(drop=frame.index.name is None)
    keep = [c for c in columns if c in shown.columns]
    records = plain(shown[keep].head(rows))
    return {"rows": records, "total": total, "more": max(0, total - len(records))}


def _tables(rev, *, show_emails: bool = False) -> dict:
    d, r, s, v, p, m, a = (rev.depth, rev.reciprocity, rev.staleness, rev.diversity, rev.purpose,
                           rev.matchmaking, rev.ambassadors)
    return {
        "business_cards": _table(d.business_cards, ["band", "count", "share"], rows=len(d.business_cards)),
        "you_owe": _table(r.you_owe, ["contact", "received_recent", "given_recent", "days_since_last"]),
        "only_takes": _table(r.only_takes, ["contact", "given_recent", "received_recent", "days_known"]),
        "ambassadors": _table(a.table, ["contact", "recommendations", "endorsements", "gave_back"],
                              total=a.count or 0),
        "cooling": _table(s.cooling, ["contact", "days_since_last", "cadence", "strength"]),
        "fading": _table(s.fading, ["contact", "days_since_last", "cadence", "peak_strength", "strength"]),
        "dormant": _table(s.dormant, ["contact", "last_contact", "peak_strength", "chemistry"]),
        "follow_up": _table(s.follow_up.join(rev.ties["email"]) if show_emails and "email" in rev.ties else s.follow_up,
                            ["person_id", "contact", "company", "connected_on", "days_since_connected"]
                            + (["email"] if show_emails else [])),
        "low_chemistry": _table(p.low_chemistry, ["contact", "chemistry", "effort", "status"]),
        "introductions": _table(m.introductions, ["a", "b", "a_id", "b_id", "reason", "matched", "best"],
                                total=m.pairs),
        "clusters": _table(v.clusters_table, list(v.clusters_table.columns), rows=len(v.clusters_table)),
    }


def _columns(frame: pd.DataFrame) -> dict:
    """A frame as ``{column: [values]}`` (plain values), index first as ``person_id``."""
    frame = frame.reset_index() if frame.index.name else frame
    return {str(c): plain_column(frame[c]) for c in frame.columns}


def _figures(rev) -> dict:
    ties = rev.ties
    ego = ties[[c for c in _EGO_COLUMNS if c in ties]].copy()
    ego["layer"] = ego["layer"].astype("Float64")
    never = ego["layer"].isna().to_numpy()
    if len(ego) > EGO_NAMED:       # the egogram then groups the never-met per sector: one row per group
        groups = ego[never].fillna({"cluster": "", "circle": ""}).groupby(["cluster", "circle"]).size()
        grouped = pd.DataFrame({"contact": "", "layer": pd.array([pd.NA] * len(groups), dtype="Float64"),
                                "strength": 0.0, "cluster": groups.index.get_level_values(0),
                                "circle": groups.index.get_level_values(1),
                                "last_contact": pd.NaT, "count": groups.to_numpy()},
                               index=pd.Index([f"never:{k}" for k in range(len(groups))], name=ego.index.name))
        ego = pd.concat([ego[~never].assign(count=1), grouped])
    depth, recip = rev.depth, rev.reciprocity
    cadence = ties.loc[ties["cadence"].notna() & (ties["layer"].astype("Float64").fillna(9) <= 3),
                       ["contact", "layer", "cadence", "days_since_last", "overdue", "strength"]]
    cadence = cadence.rename(columns={"cadence": "cadence_used"}).sort_values("overdue", ascending=False)
    per = recip.per_contact.assign(gap=lambda f: (f["balance_recent"]).abs())
    per = per.sort_values("gap", ascending=False, kind="stable").head(200).drop(columns="gap")
    return {
        "egogram": _columns(ego),
        "breadth_depth": {"breadth": plain(depth.breadth), "depth": plain(depth.depth),
                          "quadrant": depth.quadrant, "label": rev.summary.get("owner") or "you"},
        "layers": _columns(depth.layers),
        "reciprocity": _columns(per),
        "balance": _columns(monthly_ledger(rev.rows, rev.as_of)),
        "staleness": _columns(cadence.head(60)),
        "clusters": _columns(rev.diversity.clusters_table),
        "purpose": _columns(rev.purpose.purposes),
    }


def _notes(rev) -> dict:
    """Why a part is undefined, per section (plain sentences)."""
    def items(reason) -> list[str]:
        if not reason:
            return []
        if isinstance(reason, dict):
            return [f"{k.replace('_', ' ')}: {v}" for k, v in reason.items()]
        return [str(reason)]
    p = rev.purpose
    return {
        "depth": items(rev.depth.reason),
        "reciprocity": items(rev.reciprocity.reason),
        "staleness": items(rev.staleness.reason),
        "diversity": [rev.diversity.method_reason] + items(rev.diversity.reason),
        "purpose": items(p.alignment_reason) + items(p.chemistry_reason),
        "matchmaking": items(rev.matchmaking.brokerage_reason),
        "introductions": items(rev.matchmaking.introductions_reason),
    }


