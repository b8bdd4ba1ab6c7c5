"""The class view: one page comparing the hand-ins of a networking course.

``python -m netanalysis class DIR -o class.html`` reads a folder of hand-ins.
Each entry is one student, named by the entry (the folder name or the file
stem the teacher chose; never a person's name from the data):

* a folder (or ``.zip``) of inputs, best anonymised with ``python -m
  netanalysis anonymize``: loaded and reviewed as of ``as_of``;
* a ``*.json`` file written by ``python -m netanalysis report --json`` (the
  review summary, :meth:`netanalysis.analysis.Review.to_dict`): its numbers are
  read as they are (reviewed as of the date it holds).  Only numbers and the
  headline rule are read, but the file itself holds names unless it was made
  with ``report --anonymize --json``: ask for that.

Files and folders whose names start with ``.`` or ``_`` and other files are
skipped.  A hand-in that cannot be read is listed with a one-line reason and
the others still count.

:func:`class_summary` returns plain data (:class:`ClassSummary`, one
:class:`StudentSummary` per hand-in); :func:`write_class_report` renders it as
one self-contained HTML page: the class on breadth and depth, reciprocity,
staleness, diversity, and which diagnoses are common.

Examples
--------
>>> import tempfile, pathlib, datetime
>>> from netanalysis.sample import write_sample
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = write_sample(folder / "student-01", "student", seed=1)
>>> _ = (folder / "student-02").mkdir()
>>> summary = class_summary(folder, as_of=datetime.date(2026, 11, 1))
>>> [(s.id, s.ok) for s in summary.students]
[('student-01', True), ('student-02', False)]
>>> summary.students[1].error.startswith("could not be read: ")
True
"""
from __future__ import annotations

import datetime as dt
import json
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ...errors import NetanalysisError

__all__ = ["class_summary", "write_class_report", "render_class_report", "ClassSummary", "StudentSummary",
           "ClassViewError", "summary_from_review", "handin_files", "is_handin_name", "MAX_JSON_BYTES"]

_ERROR_CHARS = 240
#: The largest ``report --json`` hand-in read (a summary of 30,000 contacts takes about 1 MB).
MAX_JSON_BYTES = 16 * 2 ** 20


class ClassViewError(NetanalysisError):
    """The class folder itself cannot be used (missing, or not a folder)."""


@dataclass
class StudentSummary:
    """One hand-in's numbers (``None`` when the review could not tell, or the hand-in is unreadable).

    ``ratio_recent`` is given ÷ received, time-weighted; ``cooling`` and
    ``follow_up`` count strong ties past their cadence and new connections
    never followed up; ``lock_in_old``, ``newness`` and ``family_effort`` are
    shares of recent effort (on (former) colleagues, on relations from the
    last year, on family and friends); ``headline_rule`` is the rule of the
    review's first finding; ``tones`` each rule's finding tone (``problem``,
    ``note``, ``good``), the review's own verdict, which the page colours by.
    """

    id: str
    source: str  # "folder", "zip" or "json"
    as_of: str | None = None
    connections: int | None = None
    met: int | None = None
    strong_ties: int | None = None
    breadth: float | None = None
    depth: float | None = None
    quadrant: str | None = None
    ratio_recent: float | None = None
    cooling: int | None = None
    follow_up: int | None = None
    lock_in_old: float | None = None
    newness: float | None = None
    family_effort: float | None = None
    headline_rule: str | None = None
    tones: dict = field(default_factory=dict)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


#: The numeric fields of :class:`StudentSummary`, in table order.
NUMBERS = ("connections", "met", "strong_ties", "breadth", "depth", "ratio_recent", "cooling", "follow_up",
           "lock_in_old", "newness", "family_effort")


