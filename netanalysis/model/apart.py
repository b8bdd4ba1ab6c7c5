"""Reading the LinkedIn archive in a second process while the other inputs load.

At LinkedIn's maximum the archive (300,000 messages) takes about as long to
read as every other input together, and pandas' parser holds the GIL, so a
thread does not overlap them.  A forked process does: it reads the archive
with its own :class:`~netanalysis.errors.Problems` and sends back the
:class:`~netanalysis.io.linkedin.archive.Archive` and the problems through a
pipe (about 18 MB pickled, 0.05 s to unpickle), while the parent reads the
connections, the log and the annotations and matches them.

The result is the same as reading in turn: the archive's problems are put
back where a sequential read would have recorded them (after goals.toml's,
before the matching's), and the Archive is the same object graph.  The
second process is used only where forking is safe and pays:

* on Linux (``fork`` is the default there; macOS and Windows would need
  ``spawn``, which imports everything again);
* when this process has no other thread (forking a threaded process, a
  Jupyter kernel for one, can deadlock), and more than one CPU is ours;
* when the archive's files hold at least :data:`MIN_BYTES`;
* unless ``NETANALYSIS_WORKERS=1`` is set.

Otherwise, and whenever the second process fails to answer (killed, out of
memory), the archive is read here, in turn.
"""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from ..errors import Problem, Problems
from ..io.linkedin.archive import Archive, archive_bytes, read_archive

__all__ = ["ArchiveRead", "MIN_BYTES"]

#: The archive size from which a second process pays (its start and the pickled
#: result cost about 0.1 s; the bundled sample's archive of 0.2 MB reads in 0.05 s).
MIN_BYTES = 8_000_000


def _read(path: Path, limit: int) -> tuple[Archive, list[Problem]]:
    problems = Problems(limit_per_code=limit)
    archive = read_archive(path, problems=problems)
    return archive, problems.items


def _child(connection, path: Path, limit: int) -> None:
    try:
        result = ("ok", _read(path, limit))
    except BaseException as exc:  # sent to the parent, which raises it where a sequential read would
        result = ("raised", exc)
    try:
        connection.send(result)
    except Exception as exc:  # a result that does not pickle: say what it was
        connection.send(("raised", RuntimeError(f"{type(result[1]).__name__}: {result[1]} ({exc})")))
    connection.close()


def _worth_it(path: Path) -> bool:
    if os.environ.get("NETANALYSIS_WORKERS", "") == "1" or not sys.platform.startswith("linux"):
        return False
    if threading.active_count() != 1 or len(os.sched_getaffinity(0)) < 2:
        return False
    size = archive_bytes(path)
    return size > 0 and size >= MIN_BYTES


class ArchiveRead:
    """An archive being read (in a second process, or later here): :meth:`result` gives
    ``(Archive, problems)``.

    >>> import netanalysis
    >>> reading = ArchiveRead(netanalysis.bundled_sample(), limit_per_code=20)
    >>> reading.apart        # the bundled sample's archive is small: it is read here, in turn
    False
    >>> archive, problems = reading.result()
    >>> archive.owner, len(archive.messages)
    ('Mette Kjær Andersen', 596)
    """

    def __init__(self, path: Path, limit_per_code: int):
        self.path = Path(path)
        self.limit = limit_per_code
        self._process = self._connection = None
        #: Whether a second process reads the archive.
        self.apart = _worth_it(self.path)
        if self.apart:
            import multiprocessing

            for stream in (sys.stdout, sys.stderr):  # else the child would write their buffers again
                try:
                    stream.flush()
                except (AttributeError, OSError, ValueError):
                    pass
            context = multiprocessing.get_context("fork")
            self._connection, sending = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(sending, self.path, limit_per_code), daemon=True)
            self._process.start()
            sending.close()

    def cancel(self) -> None:
        """Stop the second process if it is still reading (the load failed meanwhile)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._connection.close()
            self._process = None

    def result(self) -> tuple[Archive, list[Problem]]:
        """The archive and its problems (for :meth:`~netanalysis.errors.Problems.insert` where a
        read in turn records them)."""
        answer = None
        if self._process is not None:
            try:
                answer = self._connection.recv()
            except (EOFError, OSError):  # the process died without an answer: read it here
                answer = None
            finally:
                self._connection.close()
                self._process.join()
                self._process = None
        if answer is None:
            answer = ("ok", _read(self.path, self.limit))
        status, value = answer
        if status == "raised":
            raise value
        return value
