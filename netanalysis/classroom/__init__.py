"""CLASSROOM: the networking course's side of the tool.

* :mod:`netanalysis.classroom.exercises`: a five-person network small enough
  to work by hand, a review's vital signs, and answer checkers that give hints
  (for ``notebooks/03_classroom_exercise.ipynb`` and the teacher's solution);
* :mod:`netanalysis.classroom.hints`: the tie-strength exercise's parts and
  the usual mistakes;
* :mod:`netanalysis.classroom.classview`: the teacher's page comparing a
  class's hand-ins (``python -m netanalysis class``).
"""
