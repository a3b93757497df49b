"""House rules that nothing else checks (docs/architecture.md, "House rules"): a module does
one job in at most 400 lines, and no module reaches into another's private names."""

from __future__ import annotations

import ast
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


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_module_within_line_cap(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(SRC)}: {lines} lines (cap {MAX_LINES})"


def test_no_private_names_imported_across_modules() -> None:
    offenders = {
        str(path.relative_to(SRC)): found for path in MODULES if (found := _private_imports(path))
    }
    assert not offenders, f"make these names public or move the code: {offenders}"


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """A module over the cap and a private import are both seen (guards the two tests above)."""
    bad = tmp_path / "bad.py"
    bad.write_text("from commsim.charts.deck import _fill\nfrom .x import _y, z\n")
    assert len(_private_imports(bad)) == 2
    bad.write_text("from commsim.charts.deck import fill\nfrom os import _exit\n")
    assert _private_imports(bad) == []
