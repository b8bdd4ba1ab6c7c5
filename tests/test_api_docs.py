"""Every function of the public API (``netanalysis.__all__``) has a full numpydoc docstring.

Parameters, Returns and Examples sections, and examples that run (pytest runs
them with ``--doctest-modules``; here it is checked that they are not all
skipped).
"""
from __future__ import annotations

import doctest
import inspect
import re

import pytest

import netanalysis

FUNCTIONS = sorted(name for name in netanalysis.__all__ if inspect.isfunction(getattr(netanalysis, name)))


def sections(doc: str) -> dict[str, str]:
    """numpydoc sections by title (a title line underlined with dashes)."""
    found = {}
    matches = list(re.finditer(r"^(\w[\w ]*)\n-{3,}\n", doc, re.M))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(doc)
        found[match.group(1)] = doc[match.end():end]
    return found


def test_the_api_has_the_documented_entry_points():
    assert {"load", "review", "contacts_table", "tie_table", "read_connections", "read_interactions",
            "read_contacts", "read_goals", "read_archive", "anonymize_inputs", "pseudonymise_network",
            "bundled_sample", "render_report", "write_report", "write_sample", "generate_sample"} <= set(FUNCTIONS)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_public_function_has_parameters_returns_and_examples(name):
    doc = inspect.getdoc(getattr(netanalysis, name)) or ""
    found = sections(doc)
    for title in ("Parameters", "Returns", "Examples"):
        assert found.get(title, "").strip(), f"netanalysis.{name}: no {title} section"
    examples = doctest.DocTestParser().get_examples(found["Examples"])
    assert examples, f"netanalysis.{name}: the Examples section has no >>> example"
    assert not all(example.options.get(doctest.SKIP) for example in examples), \
        f"netanalysis.{name}: every example is skipped"
