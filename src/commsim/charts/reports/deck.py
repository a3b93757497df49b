"""``deck.pptx``: a title slide, the executive summary, one slide per chart titled with its
finding, the comparison table and the assumptions, on 16:9 slides that open in PowerPoint,
Keynote and LibreOffice. Studies (sweeps, sensitivity, calibration) get the same frame around
their own charts and tables (:func:`write_study_deck`)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from commsim.analysis.display import display, format_when
from commsim.analysis.plausibility import source_notes
from commsim.charts.layout import SLIDE_IMAGE_SIZE, keep_together, visual_width
from commsim.charts.layout_check import EMU_PER_PT, text_height
from commsim.charts.reports.report_content import (
    ReportContent,
    difference_text,
    mean_text,
)
from commsim.charts.style import OKABE_ITO
from commsim.config import Scenario
from commsim.experiment.results.atomic import atomic_write
from commsim.locale import money_unit, say, tr

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.45)
TABLE_TEXT = Pt(12)  # tables of text: every cell in one size
# python-pptx's cell insets (0.1 in a side, 0.05 in above and below), in points
CELL_ACROSS_PT, CELL_DOWN_PT = 14.4, 7.2
TITLE_TOP, TITLE_HEIGHT = Inches(0.25), Inches(1.3)
BODY_TOP = Inches(1.6)
DARK, GREY = RGBColor(0x22, 0x22, 0x22), RGBColor(0x66, 0x66, 0x66)
WHITE = RGBColor(255, 255, 255)
ACCENT = RGBColor.from_string(OKABE_ITO[0].lstrip("#"))
DECK_TABLE_METRICS = (
    "incremental_profit",
    "cum_profit",
    "community_members",
    "awareness",
    "buyers",
)
ARMS_PER_TABLE = 7  # rows that stay readable on one slide
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5  # python-pptx default template
DEFAULT_BRAND = Scenario().brand.name  # the model's placeholder, no name for a client


def _title_size(text: str) -> Pt:
    """Long findings get smaller type so that they fit in the title box (at most 3 lines);
    a Chinese or Japanese character counts as two Latin ones."""
    width = visual_width(text)
    return Pt(28 if width <= 60 else 24 if width <= 100 else 20 if width <= 150 else 18)


def fill_text(frame, text: str, size: Pt, *, bold: bool = False, colour: RGBColor = DARK) -> None:
    """Replace a text frame's text with one left-aligned paragraph per line."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    lines = text.split("\n")
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = size
            run.font.bold = bold
            run.font.color.rgb = colour


def _place(shape, left: int, top: int, width: int, height: int) -> None:
    """Position and size in EMU (python-pptx lengths are ints)."""
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def titled_slide(deck, title: str):
    title = keep_together(title)
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE_ONLY])
    shape = slide.shapes.title
    _place(shape, MARGIN, TITLE_TOP, SLIDE_WIDTH - 2 * MARGIN, TITLE_HEIGHT)
    fill_text(shape.text_frame, title, _title_size(title), bold=True)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    return slide


def title_slide(deck, name: str, lines: Sequence[str], line_points: int = 20) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    _place(title, MARGIN * 2, Inches(1.6), SLIDE_WIDTH - 4 * MARGIN, Inches(1.6))
    fill_text(title.text_frame, name, Pt(40 if visual_width(name) <= 40 else 32), bold=True)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    _place(subtitle, MARGIN * 2, Inches(3.5), SLIDE_WIDTH - 4 * MARGIN, Inches(2.6))
    fill_text(subtitle.text_frame, "\n".join(lines), Pt(line_points), colour=GREY)
    subtitle.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    accent = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, MARGIN * 2, Inches(3.3), Inches(1.6), Inches(0.08)
    )
    accent.fill.solid()
    accent.fill.fore_color.rgb = ACCENT
    accent.line.fill.background()


