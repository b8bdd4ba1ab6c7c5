"""The report's context: the plain summary, formatted and arranged for the template.

:func:`build_context` reads only the plain summary of a review
(:func:`netanalysis.analysis.summary.summarize`: every number, tone, cap and
sentence is decided there) and returns a dict of strings, lists and figure
``<div>`` s (figure specs from :mod:`netanalysis.plots`, embedded as plotly.js
JSON; plotly.py is not imported).  It holds no thresholds and never looks at
the network: it formats, labels and arranges.
"""
from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from .. import __version__
from .._format import number, percent
from ..vocab import RULES

__all__ = ["build_context", "SECTION_IDS"]

SECTION_IDS = ["headline", "since", "depth", "reciprocity", "staleness", "diversity", "purpose", "matchmaking",
               "actions", "questions", "data-quality"]
_WARNINGS_SHOWN = 30
_NO_HEADLINE = {"rule": "", "level": "low", "tone": "good", "title": "Nothing stands out",
                "sentence": "The review found nothing to flag."}


def _metrics(cards: list[dict]) -> list[dict]:
    return [{"value": _cell(c["value"], c["format"], missing="–"), "label": c["label"], "tone": c["tone"]}
            for c in cards]


def _figure(spec: dict, div_id: str, *, tall: bool = False) -> dict:
    from ..plots import figure_to_html

    return {"kind": "figure", "html": Markup(figure_to_html(spec, div_id=div_id)), "tall": tall}


def _pair(*figures: tuple) -> dict:
    from ..plots import figure_to_html

    return {"kind": "pair", "figures": [{"html": Markup(figure_to_html(f, div_id=i))} for f, i in figures]}


