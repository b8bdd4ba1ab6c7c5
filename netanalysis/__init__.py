"""netanalysis: a strategic review of your professional network.

Turns a LinkedIn export plus your own interaction log into answers: am I
broad or deep? do I give as much as I take? which relations are going cold?
am I stuck in one old circle? whom should I introduce to whom? what should I
do this week?

>>> import netanalysis                                   # doctest: +SKIP
>>> net = netanalysis.load("data/sample")                # doctest: +SKIP
>>> rev = netanalysis.review(net, as_of="2026-11-01")    # doctest: +SKIP
>>> print(rev.findings[0].sentence)                      # doctest: +SKIP

Heavy libraries (pandas, networkx, plotly) are imported on first use, so the
command line starts fast.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "load": "netanalysis.model",
    "Network": "netanalysis.model",
    "review": "netanalysis.analysis",
    "Review": "netanalysis.analysis",
    "Finding": "netanalysis.analysis.result",
    "Action": "netanalysis.analysis.result",
    "tie_table": "netanalysis.analysis.ties",
    "contacts_table": "netanalysis.analysis.ledger",
    "read_connections": "netanalysis.io.connections",
    "read_interactions": "netanalysis.io.interactions",
    "read_contacts": "netanalysis.io.contacts",
    "read_goals": "netanalysis.io.goals",
    "read_archive": "netanalysis.io.linkedin.archive",
    "read_calendar": "netanalysis.io.calendar",
    "read_mbox": "netanalysis.io.mail",
    "Goals": "netanalysis.io.goals",
    "NetanalysisError": "netanalysis.errors",
    "InputError": "netanalysis.errors",
    "Problem": "netanalysis.errors",
    "Problems": "netanalysis.errors",
    "generate_sample": ("netanalysis.sample", "generate"),
    "write_sample": "netanalysis.sample",
    "bundled_sample": "netanalysis.sample.bundled",
    "render_report": "netanalysis.report",
    "write_report": "netanalysis.report",
    "write_figures": "netanalysis.plots.static",
    "write_walkthrough": "netanalysis.report.notebook",
    "anonymize_inputs": "netanalysis.anonymize",
    "pseudonymise_network": "netanalysis.anonymize",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'netanalysis' has no attribute {name!r}")
    module_name, attribute = target if isinstance(target, tuple) else (target, name)
    value = getattr(importlib.import_module(module_name), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
