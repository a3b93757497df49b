"""The language in force: English, Traditional Chinese (Taiwan), Japanese or any language
with a file in this folder (:mod:`commsim.locale.languages`).

Sentences are written in English in the code, as templates (``"{arm} pays back after
{when}"``); :func:`say` returns the template in the current language (its translation in the
language's file, English where a phrase has none) with the values filled in. The language is
chosen for a block of drawing with :func:`use_language`, like matplotlib's ``rc_context``:
numbers (``12.3k`` or ``1.2萬``), times (``14 months``, ``14 個月``, ``14か月``) and every
title inside it follow, and nothing outside it changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from commsim.locale.languages import DEFAULT_LANGUAGE, LANGUAGES, Language, check_language


@dataclass(frozen=True)
class Speech:
    """How numbers and sentences read: the language and the currency of money values."""

    lang: str = DEFAULT_LANGUAGE
    currency: str = ""

    @property
    def language(self) -> Language:
        return LANGUAGES[self.lang]

    @property
    def cjk(self) -> bool:
        return self.language.cjk


_SPEECH: ContextVar[Speech] = ContextVar("commsim_speech", default=Speech())  # noqa: B039 (frozen)


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
    return _SPEECH.get().language.words.get(text, text)


def say(template: str, /, **values: object) -> str:
    """``template`` in the current language, with ``values`` filled in."""
    return tr(template).format(**values)


def join_words(names: list[str]) -> str:
    """``A, B and C`` (``A、B 和 C``; ``A、B、C``)."""
    return _SPEECH.get().language.join(names)


def capitalised(text: str) -> str:
    """First letter upper case (a no-op for CJK text)."""
    return text[:1].upper() + text[1:]


def money_unit() -> str:
    """The currency code of money values, or the word 'currency' when none is known."""
    return _SPEECH.get().currency or tr("currency")
