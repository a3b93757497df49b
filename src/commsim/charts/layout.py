"""The frame every chart shares: the finding as title, a legend of arms, a source line.

Charts are plain :class:`matplotlib.figure.Figure` objects (no pyplot), so drawing never
touches global state or needs a display.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass
from typing import cast

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from commsim.analysis.display import DAYS_PER_MONTH, display, uses_months
from commsim.charts.focal_results import Results
from commsim.charts.style import SOURCE_GREY, arm_colours
from commsim.locale import speech, tr

TITLE_WIDTH = 64  # characters per title line at deck size (22 pt bold on 13.33 in)
# Chart images on slides leave room for the slide title (16:9 slide, 13.33 x 7.5 in). They
# are drawn 1.25 times as large and shrunk onto the slide: at the placed size, the deck
# style's type leaves the plot too little height (the funnel's value labels overprinted).
SLIDE_IMAGE_SIZE = (12.9, 5.75)
SLIDE_DRAWN_SIZE = (SLIDE_IMAGE_SIZE[0] * 1.25, SLIDE_IMAGE_SIZE[1] * 1.25)
LINE_HEIGHT = 1.2  # a line of text, in ems (Noto CJK's ascent and descent: 1.1 em)
ARM_TICK_WIDTH = 26  # characters per line of an arm's name on a category axis


@dataclass
class Chart:
    """A drawn chart: its file stem, its finding (the title) and the figure."""

    name: str
    title: str
    figure: Figure


def keep_together(text: str) -> str:
    """Non-breaking spaces where a line break would split a phrase ("95% CI 11-17"), and
    true minus signs, at which no line breaks (a hyphen before a number invites one)."""
    text = re.sub(r"(?<![\w.])-(?=\d)", "\u2212", text)
    text = re.sub(r"\d+% (?:CI|of runs:|of those:) ", lambda m: m[0].replace(" ", "\u00a0"), text)
    return text.replace(" months", "\u00a0months").replace(" pts", "\u00a0pts")


def visual_width(text: str) -> int:
    """Width in Latin character cells: a Chinese or Japanese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _has_wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


# A run of Latin text (a word and its spaces), or one wide character and its spaces.
TOKENS = re.compile(r"[^\s\u3000-\u9fff\uff00-\uffef]+\s*|[\u3000-\u9fff\uff00-\uffef]\s*|\s+")
CLOSING = "、。，）」』：；！？%)ー"  # no line starts with these


def fill(text: str, width: int) -> str:
    """``textwrap.fill`` by visual width: Chinese and Japanese lines may break between any
    two characters (not before closing punctuation), Latin text at spaces."""
    if not _has_wide(text):
        return textwrap.fill(text, width)
    lines, line = [], ""
    for token in TOKENS.findall(text):
        if line and visual_width(line + token.rstrip()) > width and token[:1] not in CLOSING:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    lines.append(line.rstrip())
    return "\n".join(lines)


