"""Pausing Python's cyclic garbage collector around a bulk computation.

Shared by every stage (loading, the review, the report), so it lives at the
package root with no dependency of its own.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk computation.

    Building tens of thousands of small objects (dicts, tuples) over a heap
    holding a 300,000-row archive triggers full collections that each walk
    every object; reference counting still frees everything meanwhile, and
    cycles are collected once the collector is back on.  Nests safely.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
