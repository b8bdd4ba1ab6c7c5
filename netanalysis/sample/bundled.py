"""The bundled sample network (``data/sample/``): where it is, or made anew.

In a source checkout the files are in ``data/sample/``.  An installed copy
without them regenerates the same files (the generator is byte-for-byte
reproducible) into a cache folder.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

__all__ = ["bundled_sample", "SAMPLE_FOLDER"]

SAMPLE_FOLDER = Path(__file__).resolve().parents[2] / "data" / "sample"


def bundled_sample() -> Path:
    """The folder holding the default sample persona's files (``python -m netanalysis report`` reviews it).

    Parameters
    ----------
    None
        The bundled sample is always the default persona
        (:data:`~netanalysis.sample.DEFAULT_PERSONA`, the matchmaker) with
        seed 7, exported on :data:`~netanalysis.sample.SAMPLE_AS_OF`.

    Returns
    -------
    pathlib.Path
        ``data/sample/`` in a source checkout; elsewhere a cache folder the
        same files are generated into (the generator is byte-for-byte
        reproducible).

    Examples
    --------
    >>> folder = bundled_sample()
    >>> sorted(p.name for p in folder.iterdir())[:4]
    ['Connections.csv', 'Endorsement_Given_Info.csv', 'Endorsement_Received_Info.csv', 'Invitations.csv']
    """
    if (SAMPLE_FOLDER / "Connections.csv").is_file():
        return SAMPLE_FOLDER
    from . import DEFAULT_PERSONA, write_sample

    folder = Path(tempfile.gettempdir()) / "netanalysis-sample"
    if not (folder / "Connections.csv").is_file():
        write_sample(folder, DEFAULT_PERSONA, force=True)
    return folder