def unwrap(text: str) -> str:
    """Wrapped text on one line again: Latin lines joined by a space, Chinese and Japanese
    lines (which break between characters) by nothing."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    joined = lines[0] if lines else ""
    for line in lines[1:]:
        wide = _has_wide(joined[-1:]) or _has_wide(line[:1]) or line[:1] in CLOSING
        joined += ("" if wide else " ") + line
    return joined


def wrap_title(title: str, width: int = TITLE_WIDTH) -> str:
    """Break a long finding where it reads best: after its headline (": " or " ("), else at
    spaces, never inside the phrases :func:`keep_together` protects."""
    protected = keep_together(title)
    if visual_width(protected) <= width:
        return title
    for mark in (": ", " (", "：", "（"):
        cut = protected.rfind(mark)
        while cut > 0 and visual_width(protected[:cut]) > width:
            cut = protected.rfind(mark, 0, cut)
        fits = visual_width(protected[cut:]) <= width + 2  # two lines, the second full
        if cut > 0 and visual_width(protected[:cut]) > width // 3 and fits:
            keep = 1 if mark in (": ", "：") else 0
            head, tail = protected[: cut + keep], protected[cut + keep :].strip()
            return (head + "\n" + tail).replace("\u00a0", " ")
    return fill(protected, width).replace("\u00a0", " ")


def new_figure(
    results: Results,
    title: str,
    *,
    nrows: int = 1,
    ncols: int = 1,
    sharex: bool = False,
    sharey: bool = False,
    legend_arms: list[str] | None = None,
) -> tuple[Figure, np.ndarray]:
    """A figure with the finding as its title, the source line at the bottom and, between
    them, a panel area (a subfigure) holding the axes and the arm legend."""
    figure = Figure()
    figure.suptitle(wrap_title(title), x=0.01, ha="left", fontweight="bold", linespacing=1.15)
    figure.supxlabel(results.source_line, x=0.01, ha="left", fontsize="x-small", color=SOURCE_GREY)
    body = cast(SubFigure, figure.subfigures(1, 1))  # one subfigure, not an array of them
    axes = body.subplots(nrows, ncols, sharex=sharex, sharey=sharey, squeeze=False)
    if legend_arms:
        add_arm_legend(body, results, legend_arms)
    return figure, axes


def add_arm_legend(figure: Figure | SubFigure, results: Results, arms: list[str]) -> None:
    """One legend for the whole figure, above the plots, in the experiment's arm order."""
    colours = arm_colours(results.arms)
    handles = [Line2D([], [], color=colours[arm], linewidth=4) for arm in arms]
    labels = [results.labels.get(arm, arm) for arm in arms]
    # As many equal columns as fit the figure's width, from the longest label's width.
    points = FontProperties(size=mpl.rcParams["legend.fontsize"]).get_size_in_points()
    column_in = (max(len(label) for label in labels) * 0.6 + 4.5) * points / 72
    fit = int((mpl.rcParams["figure.figsize"][0] - 0.4) // column_in)
    columns = max(1, min(len(arms), fit))
    figure.legend(handles, labels, loc="outside upper left", ncols=columns, handlelength=1.5)


def time_values(steps: np.ndarray, horizon: int) -> np.ndarray:
    """Days as months for long horizons (the unit of :func:`time_label`)."""
    steps = np.asarray(steps, dtype=float)
    return steps / DAYS_PER_MONTH if uses_months(horizon) else steps


def time_label(horizon: int) -> str:
    return tr("Months since start") if uses_months(horizon) else tr("Days since start")


def _decimals(step: float) -> int:
    """Fewest decimals (up to 3) that show every multiple of ``step`` exactly: 2.5 -> 1."""
    step = abs(step)
    for decimals in range(4):
        if step == 0 or abs(round(step, decimals) - step) < 1e-9 * max(1.0, step):
            return decimals
    return 3


def _tick_text(
    value: float, kind: str, step: float, largest: float = 0.0, *, signed: bool = False
) -> str:
    """One tick label. ``step`` (the tick spacing) sets how many decimals tell ticks apart;
    ``largest`` (the largest tick) picks one unit for the whole axis (8k, 16k, not 8,000, 16k)."""
    sign = "+" if signed and value > 0 else ""
    if kind in ("share", "ratio"):
        return f"{sign}{value * 100:.{_decimals(step * 100)}f}%"
    if kind == "score":  # [-1, 1] shown as -100 to +100
        return f"{sign}{value * 100:.{_decimals(step * 100)}f}"
    if value == 0:
        return "0"
    largest = max(largest, abs(value))
    units: tuple[tuple[float, str], ...] = ((1e6, "M"), (1e3, "k"))
    if speech().language.myriads:  # 萬 / 万 = 10^4 and 億 = 10^8
        units = tuple((scale, suffix) for suffix, scale in speech().language.myriads)
    for scale, suffix in units:
        if largest >= 10 * scale:
            return f"{sign}{value / scale:,.{_decimals(step / scale)}f}{suffix}"
    return f"{sign}{value:,.{_decimals(step)}f}"


def tick_text(
    value: float, kind: str, step: float, largest: float = 0.0, *, signed: bool = False
) -> str:
    """One tick label (see :func:`_tick_text`), with a true minus sign like matplotlib's."""
    return _tick_text(value, kind, step, largest, signed=signed).replace("-", "\u2212")


def format_axis(
    ax: Axes, metric: str, *, axis: str = "y", signed: bool = False, nbins: int = 6
) -> None:
    """Tick labels in the metric's unit: %, compact currency, thousands separators."""
    kind = display(metric).kind
    target = ax.yaxis if axis == "y" else ax.xaxis

    def tick(value: float, _position: int) -> str:
        locations = np.asarray(target.get_majorticklocs(), dtype=float)
        step = float(np.min(np.diff(locations))) if len(locations) > 1 else 0.0
        largest = float(np.max(np.abs(locations))) if len(locations) else 0.0
        return tick_text(value, kind, step, largest, signed=signed)

    target.set_major_formatter(FuncFormatter(tick))
    # Percent ticks at 1, 2 or 5 times a power of ten read as round percentages.
    steps = [1, 2, 5, 10] if kind in ("share", "ratio") else None
    target.set_major_locator(MaxNLocator(nbins=nbins, steps=steps))


def axis_label(metric: str, width: int = 0) -> str:
    """``Awareness (% of all members)``: the metric and its unit, wrapped to ``width``."""
    info = display(metric)
    label = info.label[:1].upper() + info.label[1:]
    text = f"{label} ({info.unit})" if info.unit else label
    return fill(text, width) if width else text


def panel_title(ax: Axes, text: str, ncols: int = 1, *, size: str = "medium") -> None:
    """A panel's heading, wrapped so neighbouring panels' headings never collide."""
    points = FontProperties(size=size).get_size_in_points()
    usable = mpl.rcParams["figure.figsize"][0] - 0.7  # figure width less the margins
    width = max(12, int((usable / ncols - 0.6) * 72 / (points * 0.62)))
    ax.set_title(fill(text, width), fontsize=size)


def drawn_sizes(figure: Figure) -> list[tuple[float, float]]:
    """The sizes a chart is drawn at: its file's and its slide image's (inches)."""
    own = tuple(float(v) for v in figure.get_size_inches())
    return [own, SLIDE_DRAWN_SIZE]  # type: ignore[list-item]


def _at_each_size(figure: Figure, measure) -> list:
    """``measure()`` after laying the figure out at each size it is drawn at."""
    original = figure.get_size_inches().copy()
    found = []
    try:
        for size in drawn_sizes(figure):
            figure.set_size_inches(*size)
            figure.draw_without_rendering()
            found.append(measure())
    finally:
        figure.set_size_inches(*original)
    return found


def fit_row_labels(ax: Axes, texts: list, pitch: float) -> None:
    """Shrink labels set one per bar (rows ``pitch`` data units apart) so that neighbours
    never overprint, at every size the chart is drawn at."""
    if not texts:
        return
    figure = cast(Figure, ax.get_figure(root=True))

    def row_points() -> float:
        low, high = ax.get_ylim()
        return ax.bbox.height * 72 / figure.dpi * pitch / max(abs(high - low), 1e-12)

    room = min(_at_each_size(figure, row_points))
    size = min(texts[0].get_fontsize(), room / LINE_HEIGHT)
    for text in texts:
        text.set_fontsize(size)


def arm_tick_label(label: str) -> str:
    """An arm's name on a category axis, wrapped so that long names leave the plot room."""
    return fill(label, ARM_TICK_WIDTH)


def fit_axis_texts(figure: Figure) -> None:
    """Re-wrap each panel's title to its panel's width and each y label to its panel's height
    as laid out at the smallest size the chart is drawn at: neighbouring panels' titles and a
    long y label never run into each other, the legend or the source line."""
    axes = [ax for ax in figure.get_axes() if ax.get_visible()]

    def room() -> list[tuple[float, float]]:
        return [(ax.bbox.width, ax.bbox.height) for ax in axes]

    sizes = _at_each_size(figure, room)
    for index, ax in enumerate(axes):
        width = min(size[index][0] for size in sizes) * 72 / figure.dpi
        height = min(size[index][1] for size in sizes) * 72 / figure.dpi
        # the deck style puts titles on the left: matplotlib keeps one text per title place
        titles = (ax.title, ax._left_title, ax._right_title)  # type: ignore[attr-defined]  # noqa: SLF001  (matplotlib keeps no public handle on them)
        for text, extent in (*((t, width) for t in titles), (ax.yaxis.label, height)):
            words = unwrap(text.get_text())
            if not words:
                continue
            em = FontProperties(size=text.get_fontsize()).get_size_in_points()
            characters = max(10, int(extent / (em * 0.7)))
            if visual_width(words) > characters:
                text.set_text(fill(words, characters))
