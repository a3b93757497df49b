"""The languages: one file each, ``<code>.toml`` in this folder (adding a file adds the
language; docs/architecture.md, "To add X").

A language file says how the language joins a list, ends a sentence and groups large
numbers, and holds its ``[words]``: the translation of every fixed English phrase and
template the code says (English itself has none).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from commsim.config import ConfigError

DEFAULT_LANGUAGE = "en"  # of charts, reports and decks unless another is asked for


@dataclass(frozen=True)
class Language:
    """A language of charts, reports and decks, as its file describes it."""

    code: str
    name: str
    cjk: bool  # Chinese or Japanese: wide characters, full-width punctuation
    list_separator: str
    last_separator: str
    full_stop: str
    myriads: tuple[tuple[str, float], ...]  # (suffix, scale), largest first; () for k and M
    words: dict[str, str]  # English phrase -> its translation

    @classmethod
    def from_file(cls, path: Path) -> Language:
        """The language a ``<code>.toml`` file describes; a ConfigError naming the file and
        the key when one is missing or of the wrong type."""
        try:
            with open(path, "rb") as handle:
                table = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not a TOML file ({error})") from None
        texts = ("code", "name", "list_separator", "last_separator", "full_stop")
        for key in texts:
            if not isinstance(table.get(key), str):
                raise ConfigError(f"{path}: {key}: a text is required")
        if table["code"] != path.stem:
            raise ConfigError(f"{path}: code: {table['code']!r} is not the file's name")
        words = table.get("words", {})
        if not isinstance(table.get("cjk"), bool) or not isinstance(words, dict):
            raise ConfigError(f"{path}: cjk must be true or false and [words] a table")
        myriads = tuple((str(suffix), float(scale)) for suffix, scale in table.get("myriads", []))
        return cls(
            code=table["code"],
            name=table["name"],
            cjk=table["cjk"],
            list_separator=table["list_separator"],
            last_separator=table["last_separator"],
            full_stop=table["full_stop"],
            myriads=myriads,
            words=dict(words),
        )

    def join(self, names: list[str]) -> str:
        """``A, B and C`` (``A、B 和 C``; ``A、B、C``)."""
        if len(names) <= 1:
            return "".join(names)
        return self.list_separator.join(names[:-1]) + self.last_separator + names[-1]


def _bundled() -> dict[str, Language]:
    """Every language file in this folder, English first, then by file name."""
    folder = files("commsim.locale")
    found = [Language.from_file(Path(str(p))) for p in folder.iterdir() if p.name.endswith(".toml")]
    found.sort(key=lambda language: (language.code != DEFAULT_LANGUAGE, language.code))
    return {language.code: language for language in found}


LANGUAGES: dict[str, Language] = _bundled()


def languages() -> tuple[str, ...]:
    """The codes of every language (English first)."""
    return tuple(LANGUAGES)


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