def _cell(value, kind: str, *, missing: str = "") -> str:
    """A value as a card or a table cell shows it; ``missing`` for no value in a text column."""
    if kind == "int":
        return number(value)
    if kind == "float":
        return number(value, 2)
    if kind == "pct":
        return percent(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return missing if value is None or value == "" else str(value)


def _table(title: str, table: dict, columns: list[tuple], *, empty: str = "Nothing to list.") -> dict:
    """A table block from a summary table: ``columns`` are ``(column, label, kind)``."""
    spec = [{"label": label, "cls": "num" if kind in ("int", "float", "pct") else ""} for _, label, kind in columns]
    rows = [[_cell(record.get(column), kind) for column, _, kind in columns] for record in table["rows"]]
    return {"kind": "table", "title": title, "columns": spec, "rows": rows, "more": table["more"], "empty": empty}


def _text(text: str, cls: str = "note") -> dict:
    return {"kind": "text", "text": text, "cls": cls}


def _notes(notes: list[str], cls: str = "undefined") -> list[dict]:
    return [_text(n, cls) for n in notes]


def _frame(columns: dict) -> pd.DataFrame:
    return pd.DataFrame(columns)


def _indices(view: dict, keys: tuple[str, ...]) -> list[dict]:
    wanted = [i for i in view["indices"] if i["key"] in keys]
    return [{"kind": "indices", "entries": [{"name": i["name"], "meaning": i["meaning"]} for i in wanted]}] \
        if wanted else []


def build_context(summary: dict, *, title: str | None = None, show_emails: bool = False) -> dict:
    """Everything the template shows, formatted, from a plain ``summary`` (module docstring).

    ``show_emails`` only says so in the footer: the summary itself carries the
    addresses when it was made with them.
    """
    from .. import plots

    view, quality = summary["view"], summary["data_quality"]
    tables, figures, notes, metrics = view["tables"], view["figures"], view["notes"], view["metrics"]
    owner = summary.get("owner") or ""
    headline = view["headline"] or _NO_HEADLINE
    ego = _frame(figures["egogram"])
    if "person_id" in ego:
        ego = ego.set_index("person_id")
    sections = [{
        "id": "depth", "kicker": "Deep rather than broad", "title": "Breadth versus depth",
        "lede": ("A business card or one coffee is not a relation: trust grows over time. The egogram puts "
                 "each person on a ring by how often you are in touch (Dunbar's layers of about 5, 15, 50 and "
                 "150) and in a sector by cluster."),
        "metrics": _metrics(metrics["depth"]),
        "blocks": [
            _figure(plots.egogram_spec(ego), "fig-egogram", tall=True),
            _pair((plots.breadth_depth_spec(figures["breadth_depth"]), "fig-breadth-depth"),
                  (plots.layer_effort_spec(_frame(figures["layers"])), "fig-layers")),
            _table("The pile of business cards: connections never met, by age", tables["business_cards"],
                   [("band", "connected", "text"), ("count", "people", "int"), ("share", "of connections", "pct")]),
            *_notes(notes["depth"]),
        ],
    }]
    recip_blocks = [
        _pair((plots.reciprocity_spec(_frame(figures["reciprocity"])), "fig-reciprocity"),
              (plots.balance_spec(_frame(figures["balance"])), "fig-balance")),
        _table("Who you owe (they gave much more than you gave back, recently)", tables["you_owe"],
               [("contact", "contact", "text"), ("received_recent", "received (recent)", "float"),
                ("given_recent", "given (recent)", "float"), ("days_since_last", "days since", "int")],
               empty="Nobody: you have given back what you received."),
        _table("Who only takes (you give, little comes back)", tables["only_takes"],
               [("contact", "contact", "text"), ("given_recent", "you gave (recent)", "float"),
                ("received_recent", "received (recent)", "float"), ("days_known", "days known", "int")],
               empty="Nobody only takes."),
    ]
    initiative = summary["reciprocity"].get("initiative")
    if initiative is not None:
        recip_blocks.append(_text(
            f"Initiative (LinkedIn archive): you opened {number(initiative.get('opened_by_you'))} of "
            f"{number(initiative.get('conversations'))} conversations ({percent(initiative.get('opened_share'))}); "
            f"invitations sent {number(initiative.get('invitations_sent'))}, received "
            f"{number(initiative.get('invitations_received'))}; endorsements given "
            f"{number(initiative.get('endorsements_given'))}, received {number(initiative.get('endorsements_received'))}; "
            f"recommendations given {number(initiative.get('recommendations_given'))}, received "
            f"{number(initiative.get('recommendations_received'))}.", "note"))
        recip_blocks.append(_table(
            f"Ambassadors: {number(tables['ambassadors']['total'])} people endorse or recommend you",
            tables["ambassadors"], [("contact", "contact", "text"), ("recommendations", "recommendations", "int"),
                                    ("endorsements", "endorsements", "int"), ("gave_back", "you returned it", "text")],
            empty="No endorsements or recommendations received yet."))
    else:
        recip_blocks.append(_text("Initiative and ambassadors need the LinkedIn archive (messages, invitations, "
                                  "endorsements, recommendations); none was given.", "undefined"))
    sections.append({
        "id": "reciprocity", "kicker": "Give at least as much as you get", "title": "Reciprocity",
        "lede": "Nobody keeps coming to meetings where the value only goes one way.",
        "metrics": _metrics(metrics["reciprocity"]), "blocks": recip_blocks + _notes(notes["reciprocity"]),
    })
    follow_cols = [("contact", "contact", "text"), ("company", "company", "text"),
                   ("connected_on", "connected", "text"), ("days_since_connected", "days ago", "int")]
    if show_emails and any("email" in r for r in tables["follow_up"]["rows"]):
        follow_cols.append(("email", "e-mail", "text"))
    sections.append({
        "id": "staleness", "kicker": "Relations need upkeep", "title": "Staleness",
        "lede": ("Each tie deserves contact at the cadence of the closeness it had: the inner layers every week "
                 "or two, the outer ones once a year (or as you set in contacts.csv)."),
        "metrics": _metrics(metrics["staleness"]),
        "blocks": [
            _figure(plots.staleness_spec(_frame(figures["staleness"])), "fig-staleness"),
            _table("Strong ties cooling (strong, past their cadence)", tables["cooling"],
                   [("contact", "contact", "text"), ("days_since_last", "days since", "int"),
                    ("cadence", "cadence (days)", "int"), ("strength", "strength", "float")],
                   empty="No strong tie is past its cadence."),
            _table("Once strong, no longer strong, past their cadence", tables["fading"],
                   [("contact", "contact", "text"), ("days_since_last", "days since", "int"),
                    ("cadence", "cadence (days)", "int"), ("peak_strength", "strength then", "float"),
                    ("strength", "now", "float")], empty="No once-strong tie is fading."),
            _table("Dormant ties worth reviving (silent for 2+ years, once strong)", tables["dormant"],
                   [("contact", "contact", "text"), ("last_contact", "last contact", "text"),
                    ("peak_strength", "strength then", "float"), ("chemistry", "chemistry", "int")],
                   empty="No once-strong tie has been silent for two years."),
            {"kind": "idea", "text": "Reconnecting with dormant ties is worth it: they know you, and they have "
                                     "learned new things since (Levin, Walter & Murnighan 2011)."},
            _table("Follow-up backlog: new connections never met or written to", tables["follow_up"], follow_cols,
                   empty="Every new connection has been followed up."),
            *_notes(notes["staleness"]),
        ],
    })
    sections.append({
        "id": "diversity", "kicker": "Don't get stuck in old networks", "title": "Circles and renewal",
        "lede": ("Old colleagues and clients lock you into one role; keep adding new and different relations, and "
                 "keep family and close friends out of the professional network."),
        "metrics": _metrics(metrics["diversity"]),
        "blocks": [
            _text(notes["diversity"][0]) if notes["diversity"] else _text(""),
            _figure(plots.clusters_spec(_frame(figures["clusters"])), "fig-clusters"),
            *_indices(view, ("blau_effort", "evenness_effort", "ei_index")),
            *_notes(notes["diversity"][1:]),
        ],
    })
    sections.append({
        "id": "purpose", "kicker": "Go with a mission", "title": "Purpose and chemistry",
        "lede": ("Why do you network: sales, a job, learning, lobbying? And with whom do you want to? "
                 "Good chemistry is what lets you open up."),
        "metrics": _metrics(metrics["purpose"]),
        "blocks": [
            _figure(plots.purpose_spec(_frame(figures["purpose"])), "fig-purpose"),
            _table("Effort on contacts you rate 2 or less for chemistry", tables["low_chemistry"],
                   [("contact", "contact", "text"), ("chemistry", "chemistry", "int"),
                    ("effort", "days in touch", "int"), ("status", "status", "text")],
                   empty="No effort on low-chemistry contacts."),
            *_notes(notes["purpose"]),
        ],
    })
    sections.append({
        "id": "matchmaking", "kicker": "Be your network's matchmaker", "title": "Matchmaking",
        "lede": ("The strongest networkers bring the right people together, and earn a debt of gratitude that "
                 "everyone wants to repay."),
        "metrics": _metrics(metrics["matchmaking"]),
        "blocks": [
            *_notes(notes["matchmaking"]),
            *_indices(view, ("constraint", "effective_size")),
            _table("Introductions to make", tables["introductions"],
                   [("a", "introduce", "text"), ("b", "to", "text"), ("reason", "why", "text")],
                   empty=(notes["introductions"] or ["No introduction stands out."])[0]),
        ],
    })
    since = summary.get("since")
    actions = [{"verb": a["verb"].capitalize(), "who": " and ".join(a["contacts"]), "reason": a["reason"],
                "rule": a["rule"]} for a in summary["actions"]]
    warnings = quality["warnings"]
    page_quality = {
        "metrics": [
            {"value": number(quality["hidden_members"]), "label": "hidden or deleted members", "tone": ""},
            {"value": number(len(quality["off_linkedin"])), "label": "people off LinkedIn", "tone": ""},
            {"value": number(quality["future_rows"]), "label": "log rows after the review date", "tone": ""},
            {"value": number(len(warnings)), "label": "warnings", "tone": "warn" if warnings else ""},
        ],
        "sources": quality["sources"],
        "missing": quality["missing"],
        "off_linkedin": quality["off_linkedin"],
        "warnings": warnings[:_WARNINGS_SHOWN],
        "more_warnings": max(0, len(warnings) - _WARNINGS_SHOWN),
    }
    toc = ([{"id": "headline", "title": "Headline"}] + ([{"id": "since", "title": "Since last review"}] if since
                                                        else [])
           + [{"id": s["id"], "title": s["title"]} for s in sections]
           + [{"id": "actions", "title": "This week"}, {"id": "questions", "title": "Eight questions"},
              {"id": "data-quality", "title": "Data quality"}])
    counts = summary["summary"]
    return {
        "title": title or (f"{owner}'s network" if owner else "Your professional network"),
        "lede": (f"{number(counts['connections'])} connections, {number(counts['log_rows'])} logged interactions. "
                 "A strategic review: breadth and depth, give and take, upkeep, renewal, purpose, matchmaking."),
        "as_of": summary["as_of"],
        "owner": owner,
        "version": __version__,
        "headline": headline,
        "scorecard": _metrics(view["cards"]),
        "findings": summary["findings"],
        "sections": toc,
        "body_sections": sections,
        "since": since,
        "actions": actions,
        "questions": summary["questions"],
        "quality": page_quality,
        "show_emails": show_emails,
        "rules": RULES,
    }
