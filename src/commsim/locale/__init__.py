"""The words of charts, reports and decks in each language: one file per language
(``<code>.toml`` here: how it joins lists, ends sentences, groups large numbers, and the
translation of every fixed English phrase), and the language in force (:func:`say`,
:func:`use_language`). The bottom of the stack but config: every stage that speaks reads its
words from here."""

from commsim.locale.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Language,
    check_language,
    languages,
)
from commsim.locale.speech import (
    Speech,
    capitalised,
    join_words,
    money_unit,
    say,
    speech,
    tr,
    use_language,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Language",
    "Speech",
    "capitalised",
    "check_language",
    "join_words",
    "languages",
    "money_unit",
    "say",
    "speech",
    "tr",
    "use_language",
]
