"""Adding a language as docs/architecture.md says ("to add a language"): one file,
``src/commsim/locale/<code>.toml``, is all the code needs; titles, numbers, lists, reports
and the --lang check then speak it. The throw-away language here is written the way a
contributor writes one (in a temporary folder, so the package is left as it is)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commsim.analysis.display import format_interval, format_value
from commsim.config import ConfigError
from commsim.locale import (
    LANGUAGES,
    Language,
    check_language,
    join_words,
    languages,
    say,
    use_language,
)
from tests.locale.test_language import fields, phrases

HEADER = """\
code = "xx"
name = "Guillemets"
cjk = false
list_separator = " / "
last_separator = " // "
full_stop = "."
myriads = [["W", 1e4]]

[words]
"""


@pytest.fixture
def throwaway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Language:
    """A throw-away language, 'xx': every phrase in guillemets, placeholders kept, numbers
    grouped by ten thousands ("W")."""
    words = "".join(
        f"{json.dumps(p, ensure_ascii=False)} = {json.dumps(f'«{p}»', ensure_ascii=False)}\n"
        for p in sorted(phrases())
    )
    path = tmp_path / "xx.toml"
    path.write_text(HEADER + words, encoding="utf-8")
    language = Language.from_file(path)
    monkeypatch.setitem(LANGUAGES, "xx", language)
    return language


def test_a_new_language_is_one_file(throwaway: Language) -> None:
    assert languages() == ("en", "ja", "zh-TW", "xx")
    assert check_language("XX") == "xx"
    with use_language("xx"):
        assert say("No programme") == "«No programme»"
        assert join_words(["a", "b", "c"]) == "a / b // c"
        assert format_value(123_456, "currency") == "12.3W"
        assert format_interval(-1.0, 2.0, "count") == "«-1 to 2»"
    assert say("No programme") == "No programme"
    assert all(fields(k) == fields(v) for k, v in throwaway.words.items())


def test_without_its_file_the_language_is_refused() -> None:
    with pytest.raises(ConfigError, match="allowed: en, ja, zh-TW"):
        check_language("xx")


def test_a_file_missing_a_setting_is_refused_naming_the_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "xx.toml"
    path.write_text(HEADER.replace('full_stop = "."\n', ""), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"xx\.toml: full_stop"):
        Language.from_file(path)


def test_a_file_whose_code_is_not_its_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "yy.toml"
    path.write_text(HEADER, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"yy\.toml: code: 'xx' is not the file's name"):
        Language.from_file(path)
