"""The deck and paper styles, and a stable colour for each arm."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import Literal

import matplotlib as mpl
import matplotlib.style
from matplotlib import font_manager

Variant = Literal["deck", "paper"]

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
# as a dependency: nothing is downloaded when charts are drawn.
CJK_FONT_PACKAGES = ("noto_cjk_sans_jp_regular", "noto_cjk_sans_jp_bold")
CJK_FAMILY = "Noto Sans CJK JP"


@cache
def register_fonts() -> tuple[str, ...]:
    """Make the bundled CJK fonts known to matplotlib (once); returns their files."""
    files = []
    for package in CJK_FONT_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:  # a broken install: CJK text would show as boxes, with warnings
            continue
        font_manager.fontManager.addfont(str(module.FONT_PATH))
        files.append(str(module.FONT_PATH))
    return tuple(files)


register_fonts()  # before any style names the family, so none warns that it is missing


def style_path(variant: Variant = "deck") -> str:
    """Path of a shipped style sheet (``deck`` or ``paper``)."""
    if variant not in ("deck", "paper"):
        raise ValueError(f"unknown chart style {variant!r}; allowed: 'deck', 'paper'")
    return str(resources.files("commsim.charts") / f"{variant}.mplstyle")


@contextmanager
def use_style(variant: Variant = "deck") -> Iterator[None]:
    """Draw inside the commsim style; ``paper`` is applied on top of ``deck``."""
    sheets = [style_path("deck")]
    if variant != "deck":
        sheets.append(style_path(variant))
    with mpl.rc_context(), mpl.style.context(sheets, after_reset=True):
        yield


def arm_colours(arms: Sequence[str]) -> dict[str, str]:
    """One fixed colour per arm, in the experiment's arm order (stable across charts)."""
    return {arm: OKABE_ITO[i % len(OKABE_ITO)] for i, arm in enumerate(arms)}
