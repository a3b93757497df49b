"""House rules that nothing else checks (docs/architecture.md, "House rules"): a module does
one job in at most 400 lines, no module reaches into another's private names, and a module or a
public class has one name in the whole package (two ``World`` classes or two ``claims.py``
modules send a newcomer to the wrong one)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "commsim"
MAX_LINES = 400
MODULES = sorted(SRC.rglob("*.py"))


def _private_imports(path: Path) -> list[str]:
    """``from commsim.x import _name`` (or a relative import of one) in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        from_commsim = isinstance(node, ast.ImportFrom) and (
            node.level > 0 or (node.module or "").split(".")[0] == "commsim"
        )
        if from_commsim:
            for alias in node.names:
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                if private:
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
    return found


def _shared_names(paths: list[Path], root: Path) -> dict[str, list[str]]:
    """Module basenames (``__init__`` and ``__main__`` aside) and public top-level class
    names found in more than one place, each with the places (relative to ``root``)."""
    places: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        where = str(path.relative_to(root))
        if path.stem not in ("__init__", "__main__"):
            places[f"module {path.stem}.py"].append(where)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                places[f"class {node.name}"].append(where)
    return {name: found for name, found in places.items() if len(found) > 1}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_module_within_line_cap(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(SRC)}: {lines} lines (cap {MAX_LINES})"


def test_no_private_names_imported_across_modules() -> None:
    offenders = {
        str(path.relative_to(SRC)): found for path in MODULES if (found := _private_imports(path))
    }
    assert not offenders, f"make these names public or move the code: {offenders}"


def test_module_and_class_names_are_unique() -> None:
    shared = _shared_names(MODULES, SRC)
    assert not shared, f"give each a name that says what it is: {shared}"


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """A module over the cap and a private import are both seen (guards the two tests above)."""
    bad = tmp_path / "bad.py"
    bad.write_text("from commsim.charts.reports.deck import _fill\nfrom .x import _y, z\n")
    assert len(_private_imports(bad)) == 2
    bad.write_text("from commsim.charts.reports.deck import fill\nfrom os import _exit\n")
    assert _private_imports(bad) == []


def test_the_name_check_can_fail(tmp_path: Path) -> None:
    """Two ``tables.py`` and two ``World`` classes are seen; ``__init__`` and private classes
    are not (guards the test of unique names)."""
    for folder, text in (("model", "class World:\n    pass\n"), ("studies", "class World: ...\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "tables.py").write_text(text)
        (tmp_path / folder / "__init__.py").write_text("class _Hidden: ...\n")
    paths = sorted(tmp_path.rglob("*.py"))
    assert _shared_names(paths, tmp_path) == {
        "module tables.py": ["model/tables.py", "studies/tables.py"],
        "class World": ["model/tables.py", "studies/tables.py"],
    }
