"""The language of charts, reports and decks: English, Traditional Chinese (Taiwan) or
Japanese.

Sentences are written in English in the code, as templates (``"{arm} pays back after
{when}"``); :func:`say` returns the template in the current language (its translation in
:mod:`commsim.analysis.translations`, English where a phrase has none) with the values filled
in. The language is chosen for a block of drawing with :func:`use_language`, like matplotlib's
``rc_context``: numbers (``12.3k`` or ``1.2萬``), times (``14 months``, ``14 個月``,
``14か月``) and every title inside it follow, and nothing outside it changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from commsim.analysis.translations import TRANSLATIONS
from commsim.config import ConfigError

DEFAULT_LANGUAGE = "en"  # of charts, reports and decks unless another is asked for


def languages() -> tuple[str, ...]:
    """English and every language with a translation table (a new language is its table)."""
    return ("en", *TRANSLATIONS)


@dataclass(frozen=True)
class Speech:
    """How numbers and sentences read: the language and the currency of money values."""

    lang: str = DEFAULT_LANGUAGE
    currency: str = ""

    @property
    def cjk(self) -> bool:
        return self.lang in ("zh-TW", "ja")


_SPEECH: ContextVar[Speech] = ContextVar("commsim_speech", default=Speech())  # noqa: B039 (frozen)


def check_language(code: str) -> str:
    """The supported language ``code`` names, in any case (``zh-tw`` is ``zh-TW``), else a
    :class:`ConfigError` naming them."""
    known = {language.lower(): language for language in languages()}
    language = known.get(code.strip().lower()) if isinstance(code, str) else None
    if language is None:
        raise ConfigError(
            f"unknown language {code!r}; allowed: {', '.join(languages())}", parameter="lang"
        )
    return language


@contextmanager
def use_language(lang: str = DEFAULT_LANGUAGE, currency: str | None = None) -> Iterator[Speech]:
    """Speak ``lang`` (and name money in ``currency``) inside the block."""
    before = _SPEECH.get()
    speech = Speech(check_language(lang), before.currency if currency is None else currency)
    token = _SPEECH.set(speech)
    try:
        yield speech
    finally:
        _SPEECH.reset(token)


def speech() -> Speech:
    """The language and currency in force."""
    return _SPEECH.get()


def tr(text: str) -> str:
    """A fixed English phrase or template in the current language."""
    lang = _SPEECH.get().lang
    if lang == "en":
        return text
    return TRANSLATIONS.get(lang, {}).get(text, text)


def say(template: str, /, **values: object) -> str:
    """``template`` in the current language, with ``values`` filled in."""
    return tr(template).format(**values)


def join_words(names: list[str]) -> str:
    """``A, B and C`` (``A、B 和 C``; ``A、B、C``)."""
    if len(names) <= 1:
        return "".join(names)
    lang = _SPEECH.get().lang
    if lang == "zh-TW":
        return "、".join(names[:-1]) + " 和 " + names[-1]
    if lang == "ja":
        return "、".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def capitalised(text: str) -> str:
    """First letter upper case (a no-op for CJK text)."""
    return text[:1].upper() + text[1:]


def money_unit() -> str:
    """The currency code of money values, or the word 'currency' when none is known."""
    return _SPEECH.get().currency or tr("currency")
