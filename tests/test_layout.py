"""The package layout: the folder listing shows the pipeline, and each package keeps to its own room.

Every import in ``netanalysis/`` is read with :mod:`ast` (also the ones inside
functions) and checked against two rules:

* no module imports another package's private module or name (``_x``): what
  is shared is public in its owner.  A private part may be used inside its
  own package and its subpackages (``netanalysis._format`` is the root's,
  so every stage may use it);
* imports point down the stages: io <- model <- analysis <- report, with
  plots, classroom, anonymize and sample beside them.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import netanalysis

PACKAGE = Path(netanalysis.__file__).resolve().parent
STAGES = {"io", "model", "analysis", "plots", "report", "classroom", "anonymize", "sample"}
#: What each package may not import (the stages after it, and the side packages it has no business with).
FORBIDDEN = {
    "io": {"model", "analysis", "plots", "report", "classroom", "anonymize", "sample", "commands", "cli"},
    "model": {"analysis", "plots", "report", "classroom", "anonymize", "sample", "commands", "cli"},
    "analysis": {"plots", "report", "classroom", "anonymize", "sample", "commands", "cli"},
    "plots": {"model", "report", "classroom", "anonymize", "sample", "commands", "cli"},
    "report": {"classroom", "anonymize", "sample", "commands", "cli"},
    "sample": {"model", "analysis", "plots", "report", "classroom", "anonymize", "commands", "cli"},
    "anonymize": {"analysis", "plots", "report", "classroom", "sample", "commands", "cli"},
    "classroom": {"anonymize", "commands", "cli"},
    # The root's shared helpers import no stage at all.
    "errors": STAGES | {"commands", "cli"},
    "vocab": STAGES | {"commands", "cli"},
    "_format": STAGES | {"commands", "cli"},
    "_gc": STAGES | {"commands", "cli"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(path: Path) -> str:
    """The package a module file belongs to (a package's ``__init__`` belongs to the package itself)."""
    return ".".join(path.relative_to(PACKAGE.parent).parts[:-1])


def imports(source: str, path: Path) -> list[tuple[int, str, str | None]]:
    """``(line, module, name)`` for every import; ``name`` is ``None`` for ``import x.y``."""
    package = package_of(path)
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found += [(node.lineno, module, alias.name) for alias in node.names]
    return found


def _private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def private_violations(source: str, path: Path) -> list[str]:
    """Imports of another package's private module or name, as ``file:line: what``."""
    package = package_of(path)
    out = []

    def allowed(owner: str) -> bool:
        return package == owner or package.startswith(owner + ".")

    for line, module, name in imports(source, path):
        parts = module.split(".")
        if parts[0] != "netanalysis":
            continue
        for index, part in enumerate(parts):
            if _private(part) and not allowed(".".join(parts[:index])):
                out.append(f"{path.name}:{line}: private module {module}")
        if name is not None and _private(name):
            target = PACKAGE.parent.joinpath(*parts)
            owner = module if (target / "__init__.py").exists() else ".".join(parts[:-1])
            if not allowed(owner):
                out.append(f"{path.name}:{line}: private name {name} of {module}")
    return out


def stage_violations(source: str, path: Path) -> list[str]:
    """Imports against the direction of the stages, as ``file:line: what``."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    forbidden = FORBIDDEN.get(parts[0], set())
    out = []
    for line, module, name in imports(source, path):
        target = module.split(".")
        if target[0] != "netanalysis":
            continue
        first = target[1] if len(target) > 1 else name  # "from .. import plots" names the stage
        if first in forbidden:
            out.append(f"{path.name}:{line}: {parts[0]} imports {module}{'.' + name if name else ''}")
    return out


def sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, path.read_text(encoding="utf-8")


def test_no_package_imports_another_packages_private_parts():
    found = [v for path, source in sources() for v in private_violations(source, path)]
    assert found == []


def test_imports_point_down_the_stages():
    found = [v for path, source in sources() for v in stage_violations(source, path)]
    assert found == []


@pytest.mark.parametrize("module, source, expected", [
    ("anonymize/writers.py", "from ..sample._archive import MESSAGE_HEADER\n", ["private module"]),
    ("anonymize/writers.py", "from ..model import _connections_source\n", ["private name"]),
    ("anonymize/writers.py", "from ..io.connections import _REQUIRED\n", ["private name"]),
    ("anonymize/writers.py", "def f():\n    import netanalysis.sample._people\n", ["private module"]),
    ("anonymize/writers.py", "from .pseudonyms import _width\n", []),            # its own package
    ("report/context.py", "from .._format import number\n", []),                   # the root's helper
    ("io/linkedin/messages.py", "from ..fields import _helper\n", []),              # an ancestor's
    ("sample/_log.py", "from ._people import People\n", []),                       # inside sample
])
def test_the_private_check_finds_what_it_should(module, source, expected):
    found = private_violations(source, PACKAGE / module)
    assert [next(kind for kind in ("private module", "private name") if kind in v) for v in found] == expected


@pytest.mark.parametrize("module, source, bad", [
    ("io/connections.py", "from ..analysis.ledger import log_until\n", True),
    ("analysis/ties.py", "def f():\n    from ..report import render_report\n", True),
    ("analysis/ties.py", "from .. import plots\n", True),
    ("report/context.py", "from ..analysis.timeline import monthly_ledger\n", False),
    ("model/load.py", "from ..io.inputs import resolve_inputs\n", False),
])
def test_the_stage_check_finds_what_it_should(module, source, bad):
    assert bool(stage_violations(source, PACKAGE / module)) is bad


def test_the_folder_listing_shows_the_pipeline():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert {"io", "model", "analysis", "report", "classroom"} <= packages
    assert packages == STAGES
    assert len(modules) <= 8, modules
    assert (PACKAGE / "io" / "linkedin" / "__init__.py").is_file()
