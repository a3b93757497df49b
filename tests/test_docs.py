"""docs/model.md stays in step with the code: parameter table, metric names, cited tests.

Regenerate the parameter table in place with ``python tests/test_docs.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

from commsim.config.reference import parameter_table
from commsim.model.catalogue import METRICS

ROOT = Path(__file__).resolve().parents[1]
MODEL_DOC = ROOT / "docs" / "model.md"
ARCHITECTURE_DOC = ROOT / "docs" / "architecture.md"
PACKAGE = ROOT / "src" / "commsim"
START = "<!-- parameters:start -->"
END = "<!-- parameters:end -->"
REGENERATE = (
    "regenerate it with `python tests/test_docs.py` (or paste the output of "
    "`python -m commsim.config.reference` between the markers)"
)


def split_at_markers(text: str) -> tuple[str, str, str]:
    """The document before, between and after the parameter-table markers."""
    assert text.count(START) == 1 and text.count(END) == 1, (
        f"{MODEL_DOC} must hold exactly one {START} and one {END}"
    )
    head, rest = text.split(START)
    table, tail = rest.split(END)
    return head, table, tail


def test_parameter_table_matches_the_pydantic_fields():
    _, table, _ = split_at_markers(MODEL_DOC.read_text(encoding="utf-8"))
    assert table.strip() == parameter_table().strip(), (
        f"the parameter table in {MODEL_DOC} differs from the scenario's fields; {REGENERATE}"
    )


def test_every_metric_is_documented():
    text = MODEL_DOC.read_text(encoding="utf-8")
    missing = [name for name in METRICS if f"`{name}`" not in text]
    assert not missing, f"{MODEL_DOC} does not describe the metrics {missing}"


def test_tests_cited_by_the_model_description_exist():
    cited = set(re.findall(r"`(test_\w+)`", MODEL_DOC.read_text(encoding="utf-8")))
    defined = {
        match
        for path in (ROOT / "tests").rglob("test_*.py")
        for match in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    assert cited <= defined, f"{MODEL_DOC} cites tests that do not exist: {cited - defined}"


def test_the_architecture_names_every_module_and_no_other():
    text = ARCHITECTURE_DOC.read_text(encoding="utf-8")
    tree = text.split("## The tree", 1)[1].split("```", 2)[1]
    named = set(re.findall(r"\b(\w+\.py)\b", tree))
    modules = {p.name for p in PACKAGE.rglob("*.py")}
    assert not modules - named - {"__init__.py"}, f"not in {ARCHITECTURE_DOC}: {modules - named}"
    assert not named - modules, (
        f"{ARCHITECTURE_DOC} names modules that do not exist: {named - modules}"
    )
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages <= set(re.findall(r"^  (\w+)/", tree, re.M))


def write_parameter_table() -> None:
    """Replace the table between the markers with the generated one."""
    head, _, tail = split_at_markers(MODEL_DOC.read_text(encoding="utf-8"))
    MODEL_DOC.write_text(f"{head}{START}\n{parameter_table()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    write_parameter_table()
    print(f"parameter table written to {MODEL_DOC}")
