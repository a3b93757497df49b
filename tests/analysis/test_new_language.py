"""Adding a language as docs/architecture.md says ("to add a language"): its translation
table is all the code needs; titles, reports and the --lang check then speak it."""

from __future__ import annotations

import pytest

from commsim.analysis.language import check_language, languages, say, use_language
from commsim.analysis.translations import TRANSLATIONS
from commsim.config import ConfigError
from tests.analysis.test_language import fields, phrases


@pytest.fixture
def throwaway(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A throw-away language, 'xx': every phrase in guillemets, placeholders kept."""
    table = {phrase: f"«{phrase}»" for phrase in phrases()}
    monkeypatch.setitem(TRANSLATIONS, "xx", table)
    return table


def test_a_new_language_is_its_translation_table(throwaway: dict[str, str]) -> None:
    assert languages() == ("en", "zh-TW", "ja", "xx")
    assert check_language("xx") == "xx"
    with use_language("xx"):
        assert say("No programme") == "«No programme»"
    assert say("No programme") == "No programme"
    assert all(fields(k) == fields(v) for k, v in throwaway.items())


def test_without_its_table_the_language_is_refused() -> None:
    with pytest.raises(ConfigError, match="allowed: en, zh-TW, ja"):
        check_language("xx")
