"""No text overprints another, leaves its chart or overflows its slide box, in English,
Chinese and Japanese, with long labels (:mod:`commsim.charts.layout_check`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure
from pptx import Presentation
from pptx.util import Inches, Pt
from synthetic_results import synthetic_timeseries, write_results_folder

from commsim.charts.focal_results import load_results
from commsim.charts.layout import SLIDE_DRAWN_SIZE
from commsim.charts.layout_check import chart_problems, slide_problems, wrapped_lines
from commsim.charts.make import draw_charts
from commsim.charts.reports.report import write_report
from commsim.charts.style import use_style
from commsim.locale import use_language

LONG_LABELS = {
    "push": "Brand page pushing weekly promotions and discount codes",
    "value": "話題社群 + 價值內容 + 意見領袖合作計畫",
    "value_kol": "Topic community with value content, a reply team and paid leaders",
}
EXAMPLE = Path(__file__).parents[2] / "experiments" / "taipei_water.toml"


def chart_and_slide_problems(folder: Path, lang: str) -> list[str]:
    """Every chart at its file size and at the size slides draw it, then the deck."""
    problems = []
    with use_language(lang):
        results = load_results(folder)
        with use_language(lang, results.currency), use_style("deck"):
            for chart in draw_charts(results):
                for size in (None, SLIDE_DRAWN_SIZE):
                    problems += [f"{chart.name}: {p}" for p in chart_problems(chart.figure, size)]
    deck = write_report(folder, lang=lang)[-1]
    return problems + slide_problems(deck)


def test_the_chart_check_finds_overprinted_and_clipped_text():
    with use_style("deck"):
        figure = Figure(figsize=(4, 3))
        figure.text(0.3, 0.5, "89.2萬, 45% 的市場")
        figure.text(0.32, 0.51, "93.4萬, 47% 的市場")  # a neighbour's label over it
        figure.text(0.9, 0.1, "a label running off the right edge")
        figure.text(0.1, 0.9, "alone")
        problems = sorted(chart_problems(figure))
    assert len(problems) == 2
    assert "overprints" in problems[0] and "leaves the figure" in problems[1]


def test_the_slide_check_finds_text_taller_than_its_box(tmp_path):
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(0.6))
    box.text_frame.word_wrap = True
    box.text_frame.text = "話題社群 + 價值內容" * 4
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    deck.save(tmp_path / "deck.pptx")
    assert len(slide_problems(tmp_path / "deck.pptx")) == 1
    lines, too_wide = wrapped_lines("話題社群 + 價值內容" * 4, 3 * 72 - 14.4, 20, False)
    assert lines >= 3 and not too_wide  # Chinese breaks between characters


@pytest.mark.slow  # every chart and slide drawn and measured (24 s)
@pytest.mark.parametrize("lang", ["zh-TW"])  # English and Japanese: the Taipei example below
def test_long_labels_and_cjk_text_fit_every_chart_and_slide(tmp_path, lang):
    folder = write_results_folder(
        tmp_path / lang,
        synthetic_timeseries(world=True, replicates=3, steps=400, arms=LONG_LABELS),
        labels=LONG_LABELS,
        currency="TWD",
    )
    assert chart_and_slide_problems(folder, lang) == []


@pytest.fixture(scope="module")
def taipei(tmp_path_factory) -> Path:
    """The Taipei example, small: 2 replicates of 2,000 members (about 20 s on 2 cores)."""
    from commsim import run_experiment
    from commsim.experiment.spec.experiment_spec import load_experiment

    out = tmp_path_factory.mktemp("taipei") / "results"
    experiment = load_experiment(EXAMPLE, ["experiment.replicates=2", "population.members=2000"])
    run_experiment(experiment, out=out, workers=1)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh-TW", "ja", "en"])
def test_the_taipei_example_fits_in_every_language(taipei, lang):
    assert chart_and_slide_problems(taipei, lang) == []
    slides = list(Presentation(str(taipei / "deck.pptx")).slides)
    texts = [_plain(slide.shapes.title.text_frame.text) for slide in slides]
    assert texts[0] == "清泉水"  # the brand's name, not the experiment's slug
    if lang != "en":
        return
    # One interval per difference: the difference chart's title quotes the table's.
    table_slide = next(
        slide for slide, text in zip(slides, texts, strict=True) if text.startswith("After")
    )
    table = next(shape for shape in table_slide.shapes if shape.has_table).table
    cell = _plain(table.cell(2, 1).text)  # topic_value's incremental profit; its difference
    interval = cell.rsplit("(", 1)[1].rstrip(")")
    difference = next(
        text for text in texts if text.startswith("話題社群 + 價值內容 is clearly ahead")
    )
    assert interval in difference, (interval, difference)


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u2212", "-").split())