def brand_title(results) -> str:
    """The brand's name for a client (the profile's or the scenario's), not the experiment's
    slug; the slug where the brand has only the model's placeholder name."""
    return results.name if results.brand in ("", DEFAULT_BRAND) else results.brand


def _experiment_title(deck, content: ReportContent) -> None:
    results = content.results
    horizon = format_when(results.horizon, results.horizon)
    lines = [results.description] if results.description else []
    lines.append(
        say(
            "{arms} arms, {n} paired replicates each, {horizon} simulated; seed {seed}",
            arms=len(results.arms),
            n=results.replicates,
            horizon=horizon,
            seed=results.seed,
        )
    )
    lines.append(
        say("experiment {name}, commsim {version}", name=results.name, version=results.version)
    )
    title_slide(deck, brand_title(results), lines)


SUMMARY_BOX = (SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - BODY_TOP - Inches(0.4))
SUMMARY_SPACING = 18  # points after each point of the summary
SMALLEST_SUMMARY_POINTS = 18  # below this a summary goes on to a second slide


def _summary_height(items: Sequence[tuple[str, str]], points: int) -> float:
    """Points of height ``items`` take in the summary box (insets of 0.1 and 0.05 inch)."""
    width = SUMMARY_BOX[0] / EMU_PER_PT - 14.4
    return sum(
        text_height(f"{h}: {keep_together(t)}", width, points, bold=True) + SUMMARY_SPACING
        for h, t in items
    )


def _summary_points(items: Sequence[tuple[str, str]]) -> int:
    """The largest font size (24 pt for a short summary, else 20, down to 18) at which the
    points fit the box."""
    start = 24 if sum(visual_width(t) for _, t in items) < 420 else 20
    room = SUMMARY_BOX[1] / EMU_PER_PT - 7.2
    for points in range(start, SMALLEST_SUMMARY_POINTS, -2):
        if _summary_height(items, points) <= room:
            return points
    return SMALLEST_SUMMARY_POINTS


