"""One error type for bad input, and the problems it carries.

Every reader reports what is wrong with an input as a :class:`Problem`: the
file, the line as a spreadsheet shows it (1-based, header included), the
column, the bad value, what is wrong and how to fix it.  A reader given a
:class:`Problems` collector appends to it and goes on (``check`` lists every
problem); without one it raises :class:`InputError` at the end of the file if
any problem is an error.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["NetanalysisError", "InputError", "Problem", "Problems", "format_problems", "RECORDED_PER_CODE",
           "SHOWN_PER_CODE"]

#: How many bad rows of one column a reader records one by one (:meth:`Problems.add_rows`).
RECORDED_PER_CODE = 50
#: How many problems of one kind per file :func:`format_problems` prints one by one.
SHOWN_PER_CODE = 20


class NetanalysisError(ValueError):
    """Base class of every error netanalysis raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong (``severity="error"``) or worth knowing (``"warning"``)."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    fix: str | None = None
    severity: str = "error"
    code: str = "invalid"

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return where

    def __str__(self) -> str:
        text = f"{self.location()}: "
        if self.value is not None:
            text += f"{_show(self.value)} {self.message}"
        else:
            text += self.message
        if self.fix:
            text += f". Fix: {self.fix}"
        return text

    def to_dict(self) -> dict:
        return asdict(self)


def _show(value: str, limit: int = 60) -> str:
    value = str(value)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return repr(value)


class InputError(NetanalysisError):
    """Bad input: carries every :class:`Problem` found, errors first."""

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"] or self.problems
        text = str(errors[0])
        if len(errors) > 1:
            text += f" (and {len(errors) - 1} more error(s); run `python -m netanalysis check` to list them all)"
        super().__init__(text)

    @classmethod
    def from_message(cls, file: str, message: str, **kw) -> "InputError":
        """An error with one problem (for options and whole files)."""
        return cls(Problem(file=file, message=message, **kw))


@dataclass
class Problems:
    """A collector of problems, shared by the readers during one load."""

    items: list[Problem] = field(default_factory=list)
    #: Bad rows of one column recorded one by one by :meth:`add_rows`; the rest become one summary.
    limit_per_code: int = RECORDED_PER_CODE
    _counts: dict = field(default_factory=dict, repr=False, compare=False)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)
        key = (problem.file, problem.code)
        self._counts[key] = self._counts.get(key, 0) + 1

    def count(self, file: str | Path, code: str) -> int:
        """How many problems of ``code`` were added for ``file`` (through :meth:`add`).

        >>> p = Problems(); p.warning("a.csv", "odd", code="x"); p.count("a.csv", "x")
        1
        """
        return self._counts.get((_name(file), code), 0)

    def error(self, file: str | Path, message: str, **kw) -> None:
        self.add(Problem(file=_name(file), message=message, severity="error", **kw))

    def warning(self, file: str | Path, message: str, **kw) -> None:
        self.add(Problem(file=_name(file), message=message, severity="warning", **kw))

    def add_rows(self, file: str | Path, lines: Sequence[int], values: Sequence[str | None], *,
                 message: str | Sequence[str], column: str, fix: str | Sequence[str], code: str,
                 severity: str = "error") -> None:
        """One error (or ``severity="warning"``) per bad row of one column (``message`` and ``fix`` may be per row).

        At most :attr:`limit_per_code` of them, then one summary error for the
        rest: a file with 300,000 bad rows is not 300,000 problems.

        >>> p = Problems(limit_per_code=2)
        >>> p.add_rows("messages.csv", [2, 3, 4], ["x", "y", "z"], message="is not a date", column="DATE",
        ...            fix="write a date", code="bad-date")
        >>> [str(problem) for problem in p.items][-1]
        "messages.csv, column 'DATE': has 1 more bad row(s) in this column (not listed one by one). Fix: write a date"
        """
        limit = max(1, self.limit_per_code)
        count = len(lines)
        messages = [message] * count if isinstance(message, str) else list(message)
        fixes = [fix] * count if isinstance(fix, str) else list(fix)
        add = self.warning if severity == "warning" else self.error
        for index in range(min(count, limit)):
            add(file, messages[index], line=int(lines[index]), column=column, value=values[index],
                fix=fixes[index], code=code)
        if count > limit:
            add(file, f"has {count - limit} more {'such' if severity == 'warning' else 'bad'} row(s) in this "
                      "column (not listed one by one)", column=column, fix=fixes[-1], code=code)

    def insert(self, at: int, problems: Sequence[Problem]) -> None:
        """Put ``problems`` (collected apart) at position ``at``, counted as :meth:`add` counts them.

        >>> p = Problems(); p.warning("a.csv", "first"); p.warning("c.csv", "third")
        >>> p.insert(1, [Problem("b.csv", "second", severity="warning", code="x")])
        >>> [q.file for q in p.items], p.count("b.csv", "x")
        (['a.csv', 'b.csv', 'c.csv'], 1)
        """
        self.items[at:at] = list(problems)
        for problem in problems:
            key = (problem.file, problem.code)
            self._counts[key] = self._counts.get(key, 0) + 1

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InputError(self.errors + self.warnings)

    def __len__(self) -> int:
        return len(self.items)


def format_problems(problems: Sequence[Problem], *, limit_per_code: int = SHOWN_PER_CODE) -> list[str]:
    """One line per problem, errors first; at most ``limit_per_code`` of one kind per file.

    The rest of a kind is one line saying how many more there are (``check``
    prints these lines).

    >>> lines = format_problems([Problem("a.csv", "is bad", line=n, code="bad") for n in (2, 3, 4)], limit_per_code=2)
    >>> lines[-1]
    'error: a.csv: ... and 1 more like these (bad)'
    """
    lines: list[str] = []
    for severity in ("error", "warning"):
        seen: dict[tuple[str, str], int] = {}
        for problem in problems:
            if problem.severity != severity:
                continue
            key = (problem.file, problem.code)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] <= limit_per_code:
                lines.append(f"{severity}: {problem}")
        for (file, code), count in seen.items():
            if count > limit_per_code:
                lines.append(f"{severity}: {file}: ... and {count - limit_per_code} more like these ({code})")
    return lines


def _name(file: str | Path) -> str:
    return Path(file).name if isinstance(file, Path) else str(file)
