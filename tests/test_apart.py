"""The archive read in a second process (netanalysis/model/apart.py) gives what a read in turn gives.

The forking cases run in a fresh Python (a subprocess): pytest's own process
may hold threads by now, and the module rightly refuses to fork then.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from netanalysis.io.linkedin.archive import archive_bytes
from netanalysis.model import apart
from netanalysis.sample.bundled import bundled_sample

ROOT = Path(__file__).resolve().parents[1]

#: Loads FOLDER in turn and apart and compares every part of the two Networks.
SCRIPT = textwrap.dedent(r'''
    import os, sys
    import pandas as pd
    from pandas.testing import assert_frame_equal
    import netanalysis
    from netanalysis.errors import InputError, Problems
    from netanalysis.model import apart, load_inputs
    from netanalysis.io.inputs import resolve_inputs

    folder, case = sys.argv[1], sys.argv[2]
    apart.MIN_BYTES = 0           # the small test archive is read apart too
    parent = os.getpid()
    seen = []
    original_init = apart.ArchiveRead.__init__

    def init(self, *a, **k):
        original_init(self, *a, **k)
        seen.append(self.apart)

    apart.ArchiveRead.__init__ = init
    original_read = apart._read
    if case == "child dies":
        def _read(path, limit):
            if os.getpid() != parent:
                os._exit(3)
            return original_read(path, limit)
        apart._read = _read
    if case == "child raises":
        def _read(path, limit):
            if os.getpid() != parent:
                raise ValueError("boom in the archive reader")
            return original_read(path, limit)
        apart._read = _read

    def load():
        problems = Problems()
        net = load_inputs(resolve_inputs(folder), problems=problems, as_of="2026-11-01")
        return net, problems

    if case == "parent fails":
        import netanalysis.model.load as loading
        def broken(*a, **k):
            raise RuntimeError("the connections failed")
        loading.read_connections = broken
        try:
            load()
        except RuntimeError:
            pass
        import multiprocessing
        assert seen == [True], seen
        assert multiprocessing.active_children() == [], "the second process was left running"
        print("OK")
        sys.exit(0)

    if case == "child raises":
        try:
            load()
        except ValueError as exc:
            assert "boom in the archive reader" in str(exc)
            assert seen == [True], seen
            print("OK")
            sys.exit(0)
        raise AssertionError("the child's exception was not raised")

    os.environ["NETANALYSIS_WORKERS"] = "1"
    one, p1 = load()
    del os.environ["NETANALYSIS_WORKERS"]
    two, p2 = load()
    assert seen == [False, True], seen
    # where a read in turn records them: after the readers' problems, before the matching's
    codes = [(p.file, p.code) for p in p1.items]
    assert codes.index(("messages.csv", "bad-date")) < codes.index(("contacts.csv", "off-linkedin")), codes
    assert codes.index(("interactions.csv", "bad-date")) < codes.index(("messages.csv", "bad-date")), codes
    assert [str(p) for p in p1.items] == [str(p) for p in p2.items]
    assert p1.items == p2.items and p1._counts == p2._counts
    assert one.problems == two.problems
    assert list(one.sources.items()) == list(two.sources.items())
    assert (one.owner, one.hidden_members, one.hidden_dates) == (two.owner, two.hidden_members, two.hidden_dates)
    assert_frame_equal(one.people, two.people)
    assert_frame_equal(one.log, two.log)
    for name in ("messages", "invitations", "endorsements", "recommendations"):
        a, b = getattr(one.archive, name), getattr(two.archive, name)
        assert (a is None) == (b is None), name
        if a is not None:
            assert_frame_equal(a, b)
            assert a.attrs == b.attrs
    for name in ("owner", "owner_source", "files", "dropped", "owner_url"):
        assert getattr(one.archive, name) == getattr(two.archive, name), name
    for name in ("meetings", "mails"):
        assert_frame_equal(getattr(one, name), getattr(two, name))
    r1 = netanalysis.review(one, as_of="2026-11-01").to_json()
    r2 = netanalysis.review(two, as_of="2026-11-01").to_json()
    assert r1 == r2
    print("OK")
''')


@pytest.fixture(scope="module")
def messy(tmp_path_factory) -> Path:
    """The bundled sample with problems in the archive and in the log (their order is checked)."""
    folder = tmp_path_factory.mktemp("apart") / "exports"
    shutil.copytree(bundled_sample(), folder)
    messages = folder / "messages.csv"
    lines = messages.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = [line.replace("2026-10-31 23:18:56 UTC", "last Tuesday") for line in lines[1:2]]
    messages.write_text("".join(lines[:2] + bad + lines[2:]), encoding="utf-8")
    log = folder / "interactions.csv"
    text = log.read_text(encoding="utf-8")
    log.write_text(text + "2026-09-01,Nobody At All,coffee,gave,,,,,\n2026-13-01,x,coffee,gave,,,,,\n",
                   encoding="utf-8")
    return folder


def _run(folder: Path, case: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NETANALYSIS_WORKERS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(folder), case], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0 and done.stdout.strip().endswith("OK"), done.stderr[-3000:]


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
                                reason="the archive is read apart only on Linux with two CPUs or more")


def test_read_apart_equals_read_in_turn(messy):
    """Same people, log, archive, problems (in the same order), sources and review."""
    _run(messy, "same")


def test_a_second_process_that_dies_is_replaced_by_a_read_here(messy):
    _run(messy, "child dies")


def test_an_exception_in_the_second_process_is_raised_here(messy):
    _run(messy, "child raises")


def test_a_failed_load_stops_the_second_process(messy):
    _run(messy, "parent fails")


def test_when_a_second_process_is_used(monkeypatch, tmp_path):
    sample = bundled_sample()
    assert archive_bytes(sample) < apart.MIN_BYTES       # the bundled sample: read in turn
    monkeypatch.setattr(apart, "MIN_BYTES", 0)
    monkeypatch.setattr(apart.threading, "active_count", lambda: 1)
    assert apart._worth_it(sample)
    monkeypatch.setenv("NETANALYSIS_WORKERS", "1")
    assert not apart._worth_it(sample)                          # the user's switch
    monkeypatch.delenv("NETANALYSIS_WORKERS")
    monkeypatch.setattr(apart.threading, "active_count", lambda: 3)
    assert not apart._worth_it(sample)                          # never fork a process with threads
    assert not apart._worth_it(tmp_path / "missing")            # nothing to read: no process


def test_archive_bytes_counts_a_zip_inflated(tmp_path):
    import zipfile

    zipped = tmp_path / "archive.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("messages.csv", "x" * 100_000)
        z.writestr("Other.csv", "y" * 50_000)                   # not an archive file the reader reads
    assert archive_bytes(zipped) == 100_000
    assert archive_bytes(tmp_path / "nothing.zip") == 0


def test_meanwhile_runs_once_before_the_archive_is_waited_for():
    from netanalysis.io.inputs import resolve_inputs
    from netanalysis.model import load_inputs

    calls = []
    net = load_inputs(resolve_inputs(bundled_sample()), as_of="2026-11-01", meanwhile=lambda: calls.append(1))
    assert calls == [1] and net.archive is not None and net.owner
