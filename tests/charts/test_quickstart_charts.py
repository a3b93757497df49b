"""End to end: `commsim run` on the shipped quickstart, then `commsim charts` and
`commsim report` on its folder; bad folders exit 2 with one message."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from commsim.cli import app

QUICKSTART = Path(__file__).resolve().parents[2] / "experiments" / "quickstart.toml"


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory) -> Path:
    """The quickstart experiment, shortened to 150 days and 2 replicates to keep tests fast."""
    folder = tmp_path_factory.mktemp("quickstart") / "results"
    options = ["--steps", "150", "--replicates", "2", "--workers", "1", "--no-charts"]
    result = CliRunner().invoke(app, ["run", str(QUICKSTART), "--out", str(folder), *options])
    assert result.exit_code == 0, result.output
    return folder


@pytest.mark.slow  # end to end: a real experiment, then its charts
def test_charts_command_draws_every_chart_of_a_real_results_folder(quickstart):
    result = CliRunner().invoke(app, ["charts", str(quickstart), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    pdfs = sorted((quickstart / "charts").glob("*.pdf"))
    assert len(pdfs) >= 10 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert f"Wrote {len(pdfs)} charts" in result.output


@pytest.mark.slow  # end to end: a real experiment, then its report and deck
def test_report_command_writes_report_and_deck_for_a_real_results_folder(quickstart):
    result = CliRunner().invoke(app, ["report", str(quickstart)])
    assert result.exit_code == 0, result.output
    markdown = (quickstart / "report.md").read_text(encoding="utf-8")
    assert markdown.startswith("# quickstart")
    assert "brand.community = topic, brand.value_share = 0.9" in markdown  # an arm's settings
    assert "## Executive summary" in markdown and "## Assumptions" in markdown
    deck = Presentation(str(quickstart / "deck.pptx"))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert titles[:2] == ["quickstart", "Executive summary"]
    table = titles.index(next(t for t in titles if t.startswith("After 150 days: mean (95% CI)")))
    charts = len(list((quickstart / "charts").glob("*.png")))
    summaries = titles.count("Executive summary")  # a long summary goes on to a second slide
    assert charts >= 10 and 1 <= summaries <= 2 and table == charts + 1 + summaries
    after = titles[table + 1 :]  # the plausibility panel, then the assumptions
    panel = [t for t in after if t.startswith("Plausibility against published experience")]
    assert panel and after[: len(panel)] == panel
    assert after[len(panel) :] and all(t.startswith("Assumptions:") for t in after[len(panel) :])
    answer = titles[1 + summaries]  # the first chart: the answer
    assert answer.startswith(("No strategy", "No clear gain", "Topic", "Brand"))
    assert "(currency)" not in markdown and "USD" in markdown


@pytest.mark.parametrize("command", ["charts", "report"])
def test_a_folder_without_tables_exits_2_with_one_clear_message(tmp_path, command):
    result = CliRunner().invoke(app, [command, str(tmp_path)])
    assert result.exit_code == 2
    message = result.output.strip()
    assert message.startswith("error: results folder")
    assert str(tmp_path) in message and "timeseries.parquet" in message
    assert "Traceback" not in message


@pytest.mark.slow  # needs the real experiment's folder
def test_an_unknown_format_exits_2_naming_the_allowed_ones(quickstart):
    result = CliRunner().invoke(app, ["charts", str(quickstart), "--format", "gif"])
    assert result.exit_code == 2
    assert "allowed: png, svg, pdf" in result.output