@dataclass
class ClassSummary:
    """The class: every hand-in, readable or not, in the folder's (sorted) order."""

    as_of: dt.date
    folder: str
    students: list[StudentSummary] = field(default_factory=list)

    @property
    def readable(self) -> list[StudentSummary]:
        return [s for s in self.students if s.ok]

    @property
    def unreadable(self) -> list[StudentSummary]:
        return [s for s in self.students if not s.ok]

    def medians(self) -> dict[str, float | None]:
        """The class median of each number (``None`` if no hand-in has it)."""
        out = {}
        for name in NUMBERS:
            values = [getattr(s, name) for s in self.readable if getattr(s, name) is not None]
            out[name] = statistics.median(values) if values else None
        return out

    def diagnoses(self) -> list[dict]:
        """How common each headline rule is: ``rule``, ``count``, ``share`` (of readable hand-ins), ``students``."""
        counts: dict[str, list[str]] = {}
        for student in self.readable:
            counts.setdefault(student.headline_rule or "none", []).append(student.id)
        total = len(self.readable)
        rows = [{"rule": rule, "count": len(ids), "share": len(ids) / total if total else None, "students": ids}
                for rule, ids in counts.items()]
        return sorted(rows, key=lambda r: (-r["count"], r["rule"]))

    def quadrants(self) -> dict[str, int]:
        """How many hand-ins are in each breadth/depth quadrant."""
        out: dict[str, int] = {}
        for student in self.readable:
            out[student.quadrant or "unknown"] = out.get(student.quadrant or "unknown", 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))

    def to_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "folder": self.folder,
                "students": [asdict(s) for s in self.students], "medians": self.medians(),
                "diagnoses": self.diagnoses(), "quadrants": self.quadrants()}


