"""``claims.pptx``: the claims audit as slides in the deck's style (16:9, the deck's title
boxes, type and colours, reusing :mod:`commsim.charts.reports.deck`'s helpers): a title slide, the
verdicts, each claim's charts titled with their findings, and the screening."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from commsim.charts.layout import keep_together
from commsim.charts.reports.deck import (
    BODY_TOP,
    DARK,
    GREY,
    MARGIN,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    chart_slide,
    fill_text,
    title_slide,
    titled_slide,
)
from commsim.charts.style import OKABE_ITO
from commsim.claims.claims_findings import platform_label, verdict_word
from commsim.claims.claims_verdicts import HOLDS, REVERSED
from commsim.experiment.results.atomic import atomic_write
from commsim.locale import say, tr

ROWS_PER_SLIDE = 4  # claims per verdict slide: two lines each stay readable
VERDICT_INK = {
    HOLDS: RGBColor.from_string(OKABE_ITO[0].lstrip("#")),
    REVERSED: RGBColor.from_string(OKABE_ITO[1].lstrip("#")),
}
WARNING_HEIGHT = Inches(0.55)
WHITE = RGBColor(255, 255, 255)


def deck_lines(info: dict[str, Any], quick_look: str, drawn: str = "") -> list[str]:
    """The title slide's lines: the quick-look warning first, then what was run (``info``:
    the audit's description, audit.json), then where drawn assumptions came from."""
    sizing = info.get("sizing", {})
    lines = [quick_look] if quick_look else []
    lines.append(
        say(
            "Platforms: {platforms}. {n} paired replicates per arm, seed {seed}, {runs} runs",
            platforms=", ".join(platform_label(p) for p in info.get("platforms", [])),
            n=sizing.get("replicates"),
            seed=sizing.get("seed"),
            runs=f"{info.get('runs', 0):,}",
        )
    )
    return [*lines, drawn] if drawn else lines


def _table_slide(
    deck, title: str, frame: pd.DataFrame, notes: str, *, verdicts: bool, warning: str = ""
) -> None:
    """A table under a title; with ``verdicts``, cells read ``verdict: effect (interval)``
    and the verdict takes its colour; a ``warning`` stands above the table."""
    slide = titled_slide(deck, title)
    top: int = BODY_TOP
    if warning:
        box = slide.shapes.add_textbox(MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, WARNING_HEIGHT)
        fill_text(box.text_frame, warning, Pt(16), bold=True, colour=VERDICT_INK[REVERSED])
        top += WARNING_HEIGHT
    rows, columns = len(frame) + 1, len(frame.columns)
    height = min(SLIDE_HEIGHT - top - Inches(0.3), Inches(0.55) + Inches(0.95) * len(frame))
    shape = slide.shapes.add_table(rows, columns, MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, height)
    table = shape.table
    first = Inches(3.2) if verdicts else Inches(1.2)
    table.columns[0].width = first
    for j in range(1, columns):
        table.columns[j].width = int((SLIDE_WIDTH - 2 * MARGIN - first) / max(1, columns - 1))
    for j, name in enumerate(frame.columns):
        fill_text(table.cell(0, j).text_frame, str(name), Pt(15), bold=True, colour=WHITE)
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            text = keep_together(str(value))
            frame_ = table.cell(i, j).text_frame
            if verdicts and j > 0 and ": " in text:
                verdict, detail = text.split(": ", 1)
                ink = {verdict_word(v): colour for v, colour in VERDICT_INK.items()}
                fill_text(frame_, verdict, Pt(15), bold=True, colour=ink.get(verdict, GREY))
                paragraph = frame_.add_paragraph()
                paragraph.text = detail
                paragraph.runs[0].font.size = Pt(12)
                paragraph.runs[0].font.color.rgb = GREY
            else:
                fill_text(frame_, text, Pt(13), bold=verdicts and j == 0, colour=DARK)
    slide.notes_slide.notes_text_frame.text = notes


def write_claims_deck(
    path: Path,
    title: str,
    lines: Sequence[str],
    verdicts: pd.DataFrame,
    charts: Sequence[tuple[str, bytes]],
    screening: Sequence[tuple[str, pd.DataFrame]],
    source: str,
    *,
    warning: str = "",
) -> Path:
    """Write the slides: title, verdicts (a few claims per slide, under the quick audit's
    ``warning``), every chart (finding as title), the screening (one slide per claim), in
    the current language; returns the path."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    title_slide(deck, title, lines, 18)  # the audit's lines are longer
    for start in range(0, len(verdicts), ROWS_PER_SLIDE):
        chunk = verdicts.iloc[start : start + ROWS_PER_SLIDE]
        heading = tr(
            "Does each claim hold on each platform? The verdict, and the effect with its 95% range"
        )
        _table_slide(deck, heading, chunk, source, verdicts=True, warning=warning)
    for finding, image in charts:
        chart_slide(deck, finding, image, f"{finding}\n{source}")
    for finding, frame in screening:
        _table_slide(deck, finding, frame, source, verdicts=False)
    atomic_write(path, lambda temporary: deck.save(str(temporary)))
    return path
