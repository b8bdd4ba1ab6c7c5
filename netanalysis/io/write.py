"""Writing files: never onto an input, never half a run; CSV text as LinkedIn writes it.

Every command writes through :class:`Outputs`: the files one run writes are
checked first, all together, against every file the run reads (symlinks
resolved, hard links too) and against each other; each is then written to a
temporary file beside its target, and only when all of them are written are
they renamed over their targets.  A failure leaves every target as it was
(a previous report stays intact), and the message names the path the user
gave and what to do, never a temporary file:

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "interactions.csv").write_text("date,contact,kind,direction\\n")
>>> out = Outputs(reads={(folder / "interactions.csv").resolve(): "your interactions input"})
>>> _ = out.add(folder / "summary.json", "{}", option="--json")
>>> _ = out.add(folder / "interactions.csv", "<html>", option="-o")
>>> out.commit()  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
netanalysis.io.write.OutputError: -o ...interactions.csv: is your interactions input; refusing to overwrite it. Fix: choose another file with -o
>>> (folder / "summary.json").exists()
False

The sample generator, the anonymiser, the report, the class view and the
future ``figures -o DIR`` and ``log draft -o`` outputs use the same check.
"""
from __future__ import annotations

import csv
import errno
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import NetanalysisError

__all__ = ["Outputs", "OutputError", "write_atomic", "refuse_inputs", "to_csv_text"]


class OutputError(NetanalysisError):
    """An output cannot be written where asked (it is an input, or the disk or folder refuses)."""


@dataclass
class _Planned:
    target: Path
    shown: str
    option: str
    payload: bytes


def _reason(exc: OSError, option: str) -> tuple[str, str]:
    """``(what went wrong, the fix)`` for an error while writing (never the temporary file's name)."""
    code = exc.errno
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return "cannot be written: the disk is full", f"free some space, or choose another {option} on another disk"
    if code == errno.EROFS:
        return "cannot be written: the folder is read-only", f"choose another {option}"
    if code in (errno.EACCES, errno.EPERM):
        return "cannot be written: you may not write in that folder", f"choose another {option}"
    if code == errno.EISDIR:
        return f"{option} names a folder", "give a file name"
    if code == errno.ENOTDIR:
        return "cannot be written: a part of the path is a file, not a folder", f"check the path given to {option}"
    if code == errno.ENAMETOOLONG:
        return "cannot be written: the name is too long", f"choose a shorter {option}"
    return f"cannot be written ({exc.strerror or exc})", f"check the path given to {option}"


class Outputs:
    """The files one run writes: checked together, written all or none.

    Parameters
    ----------
    reads : dict of Path to str
        Every file the run reads (resolved) -> what it is, as
        :meth:`~netanalysis.io.inputs.Inputs.files` gives it.
    guard : dict of Path to set of str or callable, optional
        Folders the run reads its inputs from, with their usual file names
        (lower-cased), or a test of a lower-cased name: an output there by
        such a name would be read as an input the next time, and is refused
        too.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> out = Outputs()
    >>> _ = out.add(folder / "a" / "report.html", "<p>")
    >>> [p.name for p in out.commit()], (folder / "a" / "report.html").read_text()
    (['report.html'], '<p>')
    """

    def __init__(self, reads: dict[Path, str] | None = None, *, guard: dict | None = None):
        self.reads = dict(reads or {})
        self.guard = {}
        for folder, names in (guard or {}).items():
            test = names if callable(names) else {n.lower() for n in names}.__contains__
            self.guard[Path(folder).resolve()] = test
        self._inodes = {}
        for path, what in self.reads.items():
            try:
                info = os.stat(path)
            except OSError:
                continue
            self._inodes[(info.st_dev, info.st_ino)] = (path, what)
        self._planned: list[_Planned] = []

    def protect(self, path: str | Path, what: str) -> None:
        """Add one more file the run reads (``what`` it is), which no output may be."""
        resolved = Path(path).resolve()
        self.reads[resolved] = what
        try:
            info = os.stat(resolved)
        except OSError:
            return
        self._inodes[(info.st_dev, info.st_ino)] = (resolved, what)

    def add(self, target: str | Path, data: str | bytes = b"", *, option: str = "-o",
            shown: str | None = None) -> Path:
        """Plan to write ``data`` (text is written as UTF-8) to ``target``, given by the user as ``option``.

        The data may come later (:meth:`put`): a command checks its outputs
        (:meth:`check`) before the long work of making them.
        """
        target = Path(target)
        self._planned.append(_Planned(target, shown or str(target), option, _payload(data)))
        return target

    def put(self, target: str | Path, data: str | bytes) -> None:
        """Set the data of a planned output."""
        for plan in self._planned:
            if plan.target == Path(target):
                plan.payload = _payload(data)
                return
        raise KeyError(target)

    def check(self) -> None:
        """Raise :class:`OutputError` if any planned output is an input, a folder, or planned twice."""
        seen: dict[Path, _Planned] = {}
        for plan in self._planned:
            resolved = plan.target.resolve()
            clash = self.reads.get(resolved)
            if clash is None and plan.target.exists():
                try:
                    info = os.stat(plan.target)
                    clash = self._inodes.get((info.st_dev, info.st_ino), (None, None))[1]
                except OSError:
                    pass
            if clash is not None:
                self._fail(plan, f"is {clash}; refusing to overwrite it", f"choose another file with {plan.option}")
            for folder, test in self.guard.items():
                if resolved.parent == folder and test(resolved.name.lower()):
                    self._fail(plan, f"would be read as an input the next time (the folder {folder.name} is read "
                                     f"by its file names)", f"choose another name or folder with {plan.option}")
            if plan.target.is_dir():
                self._fail(plan, f"{plan.option} names a folder", "give a file name")
            if resolved in seen:
                first = seen[resolved]
                self._fail(plan, f"is also given to {first.option}; each output needs its own file",
                           f"choose another file with {plan.option}")
            seen[resolved] = plan

    def commit(self) -> list[Path]:
        """Check, write every planned file to a temporary file beside it, then rename them all; return the targets."""
        self.check()
        made: list[Path] = []
        temporaries: list[tuple[_Planned, str]] = []
        try:
            for plan in self._planned:
                folder = plan.target.parent if str(plan.target.parent) else Path(".")
                made += _make_folders(folder, plan)
                temporaries.append((plan, _write_temporary(folder, plan)))
            _rename_all(temporaries)
        except BaseException:
            for _, temporary in temporaries:
                Path(temporary).unlink(missing_ok=True)
            for folder in reversed(made):
                try:
                    folder.rmdir()
                except OSError:
                    pass
            raise
        return [plan.target for plan in self._planned]

    def _fail(self, plan: _Planned, message: str, fix: str) -> None:
        raise OutputError(f"{plan.option} {plan.shown}: {message}. Fix: {fix}")