def class_summary(folder: str | Path, *, as_of: dt.date | str) -> ClassSummary:
    """Read every hand-in in ``folder`` (see the module docstring) and summarise each.

    Parameters
    ----------
    folder : path
        The class folder.
    as_of : date
        The review date for hand-ins given as input folders (a JSON summary
        keeps the date it was made for; it is shown beside it).

    Returns
    -------
    ClassSummary

    Raises
    ------
    ClassViewError
        ``folder`` does not exist or is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ClassViewError(f"{folder}: {'is not a folder' if folder.exists() else 'does not exist'}. "
                             "Fix: give the folder that holds one sub-folder or .json file per student")
    day = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(str(as_of))
    summary = ClassSummary(as_of=day, folder=folder.name)
    for entry, source in _entries(folder):
        summary.students.append(_student(entry, source, day))
    return summary


def _entries(folder: Path) -> list[tuple[Path, str]]:
    """The hand-ins of a class folder: ``(path, "folder" | "json" | "zip")``, sorted."""
    out = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name.lower()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir():
            out.append((entry, "folder"))
        elif entry.is_file() and is_handin_name(entry.name.lower()):
            out.append((entry, entry.suffix.lower()[1:]))
    return out


def is_handin_name(name: str) -> bool:
    """True for a file name the class view reads as a hand-in (``.json`` or ``.zip``, not hidden).

    >>> is_handin_name("s1.json"), is_handin_name("class.html"), is_handin_name(".s1.json")
    (True, False, False)
    """
    return not name.startswith((".", "_")) and name.lower().endswith((".json", ".zip"))


def handin_files(folder: str | Path) -> tuple[dict[Path, str], list[Path]]:
    """Every file the class view reads (resolved -> what it is), and the hand-in folders.

    For :class:`~netanalysis.io.write.Outputs`: the class page may replace none of them.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "s1.json").write_text("{}"); (folder / "s2").mkdir(); _ = (folder / "s2" / "a.csv").write_text("")
    >>> reads, folders = handin_files(folder)
    >>> sorted(p.name for p in reads), [f.name for f in folders]
    (['a.csv', 's1.json'], ['s2'])
    """
    folder = Path(folder)
    reads: dict[Path, str] = {}
    folders = []
    if not folder.is_dir():
        return reads, folders
    for entry, source in _entries(folder):
        if source == "folder":
            folders.append(entry)
            for child in sorted(entry.rglob("*")):
                if not child.is_dir():
                    reads.setdefault(child.resolve(), f"a file of the hand-in {entry.name} ({child})")
        else:
            reads.setdefault(entry.resolve(), f"the hand-in {entry.name}")
    return reads, folders


def _student(entry: Path, source: str, as_of: dt.date) -> StudentSummary:
    ident = entry.name if source == "folder" else entry.stem
    try:
        if source == "json":
            from ...io.files import read_input

            data = json.loads(read_input(entry, limit=MAX_JSON_BYTES).decode("utf-8-sig"))
        else:
            from ...analysis import review
            from ...model import load

            data = review(load(entry), as_of=as_of).to_dict()
        return summary_from_review(data, ident=ident, source=source)
    except Exception as exc:  # one broken hand-in must not stop the class view
        return StudentSummary(id=ident, source=source, error=f"could not be read: {_one_line(exc)}")


def summary_from_review(data: dict, *, ident: str, source: str = "json") -> StudentSummary:
    """A :class:`StudentSummary` from a review summary (:meth:`Review.to_dict`, or its JSON).

    Raises :class:`ClassViewError` when ``data`` is not such a summary.

    >>> summary_from_review({"depth": {"connections": 3}}, ident="x").connections
    3
    """
    if not isinstance(data, dict) or not isinstance(data.get("depth"), dict):
        raise ClassViewError("is not a review summary written by `python -m netanalysis report --json` "
                             "(it has no 'depth' section)")
    depth, recip = _section(data, "depth"), _section(data, "reciprocity")
    stale, diverse = _section(data, "staleness"), _section(data, "diversity")
    counts = stale.get("counts") if isinstance(stale.get("counts"), dict) else {}
    headline = (data.get("summary") or {}).get("headline") if isinstance(data.get("summary"), dict) else None
    if not isinstance(headline, dict):
        findings = data.get("findings") or []
        headline = findings[0] if findings and isinstance(findings[0], dict) else {}
    return StudentSummary(
        id=ident, source=source, as_of=_text(data.get("as_of")),
        connections=_int(depth.get("connections")), met=_int(depth.get("met")),
        strong_ties=_int(depth.get("strong_ties")), breadth=_float(depth.get("breadth")),
        depth=_float(depth.get("depth")), quadrant=_text(depth.get("quadrant")),
        ratio_recent=_float(recip.get("ratio_recent")), cooling=_int(counts.get("cooling")),
        follow_up=_int(counts.get("follow_up")), lock_in_old=_float(diverse.get("lock_in_old")),
        newness=_float(diverse.get("newness")), family_effort=_float(diverse.get("family_effort")),
        headline_rule=_text(headline.get("rule")),
        tones={f["rule"]: f["tone"] for f in data.get("findings") or []
               if isinstance(f, dict) and isinstance(f.get("rule"), str) and isinstance(f.get("tone"), str)})


def _section(data: dict, name: str) -> dict:
    value = data.get(name)
    return value if isinstance(value, dict) else {}


def _float(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return None if value != value or value in (float("inf"), float("-inf")) else value


def _int(value) -> int | None:
    number = _float(value)
    return None if number is None else int(round(number))


def _text(value) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, (OSError,)) and getattr(exc, "strerror", None):
        text = f"{exc.strerror}: {Path(exc.filename).name if exc.filename else ''}".rstrip(": ")
    elif isinstance(exc, json.JSONDecodeError):
        text = f"is not valid JSON ({exc.msg}, line {exc.lineno})"
    elif not isinstance(exc, (NetanalysisError, ValueError)):
        text = f"{type(exc).__name__}: {text}"
    return text if len(text) <= _ERROR_CHARS else text[: _ERROR_CHARS - 1] + "…"


def render_class_report(summary: ClassSummary) -> str:
    """The class view as one self-contained HTML page (see :mod:`netanalysis.classroom.classview.page`)."""
    from .page import render

    return render(summary)


def write_class_report(summary: ClassSummary, output: str | Path) -> Path:
    """Render the class view and write it atomically to ``output``; return the path."""
    from ...io.write import write_atomic

    return write_atomic(Path(output), render_class_report(summary))

