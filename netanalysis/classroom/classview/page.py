"""The class view's page: context (plain, formatted values) -> ``class.html.j2`` -> one HTML file.

Reuses the report's Jinja environment (autoescape on), stylesheet and
Content-Security-Policy, and inlines plotly.js once: the page opens offline
and loads nothing from anywhere.  Hand-ins are named by their ids only.
"""
from __future__ import annotations

from markupsafe import Markup

from ... import __version__
from ..._format import number, percent

__all__ = ["build_context", "render", "SECTION_IDS", "RULE_ADVICE"]

SECTION_IDS = ["overview", "diagnoses", "breadth-depth", "reciprocity", "staleness", "diversity", "students",
               "unreadable"]
#: What each headline rule says, after the seeds' advice (for the diagnoses table).
RULE_ADVICE = {
    "purpose": "effort does not follow the mission",
    "chemistry": "effort on contacts with low chemistry",
    "reciprocity": "takes more than gives",
    "depth": "broad rather than deep: many cards, few strong ties",
    "renewal": "stuck in the old network",
    "family": "family and friends inside the professional network",
    "staleness": "strong ties going cold",
    "follow-up": "new connections never followed up",
    "matchmaking": "introductions waiting to be made",
    "none": "no finding",
}


def _figure(fig, div_id: str) -> Markup:
    from ...plots import figure_to_html

    return Markup(figure_to_html(fig, div_id=div_id))


def build_context(summary) -> dict:
    """Everything ``class.html.j2`` shows, formatted (no computing in the template)."""
    from . import figures

    readable = summary.readable
    medians = summary.medians()
    diagnoses = summary.diagnoses()
    common = diagnoses[0] if diagnoses else None
    metrics = [
        {"value": f"{len(readable)} of {len(summary.students)}", "label": "hand-ins read", "tone": ""},
        {"value": number(medians["connections"]), "label": "median connections", "tone": ""},
        {"value": number(medians["strong_ties"]), "label": "median strong ties", "tone": ""},
        {"value": number(medians["ratio_recent"], 2), "label": "median given ÷ received", "tone": ""},
        {"value": number(medians["cooling"]), "label": "median strong ties cooling", "tone": ""},
        {"value": common["rule"] if common else "–", "label": "most common headline", "tone": ""},
    ]
    if summary.unreadable:
        metrics.insert(1, {"value": str(len(summary.unreadable)), "label": "could not be read", "tone": "warn"})
    students = []
    for s in summary.students:
        if not s.ok:
            continue
        students.append({
            "id": s.id, "source": s.source,
            "as_of": s.as_of or "–", "as_of_differs": bool(s.as_of and s.as_of != summary.as_of.isoformat()),
            "cells": [number(s.connections), number(s.met), number(s.strong_ties), number(s.breadth, 2), number(s.depth, 2),
                      s.quadrant or "–", number(s.ratio_recent, 2), number(s.cooling), number(s.follow_up),
                      percent(s.lock_in_old), percent(s.newness), percent(s.family_effort), s.headline_rule or "–"],
        })
    quadrants = [{"quadrant": q, "count": n} for q, n in summary.quadrants().items()]
    return {
        "title": f"Class view: {summary.folder}",
        "as_of": summary.as_of.isoformat(),
        "version": __version__,
        "metrics": metrics,
        "diagnoses": [{"rule": d["rule"], "advice": RULE_ADVICE.get(d["rule"], ""), "count": d["count"],
                       "share": percent(d["share"]), "students": ", ".join(d["students"])} for d in diagnoses],
        "quadrants": quadrants,
        "figures": {
            "diagnoses": _figure(figures.diagnoses_figure(diagnoses), "fig-class-diagnoses"),
            "breadth_depth": _figure(figures.class_breadth_depth(readable, median=medians), "fig-class-breadth-depth"),
            "reciprocity": _figure(figures.reciprocity_figure(readable), "fig-class-reciprocity"),
            "staleness": _figure(figures.staleness_figure(readable), "fig-class-staleness"),
            "diversity": _figure(figures.diversity_figure(readable), "fig-class-diversity"),
        },
        "columns": ["hand-in", "connections", "met", "strong ties", "breadth", "depth", "quadrant",
                    "given ÷ received", "cooling", "not followed up", "effort on colleagues", "effort on new",
                    "effort on family", "headline", "as of"],
        "students": students,
        "unreadable": [{"id": s.id, "source": s.source, "error": s.error} for s in summary.unreadable],
        "sections": [{"id": "overview", "title": "Overview"}, {"id": "diagnoses", "title": "Diagnoses"},
                     {"id": "breadth-depth", "title": "Breadth and depth"},
                     {"id": "reciprocity", "title": "Reciprocity"}, {"id": "staleness", "title": "Staleness"},
                     {"id": "diversity", "title": "Diversity"}, {"id": "students", "title": "Hand-ins"}],
    }


def render(summary) -> str:
    """The class view as one self-contained HTML page."""
    from ...plots import plotly_js
    from ...report.render import CSP, environment, stylesheet

    page = build_context(summary)
    page["csp"] = CSP
    page["css"] = Markup(stylesheet())
    page["plotly_js"] = Markup(plotly_js())
    return environment().get_template("class.html.j2").render(**page)
