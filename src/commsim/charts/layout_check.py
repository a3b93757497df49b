"""Does every text fit? Checks for charts and slides that a client would see: no text that
overprints another, leaves the figure, or overflows the box it is set in.

- A chart is drawn with matplotlib's own renderer; every drawn text's window extent must lie
  inside the figure and overlap no other text (:func:`chart_problems`).
- A slide's text frames are wrapped as a renderer wraps them, with the fonts' real metrics
  (:mod:`PIL.ImageFont`): DejaVu Sans (shipped with matplotlib, wider than the Calibri of
  PowerPoint's default theme, so the estimate errs on the long side) and the Noto CJK font
  commsim installs for Chinese and Japanese glyphs (:func:`slide_problems`).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from matplotlib import font_manager
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import ImageFont
from pptx import Presentation
from pptx.util import Emu

from commsim.charts.layout import CLOSING
from commsim.charts.style import cjk_font_file

TOLERANCE_PT = 1.0  # overlaps and overhangs smaller than this are anti-aliasing, not a fault
EMU_PER_PT = 12700
SCALE = 4  # fonts are measured at 4x the point size, so rounding stays below a quarter point


# -- charts ---------------------------------------------------------------------------------


def _drawn_tick_labels(axis: Axis) -> set[Text]:
    """Tick labels that are drawn: those of ticks inside the view interval."""
    low, high = sorted(axis.get_view_interval())
    span = max(high - low, 1e-300)
    drawn: set[Text] = set()
    for tick in axis.get_major_ticks() + axis.get_minor_ticks():
        location = tick.get_loc()
        if location is None or not (low - 1e-9 * span <= location <= high + 1e-9 * span):
            continue
        drawn.update(label for label in (tick.label1, tick.label2) if label.get_visible())
    return drawn


def _shown(text: Text) -> bool:
    """A text that is drawn: visible, non-empty, and every parent artist visible too."""
    if not text.get_visible() or not text.get_text().strip():
        return False
    parent = getattr(text, "axes", None)
    return parent is None or parent.get_visible()


def drawn_texts(figure: Figure) -> list[Text]:
    """Every text the figure draws (titles, labels, drawn tick labels, legends, notes)."""
    ticks: set[Text] = set()
    every_tick: set[Text] = set()
    for ax in figure.get_axes():
        for axis in (ax.xaxis, ax.yaxis):
            ticks |= _drawn_tick_labels(axis)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                every_tick.update((tick.label1, tick.label2))
    texts = []
    for text in figure.findobj(match=Text):
        if text in every_tick and text not in ticks:
            continue
        if _shown(text) and text not in texts:
            texts.append(text)
    return texts


def _describe(text: Text) -> str:
    words = " ".join(text.get_text().split())
    return repr(words if len(words) <= 50 else words[:49] + "…")


def _overlap(a: Bbox, b: Bbox, tolerance: float) -> bool:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width > tolerance and height > tolerance


def chart_problems(figure: Figure, size: tuple[float, float] | None = None) -> list[str]:
    """Texts that leave the figure or overprint each other, drawn at ``size`` (inches; the
    figure's own size by default). Empty when every text is clear."""
    original = figure.get_size_inches().copy()
    if size is not None:
        figure.set_size_inches(*size)
    try:
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        renderer = canvas.get_renderer()
        tolerance = TOLERANCE_PT * figure.dpi / 72
        frame = figure.bbox.frozen()
        texts = drawn_texts(figure)
        boxes = [text.get_window_extent(renderer) for text in texts]
    finally:
        figure.set_size_inches(*original)
    problems = []
    for text, box in zip(texts, boxes, strict=True):
        outside = (
            box.x0 < frame.x0 - tolerance
            or box.y0 < frame.y0 - tolerance
            or box.x1 > frame.x1 + tolerance
            or box.y1 > frame.y1 + tolerance
        )
        if outside:
            problems.append(f"{_describe(text)} leaves the figure")
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if _overlap(boxes[i], boxes[j], tolerance):
                problems.append(f"{_describe(texts[i])} overprints {_describe(texts[j])}")
    return problems


# -- slides ---------------------------------------------------------------------------------


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in "WF"


@cache
def _font(wide: bool, bold: bool, points: float) -> ImageFont.FreeTypeFont:
    if wide:
        path = cjk_font_file(bold=bold)
    else:
        family = font_manager.FontProperties(family="DejaVu Sans", weight="bold" if bold else 400)
        path = font_manager.findfont(family, fallback_to_default=True)
    return ImageFont.truetype(path, max(1, round(points * SCALE)))


def _width(text: str, bold: bool, points: float) -> float:
    """Width in points of a run of text, each character in the font that has its glyph."""
    total = 0.0
    start = 0
    for end in range(1, len(text) + 1):
        if end == len(text) or _wide(text[end]) != _wide(text[start]):
            piece = text[start:end]
            total += _font(_wide(piece[0]), bold, points).getlength(piece) / SCALE
            start = end
    return total


def _line_height(text: str, points: float) -> float:
    """A line's height: the tallest font on it (ascent plus descent), in points."""
    fonts = {_wide(c) for c in text} or {False}
    return max(sum(_font(wide, False, points).getmetrics()) / SCALE for wide in fonts)


def _tokens(text: str) -> list[str]:
    """Pieces a line may break after: a word with its trailing spaces, or one wide character
    (no break before closing punctuation, kept with the character before it)."""
    tokens: list[str] = []
    for character in text:
        closing = character in CLOSING or (character == " " and tokens)
        if tokens and (
            closing or not (_wide(character) or tokens[-1][-1:] in " " or _wide(tokens[-1][-1]))
        ):
            tokens[-1] += character
        else:
            tokens.append(character)
    return tokens


def wrapped_lines(text: str, width: float, points: float, bold: bool) -> tuple[int, bool]:
    """Lines ``text`` takes in ``width`` points, and whether a word is wider than the box."""
    lines, line, too_wide = 1, "", False
    for token in _tokens(text):
        if line and _width((line + token).rstrip(), bold, points) > width:
            lines += 1
            line = token.lstrip(" ")
        else:
            line += token
        too_wide = too_wide or _width(line.rstrip(), bold, points) > width + TOLERANCE_PT
    return lines, too_wide


def text_height(text: str, width: float, points: float, bold: bool = False) -> float:
    """Height in points one paragraph of ``text`` takes wrapped in ``width`` points."""
    lines, _ = wrapped_lines(text, width, points, bold) if text else (1, False)
    return lines * _line_height(text, points)


def _points(run, default: float) -> float:
    return run.font.size.pt if run.font.size is not None else default


def frame_height(frame, width: float, default_points: float = 18.0) -> tuple[float, bool]:
    """Height in points the text frame's paragraphs need in ``width`` points, and whether a
    word is wider than the frame."""
    height, too_wide = 0.0, False
    for paragraph in frame.paragraphs:
        runs = paragraph.runs
        text = "".join(run.text for run in runs)
        points = max((_points(run, default_points) for run in runs), default=default_points)
        bold = any(bool(run.font.bold) for run in runs)
        lines, wide = wrapped_lines(text, width, points, bold) if text else (1, False)
        height += lines * _line_height(text, points)
        space = paragraph.space_after
        height += space.pt if space is not None else 0.0
        too_wide = too_wide or wide
    return height, too_wide


def _insets(frame) -> tuple[float, float]:
    """Horizontal and vertical insets in points (python-pptx defaults: 0.1 and 0.05 in)."""
    left = frame.margin_left if frame.margin_left is not None else Emu(91440)
    right = frame.margin_right if frame.margin_right is not None else Emu(91440)
    top = frame.margin_top if frame.margin_top is not None else Emu(45720)
    bottom = frame.margin_bottom if frame.margin_bottom is not None else Emu(45720)
    return (left + right) / EMU_PER_PT, (top + bottom) / EMU_PER_PT


def _cell_insets(cell) -> tuple[float, float]:
    return (cell.margin_left + cell.margin_right) / EMU_PER_PT, (
        cell.margin_top + cell.margin_bottom
    ) / EMU_PER_PT


def _table_problems(shape, slide_height: float, where: str) -> list[str]:
    """Rows grow to hold their text: the grown table must stay on the slide, and no word
    may be wider than its column."""
    problems = []
    table = shape.table
    total = 0.0
    for i, row in enumerate(table.rows):
        needed = row.height / EMU_PER_PT
        for j, cell in enumerate(row.cells):
            across, down = _cell_insets(cell)
            width = table.columns[j].width / EMU_PER_PT - across
            height, too_wide = frame_height(cell.text_frame, width)
            needed = max(needed, height + down)
            if too_wide:
                problems.append(f"{where}: table cell ({i}, {j}) has a word wider than its column")
        total += needed
    if (shape.top / EMU_PER_PT) + total > slide_height + TOLERANCE_PT:
        problems.append(
            f"{where}: the table runs {shape.top / EMU_PER_PT + total - slide_height:.0f} pt "
            "off the bottom of the slide"
        )
    return problems


def _text_problems(shape, where: str) -> list[str]:
    frame = shape.text_frame
    across, down = _insets(frame)
    height, too_wide = frame_height(frame, shape.width / EMU_PER_PT - across)
    problems = []
    room = shape.height / EMU_PER_PT - down
    if height > room + TOLERANCE_PT:
        text = " ".join(frame.text.split())[:50]
        problems.append(
            f"{where}: {text!r} needs {height:.0f} pt of height, its box has {room:.0f} pt"
        )
    if too_wide:
        problems.append(f"{where}: a word is wider than its box")
    return problems


def _off_slide(shape, width: float, height: float) -> bool:
    left, top = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
    right, bottom = left + shape.width / EMU_PER_PT, top + shape.height / EMU_PER_PT
    tolerance = TOLERANCE_PT
    return (
        left < -tolerance
        or top < -tolerance
        or right > width + tolerance
        or (bottom > height + tolerance)
    )


def slide_problems(path: str | Path) -> list[str]:
    """Text that overflows its box, tables that run off a slide and shapes that leave it,
    in a ``.pptx`` file. Empty when every text fits."""
    deck = Presentation(str(path))
    width = (deck.slide_width or 0) / EMU_PER_PT
    height = (deck.slide_height or 0) / EMU_PER_PT
    problems = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            where = f"slide {number}, {shape.name}"
            if _off_slide(shape, width, height):
                problems.append(f"{where} leaves the slide")
            if shape.has_table:
                problems += _table_problems(shape, height, where)
            elif shape.has_text_frame and shape.text_frame.text.strip():
                problems += _text_problems(shape, where)
    return problems
