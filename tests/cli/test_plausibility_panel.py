"""The plausibility panel end to end: a run whose arm buys far more ads than any page does
is flagged, in plain words, in the console, report.md, report.html and on the deck's
executive-summary slide."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from commsim.analysis.plausibility import OUTSIDE, SUMMARY_FLAG

EXPERIMENT = """\
[experiment]
name = "huge_ads"
steps = 60
replicates = 2
seed = 3
reference = "page"

[base]
population.members = 400
population.market_size = 40000
population.market_history_days = 60

[arms.page]
brand.value_share = 0.5

[arms.huge_ads]
label = "Huge ads"
brand.ad_budget_per_day = 20000
"""


@pytest.mark.slow  # a whole run, report and deck (16 s)
def test_an_arm_outside_the_published_bands_is_flagged_everywhere(tmp_path: Path):
    (tmp_path / "huge_ads.toml").write_text(EXPERIMENT, encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "commsim", "run", "huge_ads.toml", "--out", "out", "--workers", "1"],
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "240"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    console = done.stdout
    panel = console[console.index("Plausibility: each arm against published experience") :]
    huge = [line for line in panel.splitlines() if "huge_ads" in line]
    assert any("sales lift against no" in line and "outside anything" in line for line in huge)
    assert "Dost et al. 2019" in panel

    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## Plausibility against published experience" in report
    flagged = [line for line in report.splitlines() if line.startswith("| Huge ads |")]
    assert any("sales lift against no programme" in line and OUTSIDE in line for line in flagged)
    assert "- **Plausibility:** " in report and SUMMARY_FLAG in report
    assert "Plausibility against published experience</h2>" in (out / "report.html").read_text(
        encoding="utf-8"
    )

    deck = Presentation(str(out / "deck.pptx"))
    summaries = [  # a long summary goes on to a second slide
        slide
        for slide in deck.slides
        if slide.shapes.title is not None and slide.shapes.title.text == "Executive summary"
    ]
    assert summaries
    text = "\n".join(
        shape.text_frame.text
        for summary in summaries
        for shape in summary.shapes
        if shape.has_text_frame
    )
    text = text.replace("\xa0", " ").replace("\u2060", "")
    assert "Plausibility: " in text
    assert "Huge ads: sales lift against no programme" in text
    assert SUMMARY_FLAG in text
