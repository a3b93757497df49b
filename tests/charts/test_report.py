"""Report and deck: self-contained HTML, Markdown with findings, a deck that opens."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pptx.util import Emu

from commsim.charts import ResultsFolderError
from commsim.charts.reports.report import write_report


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """One report for a synthetic folder with a crossover at day 600 (about 20 months)."""
    from synthetic_results import synthetic_timeseries, write_results_folder

    folder = tmp_path_factory.mktemp("report") / "results"
    write_results_folder(folder, synthetic_timeseries(crossover_day=600.0))
    return folder, write_report(folder)


def chart_titles(folder) -> list[str]:
    """The findings as the Markdown report lists them under its charts."""
    text = (folder / "report.md").read_text(encoding="utf-8")
    return re.findall(r"^### (.+)$", text, flags=re.MULTILINE)


def test_report_files_are_written(report):
    folder, paths = report
    assert [p.name for p in paths] == ["report.md", "report.html", "deck.pptx"]
    assert all(p.parent == folder and p.stat().st_size > 0 for p in paths)


def test_markdown_report_has_question_setup_findings_charts_and_comparison(report):
    folder, _ = report
    text = (folder / "report.md").read_text(encoding="utf-8")
    for heading in ("## Setup", "## Headline findings", "## Charts", "## Comparison"):
        assert heading in text
    assert "**Question.** Does value content pay off later than sales push?" in text
    assert "- Value overtakes Push in cumulative profit after 20 months (95% of runs:" in text
    assert "- Value ends highest in community members after 24 months:" in text
    for link in re.findall(r"\]\((charts/[^)]+)\)", text):
        assert (folder / link).is_file()
    assert "| Metric | Day | Arm | Mean (95% CI) | vs Push (95% CI) |" in text


def test_html_report_is_self_contained(report):
    folder, _ = report
    page = (folder / "report.html").read_text(encoding="utf-8")
    images = re.findall(r'<img [^>]*src="([^"]+)"', page)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    assert len(images) == len(chart_titles(folder))
    assert "<table>" in page and "Headline findings" in page


def test_deck_opens_and_has_title_chart_and_table_slides(report):
    folder, _ = report
    deck = Presentation(str(folder / "deck.pptx"))
    assert deck.slide_width == Emu(int(13.333 * 914400))  # 16:9
    assert round(deck.slide_width / deck.slide_height, 2) == round(16 / 9, 2)
    slides = list(deck.slides)
    titles = [
        slide.shapes.title.text_frame.text.replace("\u00a0", " ").replace("\u2212", "-")
        for slide in slides
    ]
    findings = chart_titles(folder)
    assert titles[:2] == ["synthetic", "Executive summary"]
    assert titles[2 : 2 + len(findings)] == findings
    chart_slides = slides[2 : 2 + len(findings)]
    assert all(any(s.shape_type == 13 for s in slide.shapes) for slide in chart_slides)  # picture
    table_slide = slides[2 + len(findings)]
    assert titles[2 + len(findings)].startswith("After 24 months: mean (95% CI) per arm")
    assert titles[-1].startswith("Assumptions: the platform, the market")
    table = next(shape for shape in table_slide.shapes if shape.has_table).table
    assert [cell.text for cell in table.rows[0].cells][:2] == ["Arm", "Cumulative profit (USD)"]
    assert table.cell(1, 0).text.startswith("Push")


def test_shapes_stay_on_the_slide(report):
    folder, _ = report
    deck = Presentation(str(folder / "deck.pptx"))
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width
            assert shape.top + shape.height <= deck.slide_height


def test_report_on_a_folder_without_tables_is_an_error(tmp_path):
    with pytest.raises(ResultsFolderError, match="timeseries.parquet"):
        write_report(tmp_path)
