"""The deck and paper styles, and a stable colour for each arm."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import Literal

import matplotlib as mpl
import matplotlib.style
from matplotlib import font_manager

from commsim.locale import speech

Variant = Literal["deck", "paper"]
VARIANTS: tuple[Variant, ...] = ("deck", "paper")
DEFAULT_VARIANT: Variant = "deck"  # 16:9 slides; paper is applied on top of it

# Okabe and Ito (2008), "Color Universal Design": distinguishable under common colour-vision
# deficiencies. Order chosen for contrast on white: yellow and black come last.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
SOURCE_GREY = "#666666"
WORLD_GREY = "#888888"  # the world without the programme, beside the arms' colours

# Chinese and Japanese text (brand and arm labels, --lang zh-TW or ja) falls back, glyph by
# glyph, from DejaVu Sans to Noto Sans CJK (SIL Open Font License), which installs with pip
# as a dependency: nothing is downloaded when charts are drawn. Traditional Chinese takes
# Noto Sans TC (Taiwan's glyph shapes for 値, 内 ...; regular weight only), Japanese and
# text in other languages Noto Sans CJK JP.
CJK_FAMILY = "Noto Sans CJK JP"
TC_FAMILY = "Noto Sans TC"


def _jp_file(bold: bool) -> str | None:
    package = "noto_cjk_sans_jp_bold" if bold else "noto_cjk_sans_jp_regular"
    try:
        return str(importlib.import_module(package).FONT_PATH)
    except ImportError:  # a broken install: CJK text would show as boxes, with warnings
        return None


def _tc_file() -> str | None:
    try:
        return str(importlib.import_module("pylopdf_fonts_zh_tw").sans_path())
    except ImportError:
        return None


@cache
def register_fonts() -> tuple[str, ...]:
    """Make the bundled CJK fonts known to matplotlib (once); returns their files."""
    files = [f for f in (_jp_file(False), _jp_file(True), _tc_file()) if f is not None]
    for path in files:
        font_manager.fontManager.addfont(path)
    tc = _tc_file()
    if tc is not None:  # no bold Noto Sans TC installs with pip: bold text takes the regular
        entry = next(f for f in font_manager.fontManager.ttflist if f.fname == tc)
        font_manager.fontManager.ttflist.append(dataclasses.replace(entry, weight=700))
    return tuple(files)


register_fonts()  # before any style names the family, so none warns that it is missing


def cjk_family(lang: str | None = None) -> str:
    """The CJK font family for ``lang`` (the current language by default)."""
    lang = speech().lang if lang is None else lang
    return TC_FAMILY if lang == "zh-TW" and _tc_file() is not None else CJK_FAMILY


def cjk_font_file(*, bold: bool = False, lang: str | None = None) -> str:
    """The file of the CJK font charts use for ``lang`` (for measuring text)."""
    found = _tc_file() if cjk_family(lang) == TC_FAMILY else _jp_file(bold)
    return found or _jp_file(False) or font_manager.findfont("DejaVu Sans")


def style_path(variant: Variant = DEFAULT_VARIANT) -> str:
    """Path of a shipped style sheet (``deck`` or ``paper``)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown chart style {variant!r}; allowed: {', '.join(VARIANTS)}")
    return str(resources.files("commsim.charts") / f"{variant}.mplstyle")


@contextmanager
def use_style(variant: Variant = DEFAULT_VARIANT) -> Iterator[None]:
    """Draw inside the commsim style; ``paper`` is applied on top of ``deck``."""
    sheets = [style_path("deck")]
    if variant != "deck":
        sheets.append(style_path(variant))
    with mpl.rc_context(), mpl.style.context(sheets, after_reset=True):
        mpl.rcParams["font.family"] = ["DejaVu Sans", cjk_family()]
        yield


def arm_colours(arms: Sequence[str]) -> dict[str, str]:
    """One fixed colour per arm, in the experiment's arm order (stable across charts)."""
    return {arm: OKABE_ITO[i % len(OKABE_ITO)] for i, arm in enumerate(arms)}
