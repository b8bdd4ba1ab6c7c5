"""The report's context: plain, formatted values for the template (no computing there).

:func:`build_context` reads a :class:`~netanalysis.analysis.Review` (and the
network, for the log and the data quality) and returns a dict of strings,
lists and figure ``<div>`` s (figure specs from :mod:`netanalysis.plots`,
embedded as plotly.js JSON; plotly.py is not imported).  Every number shown
comes from the review; this module only formats and arranges.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from markupsafe import Markup

from .. import __version__
from .._format import number, percent
from ..analysis.timeline import monthly_ledger
from ..vocab import RULES

__all__ = ["build_context", "SECTION_IDS"]

SECTION_IDS = ["headline", "depth", "reciprocity", "staleness", "diversity", "purpose", "matchmaking",
               "actions", "questions", "data-quality"]
_WARNINGS_SHOWN = 30


def _date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _metric(value: str, label: str, tone: str = "") -> dict:
    return {"value": value, "label": label, "tone": tone}


def _figure(spec: dict, div_id: str, *, tall: bool = False) -> dict:
    from ..plots import figure_to_html

    return {"kind": "figure", "html": Markup(figure_to_html(spec, div_id=div_id)), "tall": tall}


def _pair(*figures: tuple) -> dict:
    from ..plots import figure_to_html

    return {"kind": "pair", "figures": [{"html": Markup(figure_to_html(f, div_id=i))} for f, i in figures]}


def _table(title: str, frame: pd.DataFrame | None, columns: list[tuple], *, top: int = 10,
           empty: str = "Nothing to list.") -> dict:
    """A table block: ``columns`` are ``(column, label, kind)`` with kind text/int/float/pct/date."""
    spec = [{"label": label, "cls": "num" if kind in ("int", "float", "pct") else ""} for _, label, kind in columns]
    rows = []
    frame = frame if frame is not None else pd.DataFrame()
    for _, record in frame.head(top).iterrows():
        row = []
        for column, _, kind in columns:
            value = record.get(column)
            if kind == "int":
                row.append(number(value))
            elif kind == "float":
                row.append(number(value, 2))
            elif kind == "pct":
                row.append(percent(value))
            elif kind == "date":
                row.append(_date(value))
            elif isinstance(value, (bool, np.bool_)):
                row.append("yes" if value else "no")
            else:
                row.append("" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value))
        rows.append(row)
    return {"kind": "table", "title": title, "columns": spec, "rows": rows,
            "more": max(0, len(frame) - top), "empty": empty}


def _text(text: str, cls: str = "note") -> dict:
    return {"kind": "text", "text": text, "cls": cls}


def _idea(text: str) -> dict:
    return {"kind": "idea", "text": text}


def _undefined(reason) -> list[dict]:
    if not reason:
        return []
    if isinstance(reason, dict):
        return [_text(f"{k.replace('_', ' ')}: {v}", "undefined") for k, v in reason.items()]
    return [_text(str(reason), "undefined")]


def build_context(rev, net, *, show_emails: bool = False, title: str | None = None) -> dict:
    """Everything the template shows, formatted (see module docstring)."""
    from .. import plots

    ties = rev.ties
    depth, recip, stale, diverse, purpose, match = (rev.depth, rev.reciprocity, rev.staleness, rev.diversity,
                                                    rev.purpose, rev.matchmaking)
    findings = [f.to_dict() for f in rev.findings]
    headline = findings[0] if findings else {"rule": "", "level": "low", "title": "Nothing stands out",
                                              "sentence": "The review found nothing to flag."}
    owner = net.owner
    scorecard = [
        _metric(number(depth.connections), "connections"),
        _metric(number(depth.met), "people met"),
        _metric(number(depth.strong_ties), "strong ties", "good" if depth.strong_ties >= 15 else "warn"),
        _metric(number(recip.ratio_recent, 2) if recip.ratio_recent is not None else "–",
                "given ÷ received (recent)",
                "good" if recip.ratio_recent is not None and recip.ratio_recent >= 0.9 else "warn"),
        _metric(number(stale.counts.get("cooling", 0)), "strong ties cooling",
                "warn" if stale.counts.get("cooling", 0) else "good"),
        _metric(percent(diverse.lock_in_old), "effort on (former) colleagues",
                "warn" if (diverse.lock_in_old or 0) > 0.5 else ""),
        # The same count as the matchmaking finding's sentence ("9 strong introductions are waiting").
        _metric(number(match.distinct_strong), "strong introductions waiting") if match.distinct_strong
        else _metric(number(len(match.introductions)), "introductions to make"),
    ]

    monthly = monthly_ledger(net.log, rev.as_of, rows=rev.rows)
    contacts = ties.reset_index()
    sections = []
    sections.append({
        "id": "depth", "kicker": "Deep rather than broad", "title": "Breadth versus depth",
        "lede": ("A business card or one coffee is not a relation: trust grows over time. The egogram puts "
                 "each person on a ring by closeness (Dunbar's layers of about 5, 15, 50 and 150) and in a "
                 "sector by circle."),
        "metrics": [
            _metric(number(depth.active), f"active in the last {depth.window_days} days"),
            _metric(number(depth.circles_reached if depth.circles_reached is not None else depth.clusters_reached),
                    "circles reached"),
            _metric(percent(depth.inner_effort_share), "effort on the inner 15"),
            _metric(number(depth.cards), "never met (business cards)", "warn" if depth.cards_share > 0.8 else ""),
            _metric(depth.quadrant or "–", "position"),
        ],
        "blocks": [
            _figure(plots.egogram_spec(ties), "fig-egogram", tall=True),
            _pair((plots.breadth_depth_spec({"breadth": depth.breadth, "depth": depth.depth,
                                             "quadrant": depth.quadrant, "label": owner or "you"}),
                   "fig-breadth-depth"),
                  (plots.layer_effort_spec(depth.layers), "fig-layers")),
            _table("The pile of business cards: connections never met, by age", depth.business_cards,
                   [("band", "connected", "text"), ("count", "people", "int"), ("share", "of connections", "pct")]),
            *_undefined(depth.reason),
        ],
    })
    initiative = recip.initiative or {}
    recip_blocks = [
        _pair((plots.reciprocity_spec(recip.per_contact), "fig-reciprocity"),
              (plots.balance_spec(monthly), "fig-balance")),
        _table("Who you owe (received much, gave little, recently)", recip.you_owe,
               [("contact", "contact", "text"), ("received_recent", "received (recent)", "float"),
                ("given_recent", "given (recent)", "float"), ("days_since_last", "days since", "int")],
               empty="Nobody: you have given back what you received."),
        _table("Who only takes (you give, nothing comes back)", recip.only_takes,
               [("contact", "contact", "text"), ("given", "you gave", "int"), ("received", "received", "int"),
                ("days_known", "days known", "int")], empty="Nobody only takes."),
    ]
    if recip.initiative is not None:
        recip_blocks.append(_text(
            f"Initiative (LinkedIn archive): you opened {number(initiative.get('opened_by_you'))} of "
            f"{number(initiative.get('conversations'))} conversations ({percent(initiative.get('opened_share'))}); "
            f"invitations sent {number(initiative.get('invitations_sent'))}, received "
            f"{number(initiative.get('invitations_received'))}; endorsements given "
            f"{number(initiative.get('endorsements_given'))}, received {number(initiative.get('endorsements_received'))}; "
            f"recommendations given {number(initiative.get('recommendations_given'))}, received "
            f"{number(initiative.get('recommendations_received'))}.", "note"))
        recip_blocks.append(_table("Ambassadors: people who endorse or recommend you", rev.ambassadors.table,
                                   [("contact", "contact", "text"), ("recommendations", "recommendations", "int"),
                                    ("endorsements", "endorsements", "int"), ("gave_back", "you returned it", "text")],
                                   empty="No endorsements or recommendations received yet."))
    else:
        recip_blocks.append(_text("Initiative and ambassadors need the LinkedIn archive (messages, invitations, "
                                  "endorsements, recommendations); none was given.", "undefined"))
    sections.append({
        "id": "reciprocity", "kicker": "Give at least as much as you get", "title": "Reciprocity",
        "lede": "Nobody keeps coming to meetings where the value only goes one way.",
        "metrics": [
            _metric(number(recip.given_total), "value given"),
            _metric(number(recip.received_total), "value received"),
            _metric(number(recip.ratio_recent, 2) if recip.ratio_recent is not None else "–",
                    "given ÷ received, time-weighted"),
            _metric(number(len(recip.you_owe)), "people you owe", "warn" if len(recip.you_owe) else ""),
        ],
        "blocks": recip_blocks + _undefined(recip.reason),
    })
    cadence_table = contacts.assign(cadence=contacts.get("cadence_used"))
    cadence_table = cadence_table[cadence_table["layer"].fillna(9) <= 3] if "layer" in cadence_table else cadence_table
    follow_cols = [("contact", "contact", "text"), ("company", "company", "text"),
                   ("connected_on", "connected", "date"), ("days_since_connected", "days ago", "int")]
    follow = stale.follow_up
    if show_emails and follow is not None and len(follow):
        follow = follow.join(net.people["email"], how="left")
        follow_cols.append(("email", "e-mail", "text"))
    sections.append({
        "id": "staleness", "kicker": "Relations need upkeep", "title": "Staleness",
        "lede": ("Each tie deserves contact at its own cadence: the inner layers every week or two, the outer "
                 "ones once a year (or as you set in contacts.csv)."),
        "metrics": [
            _metric(number(stale.counts.get("cooling", 0)), "strong ties cooling",
                    "bad" if stale.counts.get("cooling", 0) > 10 else "warn" if stale.counts.get("cooling") else "good"),
            _metric(number(stale.counts.get("dormant", 0)), "dormant ties worth reviving"),
            _metric(number(stale.counts.get("follow_up", 0)), "new connections not followed up",
                    "warn" if stale.counts.get("follow_up", 0) else ""),
        ],
        "blocks": [
            _figure(plots.staleness_spec(cadence_table), "fig-staleness"),
            _table("Cooling strong ties", stale.cooling,
                   [("contact", "contact", "text"), ("days_since_last", "days since", "int"),
                    ("cadence", "cadence (days)", "int"), ("strength", "strength", "float")],
                   empty="No strong tie is past its cadence."),
            _table("Dormant ties worth reviving (silent for 2+ years, once strong)", stale.dormant,
                   [("contact", "contact", "text"), ("last_contact", "last contact", "date"),
                    ("peak_strength", "strength then", "float"), ("chemistry", "chemistry", "int")],
                   empty="No once-strong tie has been silent for two years."),
            _idea("Reconnecting with dormant ties is worth it: they know you, and they have learned new things "
                  "since (Levin, Walter & Murnighan 2011)."),
            _table("Follow-up backlog: new connections never met or written to", follow, follow_cols,
                   empty="Every new connection has been followed up."),
            *_undefined(stale.reason),
        ],
    })
    sections.append({
        "id": "diversity", "kicker": "Don't get stuck in old networks", "title": "Circles and renewal",
        "lede": ("Old colleagues and clients lock you into one role; keep adding new and different relations, and "
                 "keep family and close friends out of the professional network."),
        "metrics": [
            _metric(number(diverse.n_clusters), f"clusters ({diverse.method})"),
            _metric(percent(diverse.lock_in_largest), "effort in the largest cluster"),
            _metric(percent(diverse.lock_in_old), "effort on (former) colleagues",
                    "warn" if (diverse.lock_in_old or 0) > 0.5 else ""),
            _metric(percent(diverse.newness), "effort on relations from the last year",
                    "warn" if (diverse.newness or 0) < 0.1 else ""),
            _metric(percent(diverse.family_effort), "effort on family and friends",
                    "warn" if (diverse.family_effort or 0) > 0.1 else ""),
            _metric(number(diverse.blau_effort, 2), "Blau index of effort"),
            _metric(number(diverse.ei_index, 2), "E-I index"),
        ],
        "blocks": [
            _text(diverse.method_reason),
            _figure(plots.clusters_spec(diverse.clusters_table), "fig-clusters"),
            *_undefined(diverse.reason),
        ],
    })
    sections.append({
        "id": "purpose", "kicker": "Go with a mission", "title": "Purpose and chemistry",
        "lede": ("Why do you network: sales, a job, learning, lobbying? And with whom do you want to? "
                 "Good chemistry is what lets you open up."),
        "metrics": [
            _metric(percent(purpose.alignment), "effort matching your mission"),
            _metric(percent(purpose.unstated_share), "effort with no purpose stated"),
            _metric(percent(purpose.low_chemistry_share), "effort on low chemistry",
                    "warn" if (purpose.low_chemistry_share or 0) > 0.15 else ""),
        ],
        "blocks": [
            _figure(plots.purpose_spec(purpose.purposes), "fig-purpose"),
            _table("Effort on contacts you rate 2 or less for chemistry", purpose.low_chemistry,
                   [("contact", "contact", "text"), ("chemistry", "chemistry", "int"), ("effort", "interactions", "int"),
                    ("status", "status", "text")], empty="No effort on low-chemistry contacts."),
            *_undefined(purpose.alignment_reason), *_undefined(purpose.chemistry_reason),
        ],
    })
    sections.append({
        "id": "matchmaking", "kicker": "Be your network's matchmaker", "title": "Matchmaking",
        "lede": ("The strongest networkers bring the right people together, and earn a debt of gratitude that "
                 "everyone wants to repay."),
        "metrics": [
            _metric(number(match.constraint, 2), "Burt's constraint (lower = more brokerage)"),
            _metric(number(match.effective_size, 1), "effective size"),
            _metric(number(match.alter_ties), "ties among your closest"),
            _metric(number(len(match.introductions)), "introductions to make"),
        ],
        "blocks": [
            *_undefined(match.brokerage_reason),
            _table("Introductions to make", match.introductions,
                   [("a", "introduce", "text"), ("b", "to", "text"), ("reason", "why", "text")],
                   empty=match.introductions_reason or "No introduction stands out."),
        ],
    })

    actions = [{"verb": a.verb.capitalize(), "who": " and ".join(a.contacts), "reason": a.reason, "rule": a.rule}
               for a in rev.actions]
    warnings = rev.data_quality["warnings"]
    quality = {
        "metrics": [
            _metric(number(net.hidden_members), "hidden or deleted members"),
            _metric(number(len(rev.data_quality["off_linkedin"])), "people off LinkedIn"),
            _metric(number(rev.data_quality["future_rows"]), "log rows after the review date"),
            _metric(number(len(warnings)), "warnings", "warn" if warnings else ""),
        ],
        "sources": rev.data_quality["sources"],
        "missing": rev.data_quality["missing"],
        "off_linkedin": rev.data_quality["off_linkedin"],
        "warnings": warnings[:_WARNINGS_SHOWN],
        "more_warnings": max(0, len(warnings) - _WARNINGS_SHOWN),
    }
    toc = [{"id": "headline", "title": "Headline"}] + [{"id": s["id"], "title": s["title"]} for s in sections] + [
        {"id": "actions", "title": "This week"}, {"id": "questions", "title": "Eight questions"},
        {"id": "data-quality", "title": "Data quality"}]
    return {
        "title": title or (f"{owner}'s network" if owner else "Your professional network"),
        "lede": (f"{number(depth.connections)} connections, {number(len(net.log))} logged interactions. "
                 "A strategic review: breadth and depth, give and take, upkeep, renewal, purpose, matchmaking."),
        "as_of": rev.as_of.isoformat(),
        "owner": owner,
        "version": __version__,
        "headline": headline,
        "scorecard": scorecard,
        "findings": findings,
        "sections": toc,
        "body_sections": sections,
        "actions": actions,
        "questions": rev.questions,
        "quality": quality,
        "show_emails": show_emails,
        "rules": RULES,
    }
