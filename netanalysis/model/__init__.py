"""MODEL: the loaded network (people, the matched log, goals, the archive).

:func:`load` reads the inputs (:mod:`netanalysis.io`) and matches the log,
the annotations and the archive's people to one table of people
(:mod:`netanalysis.model.people`, :mod:`netanalysis.model.matching`); the
result is a :class:`Network`, with no date applied yet.
"""
from __future__ import annotations

from .load import load, load_inputs
from .network import Network

__all__ = ["Network", "load", "load_inputs"]
