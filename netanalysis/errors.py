"""One error type for bad input, and the problems it carries.

Every reader reports what is wrong with an input as a :class:`Problem`: the
file, the line as a spreadsheet shows it (1-based, header included), the
column, the bad value, what is wrong and how to fix it.  A reader given a
:class:`Problems` collector appends to it and goes on (``check`` lists every
problem); without one it raises :class:`InputError` at the end of the file if
any problem is an error.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["NetanalysisError", "InputError", "Problem", "Problems"]


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
    limit_per_code: int = 50

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def error(self, file: str | Path, message: str, **kw) -> None:
        self.add(Problem(file=_name(file), message=message, severity="error", **kw))

    def warning(self, file: str | Path, message: str, **kw) -> None:
        self.add(Problem(file=_name(file), message=message, severity="warning", **kw))

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


def _name(file: str | Path) -> str:
    return Path(file).name if isinstance(file, Path) else str(file)
