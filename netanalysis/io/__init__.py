"""LOAD: every input format, read and written.

One reader per source, each returning a documented DataFrame (or
:class:`~netanalysis.io.goals.Goals`) and reporting bad input as
:class:`~netanalysis.errors.Problem` s: :mod:`~netanalysis.io.connections`,
:mod:`~netanalysis.io.interactions`, :mod:`~netanalysis.io.contacts`,
:mod:`~netanalysis.io.goals` and the LinkedIn archive in
:mod:`netanalysis.io.linkedin`.  They share one toolkit:
:mod:`~netanalysis.io.csvfile` (bytes -> header -> cells),
:mod:`~netanalysis.io.fields` (per-cell helpers), :mod:`~netanalysis.io.dates`
(dates in fixed formats) and :mod:`~netanalysis.io.text` (names, match keys,
URLs).  :mod:`~netanalysis.io.inputs` finds the files;
:mod:`~netanalysis.io.write` writes outputs and CSV text (the sample generator
and the anonymiser write through it).
"""
