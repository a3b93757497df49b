"""Every phrase charts, reports and decks say has a Chinese and a Japanese translation with
the same placeholders, and the language stays inside the block that chose it."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import commsim
from commsim.analysis.findings.incremental_findings import COST_WORDS, ORIGIN_WORDS
from commsim.analysis.plausibility import PHRASES as PANEL_PHRASES
from commsim.analysis.setting_names import SETTING_NAMES
from commsim.charts.incremental_charts import STAGE_WORDS
from commsim.charts.reports.report import BUDGET_NOTE, BUDGET_TITLE, PANEL_NOTE
from commsim.charts.snapshots import INTERVAL_NOTE
from commsim.charts.timecharts import BAND_NOTE, WORLD_NOTE
from commsim.config import ConfigError
from commsim.locale import LANGUAGES, say, speech, use_language
from commsim.model.catalogue import CATALOGUE

SOURCE = Path(commsim.__file__).parent


def _strings(node: ast.AST):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _strings(node.body)
        yield from _strings(node.orelse)


def phrases() -> set[str]:
    """The literal first argument of every ``say`` and ``tr`` call, and the phrases the code
    passes to them by name (metric labels and units, notes, stage and item words)."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if called and node.func.id in ("say", "tr") and node.args:
                found.update(_strings(node.args[0]))
    for metric in CATALOGUE:
        found.update(text for text in (metric.label, metric.unit) if text)
    found.update(ORIGIN_WORDS.values())
    found.update(COST_WORDS.values())
    found.update(STAGE_WORDS.values())
    found.update((*PANEL_PHRASES, PANEL_NOTE, BUDGET_TITLE, BUDGET_NOTE))
    found.update(SETTING_NAMES.values())
    found.update((BAND_NOTE, WORLD_NOTE, INTERVAL_NOTE, "runs", "crossing runs"))
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_every_phrase_has_a_translation_with_the_same_placeholders(lang):
    catalogue = LANGUAGES[lang].words
    missing = sorted(p for p in phrases() if p not in catalogue)
    assert not missing, f"{lang}: no translation for {missing[:5]}"
    wrong = [k for k, v in catalogue.items() if fields(k) != fields(v)]
    assert not wrong, f"{lang}: placeholders differ in {wrong[:3]}"


def test_the_language_holds_inside_its_block_only():
    assert speech().lang == "en"
    with use_language("zh-TW", "TWD"):
        assert say("No programme") == "無計畫"
        assert speech().currency == "TWD"
        with use_language("ja"):
            assert say("No programme") == "施策なし"
            assert speech().currency == "TWD"  # kept unless named again
    assert say("No programme") == "No programme"


def test_an_unknown_language_is_an_error_naming_the_allowed_ones():
    with pytest.raises(ConfigError, match="allowed: en, ja, zh-TW") as error, use_language("fr"):
        pass
    assert error.value.parameter == "lang"