def _summary_chunks(items: Sequence[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """The points in order, as many to a slide as fit at the smallest summary size."""
    room = SUMMARY_BOX[1] / EMU_PER_PT - 7.2
    chunks: list[list[tuple[str, str]]] = [[]]
    for item in items:
        trial = [*chunks[-1], item]
        if chunks[-1] and _summary_height(trial, SMALLEST_SUMMARY_POINTS) > room:
            chunks.append([item])
        else:
            chunks[-1] = trial
    return chunks


def _summary_slide(deck, items: Sequence[tuple[str, str]], notes: str) -> None:
    """The answer first: one heading and one sentence per point (on as many slides as the
    points need at a readable size)."""
    for chunk in _summary_chunks(items):
        slide = titled_slide(deck, tr("Executive summary"))
        box = slide.shapes.add_textbox(MARGIN, BODY_TOP, *SUMMARY_BOX)
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        size = Pt(_summary_points(chunk))
        for index, (heading, sentence) in enumerate(chunk):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(SUMMARY_SPACING)
            head = paragraph.add_run()
            head.text = f"{heading}: " if heading else ""
            head.font.bold, head.font.size, head.font.color.rgb = True, size, ACCENT
            body = paragraph.add_run()
            body.text = keep_together(sentence)
            body.font.size, body.font.color.rgb = size, DARK
        slide.notes_slide.notes_text_frame.text = notes


def _frame_slides(
    deck,
    title: str,
    frame: pd.DataFrame,
    notes: str,
    widths: Sequence[float] | None = None,
    per_slide: int = 8,
) -> None:
    """A table of text cells, split over slides of at most ``per_slide`` rows, and fewer
    where long (or Chinese and Japanese) text makes rows taller than the slide holds
    (measured with the fonts' metrics, :func:`commsim.charts.layout_check.text_height`)."""
    if len(frame) == 0:
        return
    usable = SLIDE_WIDTH - 2 * MARGIN
    shares = list(widths or [1.0] * len(frame.columns))
    columns = [int(usable * share / sum(shares)) for share in shares]
    rows = [[keep_together(str(value)) for value in row] for row in frame.itertuples(index=False)]
    for chunk in _fitting_chunks(rows, [str(c) for c in frame.columns], columns, per_slide):
        slide = titled_slide(deck, title)
        height = Inches(0.45) * (len(chunk) + 1)
        shape = slide.shapes.add_table(
            len(chunk) + 1, len(frame.columns), MARGIN, BODY_TOP, usable, height
        )
        table = shape.table
        for j, width in enumerate(columns):
            table.columns[j].width = width
        for j, name in enumerate(frame.columns):
            fill_text(table.cell(0, j).text_frame, str(name), TABLE_TEXT, bold=True, colour=WHITE)
        for i, row in enumerate(chunk, start=1):
            for j, value in enumerate(row):
                fill_text(table.cell(i, j).text_frame, value, TABLE_TEXT, bold=j == 0)
        slide.notes_slide.notes_text_frame.text = notes


def _fitting_chunks(
    rows: list[list[str]], header: list[str], columns: list[int], per_slide: int
) -> list[list[list[str]]]:
    """``rows`` in slide-sized runs: at most ``per_slide``, and no more than the space under
    the title holds once each row has grown to its tallest cell."""
    points = TABLE_TEXT.pt

    def row_height(cells: list[str]) -> float:
        return CELL_DOWN_PT + max(
            text_height(text, width / EMU_PER_PT - CELL_ACROSS_PT, points, bold=j == 0)
            for j, (text, width) in enumerate(zip(cells, columns, strict=True))
        )

    room = (SLIDE_HEIGHT - BODY_TOP - MARGIN) / EMU_PER_PT - row_height(header)
    chunks: list[list[list[str]]] = [[]]
    used = 0.0
    for row in rows:
        height = max(row_height(row), Inches(0.45) / EMU_PER_PT)
        if chunks[-1] and (len(chunks[-1]) == per_slide or used + height > room):
            chunks.append([])
            used = 0.0
        chunks[-1].append(row)
        used += height
    return chunks


def chart_slide(deck, title: str, image: bytes, notes: str) -> None:
    slide = titled_slide(deck, title)
    width = SLIDE_WIDTH - 2 * Inches(0.2)
    height = int(width * SLIDE_IMAGE_SIZE[1] / SLIDE_IMAGE_SIZE[0])
    top = min(BODY_TOP, SLIDE_HEIGHT - height - Inches(0.1))
    slide.shapes.add_picture(io.BytesIO(image), Inches(0.2), top, width, height)
    slide.notes_slide.notes_text_frame.text = notes


def _heading(metric: str) -> str:
    """``Incremental profit (USD)``: a column's metric, with the currency of money."""
    info = display(metric)
    text = info.label[:1].upper() + info.label[1:]
    return f"{text} ({money_unit()})" if info.kind == "currency" else text


def _table_cells(content: ReportContent) -> tuple[list[str], list[list[tuple[str, str]]]]:
    """Header and rows (arm x metric: mean with interval, difference with interval)."""
    results = content.results
    table = content.comparison
    last = table[table["checkpoint"] == table["checkpoint"].max()]
    metrics = [m for m in DECK_TABLE_METRICS if m in set(last["metric"])][:4]
    metrics = metrics or list(dict.fromkeys(last["metric"]))[:4]
    header = [tr("Arm")] + [_heading(m) for m in metrics]
    rows = []
    for arm in results.arms:
        cells = [
            (results.labels.get(arm, arm), tr("reference") if arm == results.reference else "")
        ]
        for metric in metrics:
            found = last[(last["arm"] == arm) & (last["metric"] == metric)]
            if not len(found):
                cells.append(("n/a", ""))
                continue
            row = found.iloc[0]
            is_reference = arm == results.reference
            cells.append((mean_text(row), "" if is_reference else difference_text(row)))
        rows.append(cells)
    return header, rows


def _table_slides(deck, content: ReportContent) -> None:
    results = content.results
    if len(content.comparison) == 0:
        return
    header, rows = _table_cells(content)
    day = int(content.comparison["checkpoint"].max())
    reference = results.labels.get(results.reference, results.reference)
    title = say(
        "After {when}: mean (95% CI) per arm; below it, the paired difference to {reference} "
        "(95% CI)",
        when=format_when(day, results.horizon),
        reference=reference,
    )
    first_width = Inches(2.0)
    other_width = int((SLIDE_WIDTH - 2 * MARGIN - first_width) / max(1, len(header) - 1))
    for start in range(0, len(rows), ARMS_PER_TABLE):
        chunk = rows[start : start + ARMS_PER_TABLE]
        big = len(chunk) <= 4  # few rows leave room for larger type
        main_size, detail_size = (Pt(16), Pt(13)) if big else (Pt(13), Pt(11))
        slide = titled_slide(deck, title)
        height = Inches(0.6) + Inches(0.75) * len(chunk)
        shape = slide.shapes.add_table(
            len(chunk) + 1, len(header), MARGIN, BODY_TOP, SLIDE_WIDTH - 2 * MARGIN, height
        )
        table = shape.table
        table.columns[0].width = first_width
        for j in range(1, len(header)):
            table.columns[j].width = other_width
        for j, text in enumerate(header):
            fill_text(table.cell(0, j).text_frame, text, Pt(16), bold=True, colour=WHITE)
        for i, cells in enumerate(chunk, start=1):
            for j, (main, detail) in enumerate(cells):
                frame = table.cell(i, j).text_frame
                fill_text(frame, keep_together(main), main_size, bold=j == 0)
                if detail:
                    paragraph = frame.add_paragraph()
                    paragraph.text = keep_together(detail)
                    paragraph.runs[0].font.size = detail_size
                    paragraph.runs[0].font.color.rgb = GREY
        slide.notes_slide.notes_text_frame.text = results.source_line


def _new_deck():
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    return deck


def write_deck(content: ReportContent, path: Path) -> Path:
    """Write the slide deck (in the content's language); returns its path."""
    deck = _new_deck()
    source = content.results.source_line
    _experiment_title(deck, content)
    if content.summary:
        _summary_slide(deck, content.summary, source)
    for chart in content.charts:
        notes = f"{chart.title}\n{source}\n{tr('Chart file')}: {chart.png.name}"
        chart_slide(deck, chart.title, chart.slide_png, notes)
    _table_slides(deck, content)
    if len(content.plausibility):
        title = tr("Plausibility against published experience")
        notes = "\n".join([source, *source_notes()])
        _frame_slides(
            deck,
            title,
            content.plausibility,
            notes,
            widths=(1.6, 2.2, 1, 1.5, 2.6, 1.8),
            per_slide=6,
        )
    if len(content.assumptions):
        title = tr("Assumptions: the platform, the market and what decides the answer")
        notes = f"{content.assumptions_note}\n{source}"
        _frame_slides(deck, title, content.assumptions, notes, widths=(2.3, 2.5, 3.6), per_slide=8)
    atomic_write(path, deck.save)  # a full disk names the deck, and leaves no half of it
    return path


def write_study_deck(
    path: Path,
    name: str,
    lines: Sequence[str],
    charts: Sequence[tuple[str, bytes, str]],
    tables: Sequence[tuple[str, pd.DataFrame]] = (),
    summary: Sequence[tuple[str, str]] = (),
) -> Path:
    """A study's deck: title, summary, one slide per chart ``(title, png, notes)``, tables."""
    deck = _new_deck()
    title_slide(deck, name, lines)
    if summary:
        _summary_slide(deck, summary, lines[-1] if lines else "")
    for title, image, notes in charts:
        chart_slide(deck, title, image, notes)
    for title, frame in tables:
        _frame_slides(deck, title, frame, lines[-1] if lines else "")
    atomic_write(path, deck.save)  # a full disk names the deck, and leaves no half of it
    return path