def _payload(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def _make_folders(folder: Path, plan: _Planned) -> list[Path]:
    """Create ``folder`` and missing parents; return those created (to remove them again on failure)."""
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            message, fix = _reason(exc, plan.option)
            raise OutputError(f"{plan.option} {plan.shown}: {message}. Fix: {fix}") from None
    return list(reversed(missing))


def _write_temporary(folder: Path, plan: _Planned) -> str:
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{plan.target.name[:60]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        message, fix = _reason(exc, plan.option)
        raise OutputError(f"{plan.option} {plan.shown}: {message}. Fix: {fix}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(plan.payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        message, fix = _reason(exc, plan.option)
        raise OutputError(f"{plan.option} {plan.shown}: {message}. Fix: {fix}") from None
    return temporary


def _rename_all(temporaries: list[tuple[_Planned, str]]) -> None:
    """Rename each temporary file over its target; if one fails, put back the targets already replaced."""
    backups: list[tuple[Path, str | None]] = []
    try:
        for plan, temporary in temporaries:
            backup = None
            if plan.target.exists():
                backup = f"{temporary}.previous"
                try:
                    os.link(plan.target, backup)
                except OSError:
                    backup = None
            try:
                os.replace(temporary, plan.target)
            except OSError as exc:
                if backup:
                    Path(backup).unlink(missing_ok=True)
                message, fix = _reason(exc, plan.option)
                raise OutputError(f"{plan.option} {plan.shown}: {message}. Fix: {fix}") from None
            backups.append((plan.target, backup))
    except BaseException:
        for target, backup in reversed(backups):
            if backup:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        raise
    for _, backup in backups:
        if backup:
            Path(backup).unlink(missing_ok=True)


def refuse_inputs(target: Path, inputs: dict[str, Path]) -> None:
    """Raise :class:`OutputError` if ``target`` is one of the input paths (or a file in an input folder).

    >>> import tempfile, pathlib
    >>> log = pathlib.Path(tempfile.mkdtemp()) / "interactions.csv"
    >>> _ = log.write_text("date,contact,kind,direction\\n")
    >>> refuse_inputs(log, {"interactions": log})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    netanalysis.io.write.OutputError: -o ...interactions.csv: is your interactions input (...); refusing to overwrite it. Fix: choose another file with -o
    """
    from .inputs import Inputs

    out = Outputs(Inputs.from_given(inputs).files())
    out.add(target, b"")
    out.check()


def write_atomic(target: str | Path, data: str | bytes, *, inputs: dict[str, Path] | None = None) -> Path:
    """Write one file through :class:`Outputs` (``inputs`` as ``Inputs.given()``, never overwritten).

    A failure leaves any previous ``target`` untouched.

    >>> import tempfile, pathlib
    >>> path = write_atomic(pathlib.Path(tempfile.mkdtemp()) / "new" / "summary.json", "{}")
    >>> path.read_text(), path.parent.name
    ('{}', 'new')
    """
    from .inputs import Inputs

    out = Outputs(Inputs.from_given(inputs).files())
    out.add(target, data)
    return out.commit()[0]


def to_csv_text(rows, header, *, final_newline: bool = False) -> str:
    """Rows -> CSV text as LinkedIn writes it (LF, minimal quoting, no final newline
    unless asked); used by the sample generator and the anonymiser.

    >>> to_csv_text([["Ann", "Lee, PhD"]], ["First Name", "Last Name"])
    'First Name,Last Name\\nAnn,"Lee, PhD"'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    return text if final_newline else text[:-1]
