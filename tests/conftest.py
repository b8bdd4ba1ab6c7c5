"""Shared, generic test fixtures: where the test data lives, copies of it, and
a guard that proves a command left its input files byte-identical."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """``tests/data``."""
    return DATA


@pytest.fixture
def copy_data(tmp_path):
    """Copy a file or folder under ``tests/data`` into ``tmp_path``; return the copy's path
    (``copy_data("log/network")``)."""
    def copy(relative: str, name: str | None = None) -> Path:
        source = DATA / relative
        target = tmp_path / (name or source.name)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        return target

    return copy


@pytest.fixture
def write_file(tmp_path):
    """Write ``data`` (bytes, or text written as UTF-8 without newline translation) to ``tmp_path/name``."""
    def write(name: str, data: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    return write


class Snapshot:
    """The bytes of every file under some paths, to compare after a command ran."""

    def __init__(self, *paths: Path):
        self.files: dict[Path, bytes] = {}
        for path in paths:
            path = Path(path)
            for file in ([path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())):
                self.files[file] = file.read_bytes()

    def assert_unchanged(self) -> None:
        assert self.files, "nothing was snapshotted"
        for file, before in self.files.items():
            assert file.exists(), f"{file} was deleted"
            assert file.read_bytes() == before, f"{file} was changed"


@pytest.fixture
def snapshot():
    """``snap = snapshot(path, ...)``; later ``snap.assert_unchanged()``."""
    return Snapshot
